package org.sightline.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import javax.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.After;
import org.junit.Before;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.MethodSorters;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.sightline.api.CustomerRef;

/**
 * An operator checks, installs and updates the itest product while a portal user keeps loading a dashboard:
 * a module built for an API the server lacks is refused with the package and version it needs; a release whose
 * widget fails, or that does not start, is rolled back to the previous bundle; a good release is kept. No
 * dashboard request fails meanwhile (the swapped widgets are error cards). The rollback times are printed and
 * written to {@code target/lifecycle-rollback.txt}.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class LifecycleIT extends SightlineTestSupport {
    private static final String BSN = "org.sightline.itest.widgets";
    private static final String JAR = "application/java-archive";
    private static final int WATCH_SECONDS = 6;
    private static CustomerRef customer;

    @Inject
    private BundleContext context;

    private final AtomicInteger errorCards = new AtomicInteger();
    private DashboardPoller poller;

    @Override
    @Configuration
    public Option[] config() {
        List<Option> o = new ArrayList<>(Arrays.asList(super.config()));
        o.add(editConfigurationFilePut("etc/org.sightline.lifecycle.cfg", "watch.seconds", String.valueOf(WATCH_SECONDS)));
        o.add(editConfigurationFilePut("etc/org.sightline.lifecycle.cfg", "min.renders", "3"));
        o.add(editConfigurationFilePut("etc/org.sightline.lifecycle.cfg", "failure.ratio", "0.5"));
        o.add(systemProperty("itest.widgets.broken.jar").value(System.getProperty("itest.widgets.broken.jar")));
        o.add(systemProperty("itest.report.dir").value(System.getProperty("itest.report.dir", "target")));
        return o.toArray(new Option[0]);
    }

    @Before
    public void startPolling() throws Exception {
        if (customer == null) {
            customer = customer("LIFE-1", "itest-demo");
        }
        await("/api/v1/health", 60, r -> r.statusCode() == 200);
        poller = new DashboardPoller(() -> get(dashboardPath()), r -> {
            JsonNode v = widget(json(r), "itest-demo.version");
            if (v != null && v.has("error")) {
                errorCards.incrementAndGet();
            }
        });
    }

    @After
    public void stopPolling() throws Exception {
        poller.stopAndCheck("meanwhile");
    }

    private static String dashboardPath() {
        return "/api/v1/customers/" + customer.id() + "/dashboard";
    }

    @Test
    public void a_aModuleBuiltForAnApiTheServerLacksIsRefusedNamingThePackage() throws Exception {
        byte[] future = jar(a -> a.putValue("Import-Package",
                a.getValue("Import-Package").replaceAll("org\\.sightline\\.api\\.view;version=\"[^\"]*\"",
                        "org.sightline.api.view;version=\"[9.1,10)\"")));

        HttpResponse<String> check = post("/api/v1/admin/products/check", future);
        assertEquals(check.body(), 200, check.statusCode());
        JsonNode c = json(check);
        assertFalse(c.get("resolvable").asBoolean());
        assertEquals(BSN, c.get("bundle").asText());
        assertEquals("[org.sightline.api.view [9.1.0,10.0.0)]", c.get("missing").toString().replace("\"", ""));
        boolean serverHasView = false;
        for (JsonNode p : c.get("serverApi")) {
            serverHasView |= p.get("name").asText().equals("org.sightline.api.view") && p.get("version").asText().startsWith("1.");
        }
        assertTrue(c.toString(), serverHasView);
        for (JsonNode n : c.get("needs")) {
            if (n.get("name").asText().equals("org.sightline.api.widget")) {
                assertEquals("ok", n.get("status").asText());
                assertTrue(n.toString(), n.get("providedBy").asText().startsWith("org.sightline.api "));
            }
        }

        Path file = file("itest-future.jar", future);
        String out = shell("sightline:product-check " + file);
        assertTrue(out, out.contains("Cannot be installed here") && out.contains("org.sightline.api.view [9.1.0,10.0.0)"));

        HttpResponse<String> install = post("/api/v1/admin/products/install", future);
        assertProblem(install, 409);
        assertTrue(install.body(), json(install).get("detail").asText().contains("org.sightline.api.view [9.1.0,10.0.0)"));
        assertNull("nothing was installed", bundle());

        assertProblem(post("/api/v1/admin/products/check", "not a jar".getBytes(StandardCharsets.UTF_8)), 400);
    }

    @Test
    public void b_theShellInstallsAModuleThatResolvesAndItsComponentIsServed() throws Exception {
        Path good = file("itest-good.jar", Files.readAllBytes(Path.of(System.getProperty("itest.widgets.jar"))));
        String check = shell("sightline:product-check " + good);
        assertTrue(check, check.contains("Resolvable"));
        String out = shell("sightline:product-install " + good);
        assertTrue(out, out.contains("Installed " + BSN));
        HttpResponse<String> r = await(dashboardPath(), 30, x -> x.body().contains("\"v0.1.0.SNAPSHOT\""));
        assertEquals(200, r.statusCode());

        HttpResponse<String> script = get("/components/itest-demo/itest-card.js");
        assertEquals(200, script.statusCode());
        assertEquals("text/javascript; charset=utf-8", script.headers().firstValue("Content-Type").orElse(""));
        assertEquals("nosniff", script.headers().firstValue("X-Content-Type-Options").orElse(""));
        assertTrue(script.body().contains("customElements.define('itest-card'"));
        assertEquals(404, get("/components/itest-demo/..%2FMETA-INF%2FMANIFEST.MF").statusCode());
        assertEquals(404, get("/components/itest-demo/VersionWidget.class").statusCode());
        assertEquals(404, get("/components/other/itest-card.js").statusCode());
        HttpResponse<String> page = get(dashboardPath() + "?product=itest-demo");
        JsonNode card = widget(json(page), "itest-demo.card");
        assertEquals("itest-card", card.at("/view/element").asText());
        assertEquals("••••0123", card.at("/view/data/hotline/value").asText());
    }

    @Test
    public void c_anUpdateWhoseWidgetFailsIsRolledBackWithoutAFailedRequest() throws Exception {
        awaitRenders(3);
        long t0 = System.nanoTime();
        HttpResponse<String> r = post("/api/v1/admin/products/itest-demo/update",
                Files.readAllBytes(Path.of(System.getProperty("itest.widgets.broken.jar"))));
        long answered = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(r.body(), 200, r.statusCode());
        JsonNode u = json(r);
        assertEquals("rolled-back", u.get("outcome").asText());
        assertEquals("0.1.0.SNAPSHOT", u.get("fromVersion").asText());
        assertEquals("9.0.0.broken", u.get("toVersion").asText());
        assertTrue(u.toString(), u.get("reason").asText().startsWith("widget itest-demo.version failed"));
        await(dashboardPath(), 20, x -> x.body().contains("\"v0.1.0.SNAPSHOT\""));
        long served = (System.nanoTime() - t0) / 1_000_000;
        assertEquals("0.1.0.SNAPSHOT", bundle().getVersion().toString());
        assertTrue("the broken widget was an error card on the dashboard", errorCards.get() > 0);
        report("broken widget (API)", u, answered, served);

        HttpResponse<String> audit = get("/api/v1/audit?action=product.rollback");
        assertEquals(200, audit.statusCode());
        assertTrue(audit.body(), audit.body().contains("itest-demo") && audit.body().contains("9.0.0.broken"));
    }

    @Test
    public void d_anUpdateThatDoesNotStartIsRolledBackFromTheShell() throws Exception {
        awaitRenders(3);
        Path noStart = file("itest-nostart.jar", jar(a -> {
            a.putValue("Bundle-Version", "4.0.0");
            a.putValue("Bundle-Activator", "org.sightline.itest.widgets.NoSuchActivator");
        }));
        long t0 = System.nanoTime();
        String out = shell("sightline:product-update itest-demo " + noStart);
        long answered = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(out, out.contains("Rolled back: " + BSN + " 4.0.0 the bundle did not start"));
        await(dashboardPath(), 20, x -> x.body().contains("\"v0.1.0.SNAPSHOT\""));
        long served = (System.nanoTime() - t0) / 1_000_000;
        assertEquals("0.1.0.SNAPSHOT", bundle().getVersion().toString());
        report("does not start (shell)", null, answered, served);
        report("  shell said: " + out.trim().replace('\n', ' '));
    }

    @Test
    public void e_aGoodUpdateIsKeptAfterTheWatch() throws Exception {
        awaitRenders(3);
        long t0 = System.nanoTime();
        HttpResponse<String> r = post("/api/v1/admin/products/itest-demo/update", jar(a -> a.putValue("Bundle-Version", "2.0.0")));
        long answered = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(r.body(), 200, r.statusCode());
        JsonNode u = json(r);
        assertEquals(u.toString(), "updated", u.get("outcome").asText());
        assertTrue(u.toString(), u.get("watchMillis").asLong() >= WATCH_SECONDS * 1000L);
        assertTrue("its widgets rendered while watched", u.get("renders").asLong() > 0);
        await(dashboardPath(), 20, x -> x.body().contains("\"v2.0.0\""));
        assertEquals("2.0.0", bundle().getVersion().toString());
        report("good update kept (API)", u, answered, 0);
    }

    @Test
    public void f_onlyServerOperatorsMayCheckOrUpdate() throws Exception {
        if (staff.find("lifecycle-admin").isEmpty()) {
            createUser(samplePartner(), "lifecycle-admin", "admin", "partner-secret-1");
        }
        String basic = "Basic " + java.util.Base64.getEncoder().encodeToString("lifecycle-admin:partner-secret-1".getBytes(StandardCharsets.UTF_8));
        byte[] good = Files.readAllBytes(Path.of(System.getProperty("itest.widgets.jar")));
        for (String path : List.of("/api/v1/admin/products/check", "/api/v1/admin/products/itest-demo/update")) {
            HttpResponse<String> r = send(HttpRequest.newBuilder(uri(path)).header("Authorization", basic)
                    .header("Content-Type", JAR).POST(HttpRequest.BodyPublishers.ofByteArray(good)).build());
            assertProblem(r, 403);
        }
        assertProblem(post("/api/v1/admin/products/no-such-product/update", good), 404);
        assertEquals("2.0.0", bundle().getVersion().toString());
    }

    @Test
    public void g_theComponentIsGoneWithItsBundle() throws Exception {
        bundle().uninstall();
        await("/components/itest-demo/itest-card.js", 20, x -> x.statusCode() == 404);
        await(dashboardPath(), 20, x -> !x.body().contains("\"product\":\"itest-demo\""));
    }

    // ------------------------------------------------------------------------------------------------ helpers

    /** Waits until each overview widget of the module has rendered at least {@code n} times since it was registered. */
    private void awaitRenders(int n) throws Exception {
        await("/api/v1/admin/widgets", 60, r -> {
            try {
                int ready = 0;
                for (JsonNode w : json(r)) {
                    String id = w.get("id").asText();
                    if (List.of("itest-demo.version", "itest-demo.faulty", "itest-demo.hanging").contains(id)
                            && w.get("calls").asLong() >= n) {
                        ready++;
                    }
                }
                return ready == 3;
            } catch (IOException e) {
                return false;
            }
        });
    }

    private HttpResponse<String> post(String path, byte[] jar) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", basic()).header("Content-Type", JAR)
                .POST(HttpRequest.BodyPublishers.ofByteArray(jar)).build());
    }

    private Bundle bundle() {
        for (Bundle b : context.getBundles()) {
            if (BSN.equals(b.getSymbolicName())) {
                return b;
            }
        }
        return null;
    }

    private static Path file(String name, byte[] bytes) throws IOException {
        Path dir = Path.of(System.getProperty("karaf.base"), "tmp");
        Files.createDirectories(dir);
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    /** The itest product's jar with its main manifest attributes changed, as another build would have them. */
    private static byte[] jar(Consumer<Attributes> change) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JarInputStream in = new JarInputStream(Files.newInputStream(Path.of(System.getProperty("itest.widgets.jar"))))) {
            Manifest mf = new Manifest(in.getManifest());
            change.accept(mf.getMainAttributes());
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

    private void report(String what, JsonNode u, long answered, long served) throws IOException {
        String line = u == null
                ? String.format("%s: call answered after %d ms; previous version on the dashboard after %d ms", what, answered, served)
                : String.format("%s: %s, start %d ms, watched %d ms, rollback %d ms (call answered after %d ms%s); renders %d, failed %d; "
                        + "dashboard polls so far %d, failed 0", what, u.get("outcome").asText(), u.get("updateMillis").asLong(),
                        u.get("watchMillis").asLong(), u.get("rollbackMillis").asLong(), answered,
                        served > 0 ? ", previous version on the dashboard after " + served + " ms" : "",
                        u.get("renders").asLong(), u.get("failures").asLong(), poller.polls());
        report(line);
    }

    private static void report(String line) throws IOException {
        System.out.println("LIFECYCLE " + line);
        Path f = Path.of(System.getProperty("itest.report.dir", "target"), "lifecycle-rollback.txt");
        Files.createDirectories(f.getParent());
        Files.writeString(f, line + System.lineSeparator(), StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
