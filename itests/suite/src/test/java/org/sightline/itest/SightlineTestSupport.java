package org.sightline.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.keepRuntimeFolder;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;
import java.util.function.Predicate;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import javax.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;
import org.sightline.api.CustomerRef;
import org.sightline.api.Permissions;
import org.sightline.api.Viewer;
import org.sightline.core.CustomerDirectory;
import org.sightline.core.Provisioning;
import org.sightline.core.Roles;
import org.sightline.core.StaffAdmin;
import org.sightline.core.StaffDirectory;
import org.sightline.itest.support.Watchdog;

/**
 * One Sightline distribution per test class, on free ports, with a portal user {@code itest}, sample
 * data on and a 1 s widget deadline. Test methods run inside the container and talk HTTP to it.
 */
public abstract class SightlineTestSupport {
    protected SightlineTestSupport() {
        // In the test JVM only (the build sets the distribution's path there, not in the container): one class per
        // JVM, so the JVM's limit is the class's.
        if (System.getProperty("sightline.distribution") != null) {
            Watchdog.start(getClass().getName(), Watchdog.limit());
        }
    }

    protected static final String USER = "itest";
    protected static final String PASSWORD = "itest-secret-1";
    protected static final ObjectMapper JSON = new ObjectMapper();
    protected final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Inject
    protected CustomerDirectory customers;

    /** Sets partners and customers up, as the shell does. */
    @Inject
    protected Provisioning provisioning;

    /** The test as a server operator, for {@link #provisioning}. */
    protected static final Viewer OPERATOR = new Viewer("itest-operator", -1, Set.of(Roles.OPERATOR), Set.of(Permissions.ADMIN));

    @Inject
    protected org.sightline.core.CustomerActions actions;

    @Inject
    protected SessionFactory sessions;

    /** Looks users up (read-only), as the sign-in path does. */
    @Inject
    protected StaffDirectory staff;

    /** Changes staff, as the shell does: as {@link #OPERATOR}, checked and audited by the core. */
    @Inject
    protected StaffAdmin staffAdmin;

    @Configuration
    public Option[] config() {
        String version = System.getProperty("project.version");
        return new Option[] {
                karafDistributionConfiguration()
                        .frameworkUrl(new File(System.getProperty("sightline.distribution")).toURI().toString())
                        .unpackDirectory(new File("target/exam"))
                        .name("Sightline")
                        .useDeployFolder(false),
                keepRuntimeFolder(),
                configureConsole().ignoreLocalConsole().ignoreRemoteShell(),
                logLevel(LogLevel.WARN),
                editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port", String.valueOf(freePort())),
                editConfigurationFilePut("etc/org.apache.karaf.shell.cfg", "sshPort", String.valueOf(freePort())),
                editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiRegistryPort", String.valueOf(freePort())),
                editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiServerPort", String.valueOf(freePort())),
                editConfigurationFilePut("etc/users.properties", USER, PASSWORD + ",_g_\\:admingroup,sightline-admin"),
                editConfigurationFilePut("etc/org.sightline.core.cfg", "widget.deadline.ms", "1000"),
                editConfigurationFilePut("etc/org.sightline.sample.cfg", "enabled", "true"),
                // a few generated sample customers per backup product get sample backups (all 340 subscriptions of
                // the default 200 customers would keep the database busy for a minute or more in every container)
                editConfigurationFilePut("etc/org.sightline.family.backup.cfg", "sample.customers", "3"),
                editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.localRepository",
                        System.getProperty("maven.repo.local", System.getProperty("user.home") + "/.m2/repository")),
                systemProperty("itest.widgets.jar").value(System.getProperty("itest.widgets.jar")),
                systemProperty("project.version").value(version),
                // How long the probe waits in the container for Pax Exam's services (default 10 s): on a busy
                // machine the container logged "gave up waiting for service ProbeInvokerFactory" and the test
                // JVM then waited for ever. Failsafe's fork time limit still ends a class that hangs.
                systemProperty("pax.exam.service.timeout").value("180000"),
        };
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The HTTP port, read from the running container's configuration. */
    protected static int port() {
        String p = System.getProperty("org.osgi.service.http.port");
        if (p != null) {
            return Integer.parseInt(p);
        }
        try {
            java.util.Properties props = new java.util.Properties();
            try (InputStream in = Files.newInputStream(Path.of(System.getProperty("karaf.etc"), "org.ops4j.pax.web.cfg"))) {
                props.load(in);
            }
            return Integer.parseInt(props.getProperty("org.osgi.service.http.port").trim());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    protected HttpResponse<String> get(String path) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", basic()).GET().build());
    }

    protected HttpResponse<String> send(HttpRequest r) throws Exception {
        ensureUser();
        return http.send(bounded(r), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /**
     * The request with a time limit of its own (60 s unless it has one): a server that never answers fails
     * the test that asked, by name, instead of holding the test JVM until failsafe's fork timeout.
     */
    protected static HttpRequest bounded(HttpRequest r) {
        return r.timeout().isPresent() ? r : HttpRequest.newBuilder(r, (name, value) -> true).timeout(REQUEST_TIMEOUT).build();
    }

    protected static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    /** Subscribes a customer of any partner to a product, as an operator would from the shell (audited). */
    protected void subscribe(long customerId, String productId, String status) {
        actions.subscribeAsOperator(OPERATOR, customerId, productId, status);
    }

    protected static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port() + path);
    }

    protected static String basic() {
        return "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    protected static JsonNode json(HttpResponse<String> r) throws IOException {
        return JSON.readTree(r.body());
    }

    /** Polls until the condition holds on a fresh response, or fails after {@code seconds}. */
    protected HttpResponse<String> await(String path, int seconds, Predicate<HttpResponse<String>> condition) throws Exception {
        long until = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        HttpResponse<String> last = null;
        while (System.nanoTime() < until) {
            try {
                last = get(path);
                if (condition.test(last)) {
                    return last;
                }
            } catch (IOException e) {
                // the server is still starting
            }
            Thread.sleep(100);
        }
        fail("condition not met within " + seconds + " s on " + path + "; last response: "
                + (last == null ? "none" : last.statusCode() + " " + last.body()));
        return last;
    }

    /** The sample partner, once the sample data has created it. */
    protected long samplePartner() throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (provisioning.defaultPartner(OPERATOR).isEmpty() && System.nanoTime() < until) {
            Thread.sleep(100);
        }
        return provisioning.defaultPartner(OPERATOR).orElseThrow();
    }

