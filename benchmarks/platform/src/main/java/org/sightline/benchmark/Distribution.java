package org.sightline.benchmark;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One freshly unpacked Karaf distribution (Sightline or vanilla) in its own temp directory, on free
 * loopback ports, started with {@code bin/karaf server} and stopped with {@code bin/stop}.
 */
final class Distribution implements AutoCloseable {

    enum Kind { SIGHTLINE, VANILLA }

    /**
     * The user for the Karaf shell (SSH) and the REST API. "admin" because the portal's own realm knows
     * only the sample partner's "admin" user, whose password is read from a one-time file on first start.
     */
    static final String USER = "admin";
    static final String PASSWORD = "Bench" + Long.toString(System.nanoTime() & 0xffffffffL, 36) + "x9";

    final Kind kind;
    final Path root;
    final Path home;
    final int httpPort;
    final int sshPort;
    private final boolean keep;
    /** The sample data's one-time admin password file, if the distribution has one; deleted when read. */
    private Path adminPasswordFile;
    private Process script;
    private ProcessHandle jvm;

    private Distribution(Kind kind, Path root, Path home, int httpPort, int sshPort, boolean keep) {
        this.kind = kind;
        this.root = root;
        this.home = home;
        this.httpPort = httpPort;
        this.sshPort = sshPort;
        this.keep = keep;
    }

    /** Unpacks the tar.gz into a new temp directory and writes ports, users and boot features. */
    static Distribution unpack(Kind kind, Path tarGz, Path workDir, boolean keep) throws IOException, InterruptedException {
        Files.createDirectories(workDir);
        Path root = Files.createTempDirectory(workDir, kind.name().toLowerCase() + "-");
        Proc.run(root, 120, "tar", "xzf", tarGz.toString(), "-C", root.toString());
        Path home;
        try (Stream<Path> s = Files.list(root)) {
            home = s.filter(Files::isDirectory).findFirst()
                    .orElseThrow(() -> new IOException("no directory in " + tarGz));
        }
        int[] ports = freePorts(4);
        Distribution d = new Distribution(kind, root, home, ports[0], ports[1], keep);
        d.configure(ports[2], ports[3]);
        return d;
    }

    private void configure(int rmiRegistryPort, int rmiServerPort) throws IOException {
        Path etc = home.resolve("etc");
        Map<String, String> web = new LinkedHashMap<>();
        web.put("org.osgi.service.http.enabled", "true");
        web.put("org.osgi.service.http.port", Integer.toString(httpPort));
        web.put("org.ops4j.pax.web.listening.addresses", "127.0.0.1");
        setProperties(etc.resolve("org.ops4j.pax.web.cfg"), web);
        setProperties(etc.resolve("org.apache.karaf.shell.cfg"),
                Map.of("sshPort", Integer.toString(sshPort), "sshHost", "127.0.0.1"));
        Path management = etc.resolve("org.apache.karaf.management.cfg");
        if (Files.exists(management)) {
            setProperties(management, Map.of(
                    "rmiRegistryPort", Integer.toString(rmiRegistryPort), "rmiRegistryHost", "127.0.0.1",
                    "rmiServerPort", Integer.toString(rmiServerPort), "rmiServerHost", "127.0.0.1"));
        }
        if (kind == Kind.VANILLA) {
            Path features = etc.resolve("org.apache.karaf.features.cfg");
            String text = Files.readString(features);
            String patched = text.replaceFirst("(?m)^featuresBoot\\s*=\\s*\\\\\\s*$", "featuresBoot = \\\\\n    http, \\\\");
            if (patched.equals(text)) {
                throw new IOException("featuresBoot not found in " + features);
            }
            Files.writeString(features, patched);
        } else {
            Path sample = etc.resolve("org.sightline.sample.cfg");
            setProperties(sample, Map.of("enabled", "true"));
            // The portal user "admin" of the sample partner gets its password from this file (as ./run does).
            for (String line : Files.readAllLines(sample, StandardCharsets.ISO_8859_1)) {
                java.util.regex.Matcher m = Pattern.compile("^\\s*admin\\.password\\.file\\s*=\\s*(.+?)\\s*$").matcher(line);
                if (m.matches()) {
                    String f = m.group(1).replace("${karaf.etc}", etc.toString())
                            .replace("${karaf.home}", home.toString()).replace("${karaf.base}", home.toString());
                    adminPasswordFile = Path.of(f);
                    Files.writeString(adminPasswordFile, PASSWORD);
                }
            }
        }
        Files.writeString(etc.resolve("users.properties"),
                "\n" + USER + " = " + PASSWORD + ",_g_\\:admingroup,sightline-admin\n",
                StandardCharsets.ISO_8859_1, java.nio.file.StandardOpenOption.APPEND);
    }

    /** Launches {@code bin/karaf server}; returns {@link System#nanoTime()} just before the launch. */
    long start() throws IOException {
        ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/karaf").toString(), "server")
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(root.resolve("console.log").toFile())
                .redirectInput(new File("/dev/null"));
        cleanEnvironment(pb.environment());
        long t0 = System.nanoTime();
        script = pb.start();
        return t0;
    }

