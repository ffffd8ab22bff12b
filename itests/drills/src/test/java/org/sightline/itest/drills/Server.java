package org.sightline.itest.drills;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.sightline.itest.support.KarafServer;

/**
 * The assembled distribution, unpacked under target/ and started as a child process ({@code bin/karaf server}) on
 * free loopback ports, with sample data on. It can be stopped cleanly ({@link #close()}) or killed with SIGKILL
 * ({@link #kill()}, the JVM only, as a crash or the OOM killer would) and started again on the same folder.
 */
final class Server extends KarafServer {
    static final String SHELL_USER = "drill-shell";
    static final String SHELL_PASSWORD = "drill-shell-secret";
    /** A server operator and admin of the sample partner, made by {@link #addAdmin()}. */
    static final String ADMIN = "ada";
    static final String ADMIN_PASSWORD = "ada-secret";

    Server(Path tarball, Path work) throws IOException, InterruptedException {
        super(tarball, work, SHELL_USER, SHELL_PASSWORD);
        cfg("etc/org.sightline.sample.cfg", "customers", "20");
        // -Ddrill.h2.url=... runs on another H2 URL: without WRITE_DELAY=0 the durability drill fails, as it should
        if (System.getProperty("drill.h2.url") != null) {
            datasourceCfg();
            cfg("etc/org.ops4j.datasource-sightline.cfg", "url", System.getProperty("drill.h2.url"));
        }
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

    /** Starts the server (again, after {@link #kill()}) and waits for liveness and readiness. */
    void start() throws Exception {
        start("/api/v1/health/ready", Duration.ofSeconds(240));
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
}
