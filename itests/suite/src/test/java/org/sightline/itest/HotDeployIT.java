package org.sightline.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;

import javax.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;

import org.apache.karaf.features.FeaturesService;
import org.junit.After;
import org.junit.Before;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.MethodSorters;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.sightline.api.CustomerRef;

/**
 * Operators install, update and remove a product while portal users keep loading a dashboard: widgets
 * appear and disappear, failing widgets become error cards, personal data never leaves unmasked, and no
 * request fails.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class HotDeployIT extends SightlineTestSupport {
    private static final String FEATURE = "sightline-product-itest-demo";
    private static final String BSN = "org.sightline.itest.widgets";
    private static CustomerRef customer;

    @Inject
    private FeaturesService features;

    @Inject
    private BundleContext context;

    private DashboardPoller poller;

    @Before
    public void startPolling() throws Exception {
        if (customer == null) {
            customer = customer("HOT-1", "itest-demo");
        }
        await("/api/v1/health", 60, r -> r.statusCode() == 200);
        poller = new DashboardPoller(() -> get(dashboardPath()), r -> { });
    }

    @After
    public void stopPolling() throws Exception {
        poller.stopAndCheck("while the product changed");
    }

    private static String dashboardPath() {
        return "/api/v1/customers/" + customer.id() + "/dashboard";
    }

    @Test
    public void a_installingTheFeatureAddsItsWidgetsWithErrorCardsAndMasking() throws Exception {
        JsonNode before = json(get(dashboardPath()));
        assertNull(widget(before, "itest-demo.version"));

        features.addRepository(URI.create("mvn:org.sightline/org.sightline.itest.widgets/"
                + System.getProperty("project.version") + "/xml/features"));
        features.installFeature(FEATURE, EnumSet.noneOf(FeaturesService.Option.class));

        HttpResponse<String> r = await(dashboardPath(), 20, x -> x.body().contains("itest-demo.version"));
        assertEquals(200, r.statusCode());
        JsonNode d = json(r);
        JsonNode version = widget(d, "itest-demo.version");
        assertEquals("v0.1.0.SNAPSHOT", version.at("/view/tiles/0/value/value").asText());
        assertEquals("Itest Demo", d.at("/navigation/0/name").asText());

        JsonNode faulty = widget(d, "itest-demo.faulty");
        assertNull(faulty.get("view"));
        assertTrue(faulty.at("/error/detail").asText(), faulty.at("/error/detail").asText().contains("failed with IllegalStateException"));
        JsonNode hanging = widget(d, "itest-demo.hanging");
        assertTrue(hanging.toString(), hanging.at("/error/detail").asText().contains("did not answer within 1000 ms")
                || hanging.at("/error/detail").asText().contains("is not responding"));

        JsonNode leaky = widget(d, "itest-demo.leaky");
        assertEquals("phone", leaky.at("/view/rows/0/cells/1/type").asText());
        assertEquals("••••0123", leaky.at("/view/rows/0/cells/1/value").asText());
        assertEquals("[name hidden]", leaky.at("/view/rows/0/cells/2/value").asText());
        assertEquals("[content hidden]", leaky.at("/view/rows/0/cells/3/value").asText());
        assertEquals("call back on ••••0123", leaky.at("/view/rows/0/cells/4/value").asText());
        assertEquals("0.0450", leaky.at("/view/rows/0/cells/5/amount").asText());
        assertNoPersonalData(r.body());

        HttpResponse<String> custom = get("/api/v1/customers/" + customer.id() + "/widgets/itest-demo.leaky?panel=custom");
        assertEquals(200, custom.statusCode());
        assertNoPersonalData(custom.body());
        assertEquals("••••0123", json(custom).at("/view/data/number/value").asText());

        HttpResponse<String> page = get(dashboardPath() + "?product=itest-demo");
        assertEquals(200, page.statusCode());
        assertNoPersonalData(page.body());

        HttpResponse<String> admin = get("/api/v1/admin/widgets");
        assertEquals(200, admin.statusCode());
        for (JsonNode w : json(admin)) {
            if (w.get("id").asText().equals("itest-demo.faulty")) {
                assertTrue(w.get("failures").asLong() > 0);
                assertEquals(BSN, w.get("bundle").asText());
                assertFalse(w.toString().contains("Jane"));
            }
        }
        String table = shell("sightline:widgets");
        assertTrue(table, table.contains("itest-demo.version") && table.contains(BSN));
        assertTrue(shell("sightline:products"), shell("sightline:products").contains("itest-demo"));
    }

    @Test
    public void b_updatingTheBundleServesTheNewVersion() throws Exception {
        Bundle b = bundle();
        b.update(new ByteArrayInputStream(widgetsJar("2.0.0")));
        HttpResponse<String> r = await(dashboardPath(), 20, x -> x.body().contains("\"v2.0.0\""));
        assertNotNull(widget(json(r), "itest-demo.leaky"));
        assertEquals("2.0.0", bundle().getVersion().toString());
    }

    @Test
    public void c_uninstallingTheFeatureRemovesWidgetsAndNavigation() throws Exception {
        features.uninstallFeature(FEATURE, EnumSet.noneOf(FeaturesService.Option.class));
        HttpResponse<String> r = await(dashboardPath(), 20, x -> !servesDemo(x));
        assertEquals(200, r.statusCode());
        assertEquals(0, json(r).get("navigation").size());
        assertProblem(get(dashboardPath() + "?product=itest-demo"), 404);
        assertFalse(get("/api/v1/products").body().contains("itest-demo"));
        // The customer still subscribes to it: the subscriptions card names the product as it was deployed.
        JsonNode subs = widget(json(r), "core.subscriptions");
        assertTrue(subs.toString(), subs.toString().contains("Itest Demo"));
        boolean remembered = false;
        for (JsonNode p : json(get("/api/v1/products/known"))) {
            if (p.get("id").asText().equals("itest-demo")) {
                remembered = p.get("displayName").asText().equals("Itest Demo") && !p.get("deployed").asBoolean();
            }
        }
        assertTrue("the catalogue remembers the removed product", remembered);
    }

    @Test
    public void d_aBundleDroppedIntoDeployIsServedAndGoneWhenRemoved() throws Exception {
        Path deploy = Path.of(System.getProperty("karaf.base"), "deploy");
        Files.createDirectories(deploy);
        Path jar = deploy.resolve("itest-demo-3.0.0.jar");
        Files.write(jar, widgetsJar("3.0.0"));
        await(dashboardPath(), 20, x -> x.body().contains("\"v3.0.0\""));
        Files.delete(jar);
        await(dashboardPath(), 20, x -> !servesDemo(x));
    }

    /**
     * Whether the dashboard has a widget or navigation entry of the demo product. (Its subscription stays
     * listed by the core's "Products & subscriptions" widget, as a plain product id.)
     */
    private static boolean servesDemo(HttpResponse<String> r) {
        return r.body().contains("\"product\":\"itest-demo\"") || r.body().contains("\"id\":\"itest-demo\"");
    }

    private Bundle bundle() {
        for (Bundle b : context.getBundles()) {
            if (BSN.equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new AssertionError(BSN + " is not installed");
    }

    static void assertNoPersonalData(String body) {
        for (String leak : new String[] {"+44 7700 900123", "7700 900123", "07700900123", "Jane Roe", "usual place"}) {
            assertFalse("response leaks '" + leak + "': " + body, body.contains(leak));
        }
    }
}