    /** The JVM started by the karaf script (a child of it). */
    ProcessHandle javaProcess() {
        if (jvm == null) {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (jvm == null && System.nanoTime() < until) {
                Optional<ProcessHandle> p = script.toHandle().descendants()
                        .filter(h -> h.info().command().map(c -> c.endsWith("/java")).orElse(false))
                        .findFirst();
                jvm = p.orElse(null);
                if (jvm == null) {
                    sleep(20);
                }
            }
            if (jvm == null) {
                throw new IllegalStateException("no java process under the karaf script of " + home);
            }
        }
        return jvm;
    }

    /** Waits until the one-time admin password file was read (the server deletes it), if there is one. */
    void awaitPortalAdmin(long timeoutSeconds) {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (adminPasswordFile != null && Files.exists(adminPasswordFile)) {
            if (System.nanoTime() > until) {
                throw new IllegalStateException("the server did not read " + adminPasswordFile + " within "
                        + timeoutSeconds + " s; see " + home.resolve("data/log/karaf.log"));
            }
            sleep(100);
        }
    }

    boolean scriptAlive() {
        return script != null && script.isAlive();
    }

    /** VmRSS of the Karaf JVM, in MiB. */
    double rssMiB() throws IOException {
        long pid = javaProcess().pid();
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        throw new IOException("no VmRSS for pid " + pid);
    }

    /** Runs one Karaf shell command line over SSH (sshpass + ssh, else bin/client) and returns its output. */
    String shell(String command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        if (Proc.onPath("sshpass") && Proc.onPath("ssh")) {
            cmd.addAll(List.of("sshpass", "-p", PASSWORD, "ssh", "-o", "StrictHostKeyChecking=no",
                    "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR", "-o", "ConnectTimeout=10",
                    "-p", Integer.toString(sshPort), USER + "@127.0.0.1", command));
        } else {
            cmd.addAll(List.of(home.resolve("bin/client").toString(), "-a", Integer.toString(sshPort),
                    "-h", "127.0.0.1", "-u", USER, "-p", PASSWORD, command));
        }
        return Proc.run(home, 180, cmd.toArray(String[]::new));
    }

    /** {@code bin/stop}, then waits for the JVM to exit (ends it by PID only if it does not). */
    @Override
    public void close() throws IOException, InterruptedException {
        if (script != null) {
            try {
                ProcessBuilder pb = new ProcessBuilder(home.resolve("bin/stop").toString())
                        .directory(home.toFile())
                        .redirectErrorStream(true)
                        .redirectOutput(root.resolve("stop.log").toFile())
                        .redirectInput(new File("/dev/null"));
                cleanEnvironment(pb.environment());
                Process stop = pb.start();
                if (!stop.waitFor(60, TimeUnit.SECONDS)) {
                    stop.destroyForcibly();
                }
                ProcessHandle j = jvm;
                if (j == null && script.isAlive()) {
                    j = script.toHandle().descendants()
                            .filter(h -> h.info().command().map(c -> c.endsWith("/java")).orElse(false))
                            .findFirst().orElse(null);
                }
                if (j != null) {
                    try {
                        j.onExit().get(90, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        System.err.println("  ! " + kind + " JVM " + j.pid() + " did not stop; ending it");
                        j.destroy();
                        try {
                            j.onExit().get(15, TimeUnit.SECONDS);
                        } catch (Exception e2) {
                            j.destroyForcibly();
                        }
                    }
                }
                if (!script.waitFor(30, TimeUnit.SECONDS)) {
                    script.destroyForcibly();
                }
            } finally {
                script = null;
            }
        }
        if (!keep) {
            deleteTree(root);
        }
    }

    private static void cleanEnvironment(Map<String, String> env) {
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.keySet().removeIf(k -> k.startsWith("KARAF_") || k.startsWith("ORG_OPS4J_") || k.startsWith("ORG_SIGHTLINE_")
                || k.startsWith("ORG_APACHE_KARAF_") || k.equals("EXTRA_JAVA_OPTS") || k.equals("JAVA_OPTS")
                || k.equals("JAVA_MIN_MEM") || k.equals("JAVA_MAX_MEM"));
    }

    /** Sets {@code key = value} lines in a .cfg/.properties file: replaces an active line, else appends. */
    static void setProperties(Path file, Map<String, String> values) throws IOException {
        List<String> lines = Files.exists(file) ? new ArrayList<>(Files.readAllLines(file, StandardCharsets.ISO_8859_1))
                : new ArrayList<>();
        for (Map.Entry<String, String> e : values.entrySet()) {
            Pattern p = Pattern.compile("^\\s*" + Pattern.quote(e.getKey()) + "\\s*[=:].*$");
            boolean found = false;
            for (int i = 0; i < lines.size(); i++) {
                if (p.matcher(lines.get(i)).matches()) {
                    lines.set(i, e.getKey() + " = " + e.getValue());
                    found = true;
                }
            }
            if (!found) {
                lines.add(e.getKey() + " = " + e.getValue());
            }
        }
        Files.write(file, lines, StandardCharsets.ISO_8859_1);
    }

    static int[] freePorts(int n) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[n];
            for (int i = 0; i < n; i++) {
                ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                sockets.add(s);
                ports[i] = s.getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket s : sockets) {
                s.close();
            }
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
