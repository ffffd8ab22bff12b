package org.sightline.itest.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.sightline.itest.support.Watchdog;

/**
 * The assembled distribution, unpacked under target/ and started as a child process ({@code bin/karaf server})
 * on free loopback ports, with sample data on. Stopped with {@code bin/stop}; the process is waited for.
 */
final class Server implements AutoCloseable {
    static final String SHELL_USER = "itest-shell";
    static final String SHELL_PASSWORD = "itest-shell-secret";

    final Path home;
    final int httpPort;
    final int sshPort;
    private Process process;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    Server(Path tarball, Path work) throws IOException, InterruptedException {
        if (!Files.isRegularFile(tarball)) {
            throw new IllegalStateException("no distribution at " + tarball + ": build karaf-assembly first");
        }
        deleteTree(work);
        Files.createDirectories(work);
        run(work, List.of("tar", "-xzf", tarball.toString(), "-C", work.toString(), "--strip-components=1"));
        home = work;
        httpPort = freePort();
        sshPort = freePort();
        cfg("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port", String.valueOf(httpPort));
        cfg("etc/org.apache.karaf.shell.cfg", "sshPort", String.valueOf(sshPort));
        cfg("etc/org.apache.karaf.management.cfg", "rmiRegistryPort", String.valueOf(freePort()));
        cfg("etc/org.apache.karaf.management.cfg", "rmiServerPort", String.valueOf(freePort()));
        cfg("etc/org.sightline.sample.cfg", "enabled", "true");
        String repo = System.getProperty("maven.repo.local", System.getProperty("user.home") + "/.m2/repository");
        cfg("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.localRepository", repo);
        Files.writeString(home.resolve("etc/users.properties"),
                "\n" + SHELL_USER + " = " + SHELL_PASSWORD + ",_g_:admingroup\n", StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);
    }

    /** Copies a bundle into deploy/ (picked up within a second, also before start). */
    void deploy(Path jar) throws IOException {
        Files.copy(jar, home.resolve("deploy").resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
    }

    void start() throws Exception {
        Watchdog.startForCaller();
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/karaf").toString(), "server")
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(home.resolve("console.log").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().put("JAVA_MAX_MEM", "768m");
        process = pb.start();
        // When the test JVM is stopped from outside (failsafe's fork time limit), the server goes with it.
        Process started = process;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            started.descendants().forEach(ProcessHandle::destroyForcibly);
            started.destroyForcibly();
        }, "sightline-server-reaper"));
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < until) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Karaf exited during start; see " + home.resolve("console.log"));
            }
            try {
                if (get("/api/v1/health").statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("no 200 from /api/v1/health within 180 s");
    }

    String base() {
        return "http://127.0.0.1:" + httpPort;
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(20)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Runs a Karaf shell command through bin/client and returns what it printed. */
    String shell(String command) throws IOException, InterruptedException {
        Path in = Files.createTempFile("karaf-cmd", ".txt");
        Files.writeString(in, command + "\n");
        Path out = Files.createTempFile("karaf-out", ".txt");
        try {
            Process p = new ProcessBuilder(home.resolve("bin/client").toString(), "-a", String.valueOf(sshPort), "-h", "127.0.0.1",
                    "-u", SHELL_USER, "-p", SHELL_PASSWORD, "-r", "10", "-d", "1", "-b")
                    .directory(home.toFile()).redirectErrorStream(true)
                    .redirectInput(in.toFile()).redirectOutput(out.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("bin/client did not finish: " + command);
            }
            return Files.readString(out);
        } finally {
            Files.deleteIfExists(in);
            Files.deleteIfExists(out);
        }
    }

    @Override
    public void close() throws Exception {
        if (process == null || !process.isAlive()) {
            return;
        }
        List<ProcessHandle> children = process.descendants().toList();
        try {
            run(home, List.of(home.resolve("bin/stop").toString()));
        } catch (Exception e) {
            // fall through to waiting / killing
        }
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            children.forEach(ProcessHandle::destroy);
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                children.forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        for (ProcessHandle h : children) {
            h.onExit().get(20, TimeUnit.SECONDS);
        }
    }

    private void cfg(String file, String key, String value) throws IOException {
        Path f = home.resolve(file);
        Properties props = new Properties();
        List<String> lines = Files.exists(f) ? Files.readAllLines(f) : new java.util.ArrayList<>();
        List<String> kept = new java.util.ArrayList<>();
        for (String l : lines) {
            String t = l.trim();
            if (!t.startsWith("#") && (t.startsWith(key + " ") || t.startsWith(key + "=") || t.startsWith(key + ":"))) {
                continue;
            }
            kept.add(l);
        }
        kept.add(key + " = " + value);
        props.clear();
        Files.write(f, kept);
    }

    private static void run(Path dir, List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("failed: " + cmd);
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path x : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(x);
            }
        }
    }
}