    /** Creates a portal user in the partner as {@link #OPERATOR} (as the shell's {@code user-add} does); its id. */
    protected long createUser(long partnerId, String username, String role, String password) {
        return staffAdmin.createAsOperator(OPERATOR, partnerId, username, username, role,
                password == null ? null : password.toCharArray(), false).id();
    }

    /** Assigns a portal user to a customer as {@link #OPERATOR} (as the shell's {@code assign} does). */
    protected void assignToCustomer(String username, long customerId) {
        staffAdmin.assign(OPERATOR, username, StaffAdmin.Target.CUSTOMER, customerId, true);
    }

    /** A new API token of the partner, made as {@link #OPERATOR}; its secret. */
    protected String createToken(long partnerId, String name, String scope) {
        return provisioning.createToken(OPERATOR, partnerId, name, scope).secret();
    }

    /** Creates the portal user {@link #USER} (admin of the sample partner and a server operator) on first use. */
    protected void ensureUser() throws InterruptedException {
        synchronized (SightlineTestSupport.class) {
            if (staff.find(USER).isEmpty()) {
                // a server operator too, so it sees widget health (server.admin), as ./run's admin does
                staffAdmin.createAsOperator(OPERATOR, samplePartner(), USER, "Integration Test", "admin", PASSWORD.toCharArray(), true);
            }
        }
    }

    /** The sample partner (created on start) and a fresh customer of it, subscribed to the products. */
    protected CustomerRef customer(String accountId, String... products) throws Exception {
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (provisioning.defaultPartner(OPERATOR).isEmpty() && System.nanoTime() < until) {
            Thread.sleep(100);
        }
        long partner = provisioning.defaultPartner(OPERATOR).orElseThrow();
        CustomerRef c = provisioning.createCustomer(OPERATOR, partner, accountId, "Customer " + accountId, "EUR", true);
        for (String p : products) {
            subscribe(c.id(), p, "active");
        }
        return c;
    }

    /** A customer of the sample partner by account id, as the test user {@link #USER} (its admin) finds it. */
    protected java.util.Optional<CustomerRef> findByAccount(String accountId) throws InterruptedException {
        ensureUser();
        org.sightline.api.Viewer admin = staff.find(USER).orElseThrow().viewer();
        return customers.list(admin, new org.sightline.core.CustomerQuery(accountId, null, null, null, false, "name", null, 50))
                .items().stream().filter(c -> c.accountId().equals(accountId)).findFirst()
                .flatMap(c -> customers.find(admin, c.id()));
    }

    /** Runs a shell command as Karaf would, returning what it printed. */
    protected String shell(String command) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(out, true, StandardCharsets.UTF_8);
        Session s = sessions.create(new java.io.ByteArrayInputStream(new byte[0]), ps, ps);
        try {
            s.execute(command);
        } finally {
            s.close();
        }
        ps.flush();
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The itest product jar with its Bundle-Version rewritten, as a new version would be built. */
    protected static byte[] widgetsJar(String version) throws IOException {
        Path jar = Path.of(System.getProperty("itest.widgets.jar"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JarInputStream in = new JarInputStream(Files.newInputStream(jar))) {
            Manifest mf = new Manifest(in.getManifest());
            mf.getMainAttributes().put(new Attributes.Name("Bundle-Version"), version);
            try (JarOutputStream jo = new JarOutputStream(out, mf)) {
                JarEntry e;
                while ((e = in.getNextJarEntry()) != null) {
                    jo.putNextEntry(new JarEntry(e.getName()));
                    in.transferTo(jo);
                    jo.closeEntry();
                }
            }
        }
        return out.toByteArray();
    }

    /** The product ids that the sample partner's generated customers ({@code SL-...}) in a customer list subscribe to. */
    protected static java.util.Set<String> sampleCustomersProducts(HttpResponse<String> list) throws IOException {
        java.util.Set<String> out = new java.util.TreeSet<>();
        for (JsonNode c : json(list).get("items")) {
            if (c.get("accountId").asText().startsWith("SL-")) {
                c.get("products").forEach(p -> out.add(p.asText()));
            }
        }
        return out;
    }

    /** How many of the sample partner's generated customers ({@code SL-...}) a customer list holds. */
    protected static int sampleCustomers(HttpResponse<String> list) throws IOException {
        int n = 0;
        for (JsonNode c : json(list).get("items")) {
            if (c.get("accountId").asText().startsWith("SL-")) {
                n++;
            }
        }
        return n;
    }

    protected static JsonNode widget(JsonNode dashboard, String id) {
        for (JsonNode w : dashboard.get("widgets")) {
            if (id.equals(w.get("id").asText())) {
                return w;
            }
        }
        return null;
    }

    protected static void assertProblem(HttpResponse<String> r, int status) throws IOException {
        assertEquals(r.body(), status, r.statusCode());
        assertEquals("application/problem+json", r.headers().firstValue("Content-Type").orElse("").split(";")[0]);
        assertEquals(status, json(r).get("status").asInt());
    }
}
