package org.sightline.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.math.BigDecimal;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.EnumSet;
import java.util.Map;

import javax.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;

import org.apache.karaf.features.FeaturesService;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.util.tracker.ServiceTracker;
import org.sightline.api.CustomerRef;
import org.sightline.api.data.ModuleStorage;
import org.sightline.api.usage.PriceList;
import org.sightline.api.usage.UsageLog;
import org.sightline.core.TokenService;

/**
 * The shipped product modules: each installs and uninstalls at runtime, and what SMS ingests leaves the
 * server masked in JSON, CSV and XLSX.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ProductsIT extends SightlineTestSupport {

    @Inject
    private FeaturesService features;


    @Inject
    private BundleContext context;

    @Inject
    private ModuleStorage storage;

    @Test
    public void everyProductInstallsAndUninstallsAtRuntime() throws Exception {
        ensureUser();
        CustomerRef c = customer("PROD-1", "sms", "voice", "video", "messaging-apps");
        String dashboard = "/api/v1/customers/" + c.id() + "/dashboard";
        for (String product : new String[] {"sms", "voice", "video", "messaging-apps"}) {
            features.installFeature("sightline-product-" + product, EnumSet.noneOf(FeaturesService.Option.class));
            HttpResponse<String> r = await(dashboard, 30, x -> x.body().contains("\"" + product + ".kpis\""));
            assertTrue(r.body(), json(r).get("navigation").toString().contains("\"" + product + "\""));
            assertEquals(200, get(dashboard + "?product=" + product).statusCode());
            features.uninstallFeature("sightline-product-" + product, EnumSet.noneOf(FeaturesService.Option.class));
            r = await(dashboard, 30, x -> !x.body().contains("\"" + product + ".kpis\""));
            assertEquals(200, r.statusCode());
            assertProblem(get(dashboard + "?product=" + product), 404);
        }
    }

    @Test
    public void smsRecordsLeaveTheServerMaskedEverywhere() throws Exception {
        ensureUser();
        features.installFeature("sightline-product-sms", EnumSet.noneOf(FeaturesService.Option.class));
        // the product's feature brought the usage family, whose UsageLog the product's widgets use
        UsageLog usage = service(UsageLog.class);
        assertEquals("org.sightline.family.usage", context.getServiceReference(UsageLog.class).getBundle().getSymbolicName());
        CustomerRef c = customer("PROD-2", "sms");
        usage.setPriceList(c, "sms", new PriceList("EUR", new BigDecimal("0.10"), Map.of("gb", new BigDecimal("0.25"))),
                storage.dataSource());
        BigDecimal before = credits(get("/api/v1/customers/" + c.id()));
        String token = createToken(c.partnerId(), "sms backend", TokenService.SCOPE_INGEST);
        String body = String.join("\n",
                "{\"id\":\"m1\",\"customer\":\"PROD-2\",\"time\":\"2026-11-20T10:00:00Z\",\"direction\":\"outbound\","
                        + "\"status\":\"delivered\",\"from\":\"+44 7700 900123\",\"to\":\"+44 7700 900456\",\"country\":\"GB\","
                        + "\"segments\":1,\"contactName\":\"Jane Roe\",\"body\":\"meet me at the usual place\"}",
                "{\"id\":\"m2\",\"customer\":\"PROD-2\",\"time\":\"2026-11-20T10:00:00Z\",\"direction\":\"outbound\","
                        + "\"status\":\"exploded\",\"from\":\"+44 7700 900123\",\"to\":\"+44 7700 900456\",\"country\":\"GB\",\"segments\":1}") + "\n";
        await("/api/v1/products", 30, x -> x.body().contains("\"sms\""));
        // Deployed after the sample customers were made, SMS gives some of them its sample subscriptions.
        HttpResponse<String> sample = await("/api/v1/customers?limit=500", 30, x -> {
            try {
                return x.statusCode() == 200 && sampleCustomersProducts(x).contains("sms");
            } catch (java.io.IOException e) {
                return false;
            }
        });
        assertTrue(sample.body(), java.util.Set.of("sms", "voice", "video", "messaging-apps").containsAll(sampleCustomersProducts(sample)));
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/api/v1/ingest/sms"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        assertEquals(r.body(), 202, r.statusCode());
        JsonNode j = json(r);
        assertEquals(1, j.get("stored").asInt());
        assertEquals("status", j.at("/rejected/0/field").asText());
        // the record's price (GB, 1 segment) is drawn down from the credits shortly after the ingestion
        BigDecimal expected = before.subtract(new BigDecimal("0.25"));
        HttpResponse<String> charged = await("/api/v1/customers/" + c.id(), 10, x -> credits(x).compareTo(expected) == 0);
        assertEquals(charged.body(), 0, credits(charged).compareTo(expected));

        String log = "/api/v1/customers/" + c.id() + "/widgets/sms.log?from=2026-11-01&to=2026-12-01";
        HttpResponse<String> page = get(log);
        assertEquals(page.body(), 200, page.statusCode());
        assertTrue(page.body(), page.body().contains("••••0456"));
        HotDeployIT.assertNoPersonalData(page.body());
        assertNoRawNumbers(page.body());

        HttpResponse<String> csv = get("/api/v1/customers/" + c.id() + "/widgets/sms.log/export?format=csv&from=2026-11-01&to=2026-12-01");
        assertEquals(200, csv.statusCode());
        assertTrue(csv.body(), csv.body().contains("••••0456"));
        HotDeployIT.assertNoPersonalData(csv.body());
        assertNoRawNumbers(csv.body());

        HttpResponse<byte[]> xlsx = http.send(bounded(HttpRequest.newBuilder(uri("/api/v1/customers/" + c.id()
                + "/widgets/sms.log/export?format=xlsx&from=2026-11-01&to=2026-12-01")).header("Authorization", basic()).build()),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, xlsx.statusCode());
        StringBuilder all = new StringBuilder();
        try (java.util.zip.ZipInputStream zip = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(xlsx.body()))) {
            while (zip.getNextEntry() != null) {
                all.append(new String(zip.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        assertTrue(all.toString().contains("••••0456"));
        HotDeployIT.assertNoPersonalData(all.toString());
        assertNoRawNumbers(all.toString());
    }

    /**
     * The usage and backup families share the family support bundle, which each family's feature lists: removing
     * one family takes its roll-up applier away and leaves the shared bundle, and the other family's applier,
     * working.
     */
    @Test
    public void uninstallingTheBackupFamilyLeavesTheUsageFamilyApplyingItsRollUps() throws Exception {
        ensureUser();
        features.installFeature("sightline-product-sms", EnumSet.noneOf(FeaturesService.Option.class));
        features.installFeature("sightline-family-backup", EnumSet.noneOf(FeaturesService.Option.class));
        assertEquals(Bundle.ACTIVE, bundle("org.sightline.family.backup").getState());
        assertTrue(threadNames().contains("sightline-backup-roll-ups"));

        features.uninstallFeature("sightline-family-backup", EnumSet.noneOf(FeaturesService.Option.class));

        assertNull(bundle("org.sightline.family.backup"));
        // the applier's thread ends right after its executor reports it stopped
        long until = System.nanoTime() + 10_000_000_000L;
        while (threadNames().contains("sightline-backup-roll-ups") && System.nanoTime() < until) {
            Thread.sleep(50);
        }
        assertFalse(threadNames().contains("sightline-backup-roll-ups"));
        assertEquals(Bundle.ACTIVE, bundle("org.sightline.family.support").getState());
        assertEquals(Bundle.ACTIVE, bundle("org.sightline.family.usage").getState());
        assertTrue(threadNames().contains("sightline-usage-roll-ups"));
        // and the usage family's applier still charges what SMS ingests
        UsageLog usage = service(UsageLog.class);
        CustomerRef c = customer("PROD-3", "sms");
        usage.setPriceList(c, "sms", new PriceList("EUR", new BigDecimal("0.10"), Map.of()), storage.dataSource());
        BigDecimal expected = credits(get("/api/v1/customers/" + c.id())).subtract(new BigDecimal("0.10"));
        String token = createToken(c.partnerId(), "sms backend", TokenService.SCOPE_INGEST);
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/api/v1/ingest/sms"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"m3\",\"customer\":\"PROD-3\","
                        + "\"time\":\"2026-11-20T10:00:00Z\",\"direction\":\"outbound\",\"status\":\"delivered\","
                        + "\"from\":\"+44 7700 900123\",\"to\":\"+44 7700 900456\",\"country\":\"FR\",\"segments\":1}\n"))
                .build());
        assertEquals(r.body(), 202, r.statusCode());
        HttpResponse<String> charged = await("/api/v1/customers/" + c.id(), 10, x -> credits(x).compareTo(expected) == 0);
        assertEquals(charged.body(), 0, credits(charged).compareTo(expected));
    }

    private Bundle bundle(String symbolicName) {
        for (Bundle b : context.getBundles()) {
            if (b.getSymbolicName().equals(symbolicName)) {
                return b;
            }
        }
        return null;
    }

    private static java.util.Set<String> threadNames() {
        java.util.Set<String> names = new java.util.HashSet<>();
        Thread.getAllStackTraces().keySet().forEach(t -> names.add(t.getName()));
        return names;
    }

    private <T> T service(Class<T> type) throws InterruptedException {
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        try {
            T service = tracker.waitForService(30_000);
            assertTrue("no " + type.getSimpleName() + " service within 30 s", service != null);
            return service;
        } finally {
            tracker.close();
        }
    }

    private static BigDecimal credits(HttpResponse<String> customer) {
        try {
            return new BigDecimal(json(customer).get("credits").asText());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void assertNoRawNumbers(String body) {
        for (String leak : new String[] {"900456", "7700900456", "447700"}) {
            assertTrue("leaks '" + leak + "': " + body, !body.contains(leak));
        }
    }
}
