package org.sightline.itest.support;

import java.io.File;
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
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The assembled distribution, unpacked under target/ and started as a child process ({@code bin/karaf server})
 * on free loopback ports, with sample data on and a shell user for {@code bin/client}. Stopped with
 * {@code bin/stop}; the process is waited for. The browser tests and the drills each extend it with what
 * only they need.
 */
public class KarafServer implements AutoCloseable {
    /** Where the distribution is unpacked. */
    public final Path home;
    /** The HTTP port. */
    public final int httpPort;
    /** The SSH port of the Karaf shell. */
    public final int sshPort;
    /** An HTTP client for the server. */
    public final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** The {@code bin/karaf server} process, once started. */
    protected Process process;
    private final String shellUser;
    private final String shellPassword;

    /**
     * Unpacks the distribution into {@code work} (emptied first) and configures free ports, sample data and
     * the shell user.
     */
    public KarafServer(Path tarball, Path work, String shellUser, String shellPassword) throws IOException, InterruptedException {
        if (!Files.isRegularFile(tarball)) {
            throw new IllegalStateException("no distribution at " + tarball + ": build karaf-assembly first");
        }
        this.shellUser = shellUser;
        this.shellPassword = shellPassword;
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
        // a few generated sample customers per backup product get sample backups, not all of them (a minute or more
        // of database work after start-up); the Sample Customer always does
        cfg("etc/org.sightline.family.backup.cfg", "sample.customers", "3");
        String repo = System.getProperty("maven.repo.local", System.getProperty("user.home") + "/.m2/repository");
        cfg("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.localRepository", repo);
        Files.writeString(home.resolve("etc/users.properties"),
                "\n" + shellUser + " = " + shellPassword + ",_g_:admingroup\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    /** Copies a bundle into deploy/ (picked up within a second, also before start). */
    public void deploy(Path jar) throws IOException {
        Files.copy(jar, home.resolve("deploy").resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
    }

    /**
     * Starts the server (again, on the same folder, after it stopped) under the caller's watchdog, and waits
     * until {@code readyPath} answers 200.
     */
    protected void start(String readyPath, Duration within) throws Exception {
        Watchdog.startForCaller();
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/karaf").toString(), "server")
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("console.log").toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().put("JAVA_MAX_MEM", "768m");
        process = pb.start();
        // When the test JVM is stopped from outside (failsafe's fork time limit), the server goes with it.
        Process started = process;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            started.descendants().forEach(ProcessHandle::destroyForcibly);
            started.destroyForcibly();
        }, "sightline-server-reaper"));
        long until = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < until) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Karaf exited during start; see " + home.resolve("console.log"));
            }
            try {
                if (get(readyPath).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("no 200 from " + readyPath + " within " + within.toSeconds() + " s");
    }

    /** The server's address, {@code http://127.0.0.1:<port>}. */
    public String base() {
        return "http://127.0.0.1:" + httpPort;
    }

    /** GET without credentials. */
    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(40)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Runs a Karaf shell command through bin/client and returns what it printed. */
    public String shell(String command) throws IOException, InterruptedException {
        Path in = Files.createTempFile("karaf-cmd", ".txt");
        Files.writeString(in, command + "\n");
        Path out = Files.createTempFile("karaf-out", ".txt");
        try {
            Process p = new ProcessBuilder(home.resolve("bin/client").toString(), "-a", String.valueOf(sshPort), "-h", "127.0.0.1",
                    "-u", shellUser, "-p", shellPassword, "-r", "10", "-d", "1", "-b")
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

    /** Stops the server with bin/stop, then waits for it and its children (and kills what does not end). */
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

    /** Sets a key of a configuration file under the distribution (the file is created when missing). */
    protected final void cfg(String file, String key, String value) throws IOException {
        Path f = home.resolve(file);
        List<String> lines = Files.exists(f) ? Files.readAllLines(f) : new ArrayList<>();
        List<String> kept = new ArrayList<>();
        for (String l : lines) {
            String t = l.trim();
            if (!t.startsWith("#") && (t.startsWith(key + " ") || t.startsWith(key + "=") || t.startsWith(key + ":"))) {
                continue;
            }
            kept.add(l);
        }
        kept.add(key + " = " + value);
        Files.write(f, kept);
    }

    /** Runs a command in a folder, within two minutes, and fails unless it exits with 0. */
    public static void run(Path dir, List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("failed: " + cmd);
        }
    }

    /** A free loopback port. */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes a folder and everything in it, if it exists. */
    public static void deleteTree(Path p) throws IOException {
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
