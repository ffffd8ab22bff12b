package org.sightline.itest.drills;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** PostgreSQL for the drills: a fresh database on the server {@code ./test} started, or a cluster of our own. */
final class Pg {
    /** A database the distribution can be pointed at. */
    record Database(String url, String user, String password) {
    }

    private Pg() {
    }

    /** The PostgreSQL that {@code SIGHTLINE_TEST_PG_URL} names, or empty (then say so loudly: the drill is skipped). */
    static Optional<String> testUrl() {
        String url = System.getenv("SIGHTLINE_TEST_PG_URL");
        return url == null || url.isBlank() ? Optional.empty() : Optional.of(url);
    }

    /** Creates a new, empty database on the server of {@code jdbcUrl} (whose user may create databases). */
    static Database freshDatabase(String jdbcUrl) throws Exception {
        URI u = URI.create(jdbcUrl.substring("jdbc:".length()));
        Map<String, String> q = new HashMap<>();
        if (u.getRawQuery() != null) {
            for (String kv : u.getRawQuery().split("&")) {
                int i = kv.indexOf('=');
                if (i > 0) {
                    q.put(kv.substring(0, i), URLDecoder.decode(kv.substring(i + 1), StandardCharsets.UTF_8));
                }
            }
        }
        String name = "sightline_drill_" + Long.toHexString(System.nanoTime());
        try (Connection c = DriverManager.getConnection(jdbcUrl); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return new Database("jdbc:postgresql://" + u.getHost() + ":" + u.getPort() + "/" + name, q.get("user"), q.get("password"));
    }

    /** A throwaway cluster in a temporary folder on a free loopback port, run with the Debian binaries. */
    static final class Cluster implements AutoCloseable {
        private final Path bin;
        private final Path dir;
        final int port;
        private final String password;

        Cluster() throws Exception {
            try (Stream<Path> s = Files.list(Path.of("/usr/lib/postgresql"))) {
                bin = s.map(p -> p.resolve("bin")).filter(p -> Files.isExecutable(p.resolve("initdb")))
                        .max(Comparator.comparing(p -> Integer.parseInt(p.getParent().getFileName().toString())))
                        .orElseThrow(() -> new IllegalStateException("no PostgreSQL server binaries under /usr/lib/postgresql"));
            }
            dir = Files.createTempDirectory("sightline-drill-pg", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            port = Server.freePort();
            byte[] b = new byte[12];
            new SecureRandom().nextBytes(b);
            password = java.util.HexFormat.of().formatHex(b);
            Files.writeString(dir.resolve("pw"), password + "\n");
            if (root()) {
                run(List.of("chown", "-R", "postgres", dir.toString()), false);
            }
            run(List.of(bin.resolve("initdb").toString(), "-D", dir.resolve("data").toString(), "-U", "sightline",
                    "--pwfile=" + dir.resolve("pw"), "-E", "UTF8", "--locale=C.UTF-8", "--auth-local=trust",
                    "--auth-host=scram-sha-256"), true);
            start();
            run(List.of(bin.resolve("createdb").toString(), "-h", dir.toString(), "-p", String.valueOf(port), "-U", "sightline",
                    "sightline"), true);
        }

        Database database() {
            return new Database("jdbc:postgresql://127.0.0.1:" + port + "/sightline", "sightline", password);
        }

        void start() throws Exception {
            run(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-l", dir.resolve("server.log").toString(),
                    "-w", "-o", "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1", "start"), true);
        }

        /** Stops the server at once (clients are disconnected, no checkpoint): an outage as a crash would make it. */
        void stop() throws Exception {
            run(List.of(bin.resolve("pg_ctl").toString(), "-D", dir.resolve("data").toString(), "-m", "immediate", "-w", "stop"), true);
        }

        @Override
        public void close() throws Exception {
            try {
                if (Files.exists(dir.resolve("data/postmaster.pid"))) {
                    stop();
                }
            } finally {
                Server.deleteTree(dir);
            }
        }

        private static boolean root() {
            return "root".equals(System.getProperty("user.name"));
        }

        /** Runs a command (as postgres when we are root, from /, which postgres may enter). */
        private void run(List<String> cmd, boolean asPostgres) throws Exception {
            List<String> full = new ArrayList<>();
            if (asPostgres && root()) {
                full.addAll(List.of("runuser", "-u", "postgres", "--"));
            }
            full.addAll(cmd);
            Path out = Files.createTempFile("pg-cmd", ".log");
            try {
                Process p = new ProcessBuilder(full).directory(new java.io.File("/")).redirectErrorStream(true)
                        .redirectOutput(out.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
                if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    p.destroyForcibly();
                    throw new IOException("failed: " + full + "\n" + Files.readString(out));
                }
            } finally {
                Files.deleteIfExists(out);
            }
        }
    }
}
