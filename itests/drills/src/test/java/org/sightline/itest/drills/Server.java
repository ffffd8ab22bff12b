package org.sightline.itest.drills;

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
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.sightline.itest.support.Watchdog;

/**
 * The assembled distribution, unpacked under target/ and started as a child process ({@code bin/karaf server}) on
 * free loopback ports, with sample data on. It can be stopped cleanly ({@link #close()}) or killed with SIGKILL
 * ({@link #kill()}, the JVM only, as a crash or the OOM killer would) and started again on the same folder.
 */
final class Server implements AutoCloseable {
    static final String SHELL_USER = "drill-shell";
    static final String SHELL_PASSWORD = "drill-shell-secret";
    /** A server operator and admin of the sample partner, made by {@link #addAdmin()}. */
    static final String ADMIN = "ada";
    static final String ADMIN_PASSWORD = "ada-secret";

    final Path home;
    final int httpPort;
    final int sshPort;
    private Process process;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

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
        cfg("etc/org.sightline.sample.cfg", "customers", "20");
        // -Ddrill.h2.url=... runs on another H2 URL: without WRITE_DELAY=0 the durability drill fails, as it should
        if (System.getProperty("drill.h2.url") != null) {
            datasourceCfg();
            cfg("etc/org.ops4j.datasource-sightline.cfg", "url", System.getProperty("drill.h2.url"));
        }
        String repo = System.getProperty("maven.repo.local", System.getProperty("user.home") + "/.m2/repository");
        cfg("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.localRepository", repo);
        Files.writeString(home.resolve("etc/users.properties"),
                "\n" + SHELL_USER + " = " + SHELL_PASSWORD + ",_g_:admingroup\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    /** Points the distribution at a PostgreSQL database (before {@link #start()}), with the shipped pool settings. */
    void usePostgres(Pg.Database db) throws IOException {
        Path f = datasourceCfg();
        String shipped = Files.readString(f);
        String timeout = shipped.lines().filter(l -> l.startsWith("pool.connectionTimeout")).findFirst()
                .orElseThrow(() -> new IllegalStateException("the shipped datasource cfg has no pool.connectionTimeout"));
        Files.write(f, List.of(
                "osgi.jdbc.driver.class = org.postgresql.Driver",
                "url = " + db.url(),
                "user = " + db.user(),
                "password = " + db.password(),
                "dataSourceName = sightline",
                "pool = hikari",
                "xa = false",
                "pool.initializationFailTimeout = -1",
                timeout));
    }

    /**
     * etc/org.ops4j.datasource-sightline.cfg, copied from the one the core feature ships in system/ (the feature
     * writes it at the first boot only when it is missing, so an edit before the first boot must start from it).
     */
    private Path datasourceCfg() throws IOException {
        Path f = home.resolve("etc/org.ops4j.datasource-sightline.cfg");
        if (!Files.exists(f)) {
            try (Stream<Path> s = Files.walk(home.resolve("system/org/sightline"))) {
                Path shipped = s.filter(p -> p.getFileName().toString().endsWith("-datasource.cfg")).findFirst()
                        .orElseThrow(() -> new IllegalStateException("no *-datasource.cfg under system/org/sightline"));
                Files.copy(shipped, f);
            }
        }
        return f;
    }

    /** Copies a bundle into deploy/ (picked up within a second, also before start). */
    void deploy(Path jar) throws IOException {
        Files.copy(jar, home.resolve("deploy").resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
    }

    /** Starts the server (again, after {@link #kill()}) and waits for liveness and readiness. */
    void start() throws Exception {
        Watchdog.startForCaller();
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/karaf").toString(), "server")
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("console.log").toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().put("JAVA_MAX_MEM", "768m");
        process = pb.start();
        // When the test JVM is stopped from outside (failsafe's fork time limit), the server goes with it.
        Process started = process;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            started.descendants().forEach(ProcessHandle::destroyForcibly);
            started.destroyForcibly();
        }, "sightline-server-reaper"));
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        while (System.nanoTime() < until) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Karaf exited during start; see " + home.resolve("console.log"));
            }
            try {
                if (get("/api/v1/health/ready").statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("no 200 from /api/v1/health/ready within 240 s");
    }

    /** SIGKILL to the server's JVM (the java child of bin/karaf), then waits until it and the script are gone. */
    long kill() throws Exception {
        ProcessHandle java = jvm().orElseThrow(() -> new IllegalStateException("no java process under bin/karaf"));
        long pid = java.pid();
        java.destroyForcibly();
        java.onExit().get(30, TimeUnit.SECONDS);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        return pid;
    }

    private Optional<ProcessHandle> jvm() {
        return process.descendants()
                .filter(h -> h.info().command().map(c -> c.endsWith("/java") || c.equals("java")).orElse(false))
                .findFirst();
    }

    String base() {
        return "http://127.0.0.1:" + httpPort;
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(40)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** GET as the admin, with HTTP Basic. */
    HttpResponse<String> getAsAdmin(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(40))
                .header("Authorization", basic()).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    static String basic() {
        return "Basic " + Base64.getEncoder().encodeToString((ADMIN + ":" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    /** Adds the admin (an operator of the first, sample partner) and waits until it can sign in. */
    void addAdmin() throws Exception {
        String out = shell("sightline:user-add --operator --password " + ADMIN_PASSWORD + " -d \"Ada Admin\" " + ADMIN + " admin");
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < until) {
            if (getAsAdmin("/api/v1/customers?limit=1").statusCode() == 200) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the admin cannot sign in; sightline:user-add said: " + out);
    }

    /** Waits until the product is deployed (listed by /api/v1/products). */
    void awaitProduct(String id) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < until) {
            HttpResponse<String> r = getAsAdmin("/api/v1/products");
            if (r.statusCode() == 200 && r.body().contains("\"" + id + "\"")) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("product " + id + " not deployed within 90 s");
    }

    /** Creates an ingestion token of the first partner through the shell and returns it. */
    String ingestToken(String name) throws Exception {
        String out = shell("sightline:token-create \"" + name + "\"");
        List<String> lines = out.lines().map(String::trim).toList();
        for (int i = 0; i < lines.size() - 1; i++) {
            if (lines.get(i).contains("shown only now")) {
                return lines.get(i + 1);
            }
        }
        throw new IllegalStateException("no token in: " + out);
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

    static void run(Path dir, List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException("failed: " + cmd);
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteTree(Path p) throws IOException {
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
