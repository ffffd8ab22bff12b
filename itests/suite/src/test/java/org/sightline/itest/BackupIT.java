package org.sightline.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.EnumSet;

import javax.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;

import org.apache.karaf.features.FeaturesService;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.sightline.api.CustomerRef;
import org.sightline.core.TokenService;

/**
 * The five backup products: each installs and uninstalls at runtime with its widgets and navigation entry, and
 * job runs ingested through the API reach the backup widgets without the personal data of their error texts.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class BackupIT extends SightlineTestSupport {
    private static final String[] PRODUCTS = {"m365-backup", "google-workspace-backup", "iaas-paas-backup",
        "dynamics-backup", "salesforce-backup"};

    @Inject
    private FeaturesService features;


    @Test
    public void everyBackupProductInstallsAndUninstallsAtRuntimeWithItsWidgetsAndPage() throws Exception {
        ensureUser();
        CustomerRef c = customer("BACKUP-1", PRODUCTS);
        String dashboard = "/api/v1/customers/" + c.id() + "/dashboard";
        for (String product : PRODUCTS) {
            String status = "\"" + product + ".backup-status\"";
            features.installFeature("sightline-product-" + product, EnumSet.noneOf(FeaturesService.Option.class));
            HttpResponse<String> r = await(dashboard, 30, x -> x.body().contains(status));
            assertTrue(r.body(), json(r).get("navigation").toString().contains("\"" + product + "\""));
            HttpResponse<String> page = get(dashboard + "?product=" + product);
            assertEquals(page.body(), 200, page.statusCode());
            assertTrue(page.body(), page.body().contains(status) && page.body().contains("\"" + product + ".backup-jobs\""));
            features.uninstallFeature("sightline-product-" + product, EnumSet.noneOf(FeaturesService.Option.class));
            r = await(dashboard, 30, x -> !x.body().contains(status));
            assertEquals(200, r.statusCode());
            assertFalse(r.body(), json(r).get("navigation").toString().contains("\"" + product + "\""));
            assertProblem(get(dashboard + "?product=" + product), 404);
        }
    }

    @Test
    public void jobRunsIngestedThroughTheApiReachTheWidgetsWithoutPersonalData() throws Exception {
        ensureUser();
        features.installFeature("sightline-product-m365-backup", EnumSet.noneOf(FeaturesService.Option.class));
        CustomerRef c = customer("BACKUP-2");
        subscribe(c.id(), "m365-backup", "partially-started");
        String token = createToken(c.partnerId(), "m365 backup backend", TokenService.SCOPE_INGEST);
        String body = String.join("\n",
                "{\"id\":\"run-1\",\"customer\":\"BACKUP-2\",\"kind\":\"job\",\"workload\":\"exchange\","
                        + "\"started\":\"2026-11-20T01:00:00Z\",\"finished\":\"2026-11-20T01:40:00Z\",\"status\":\"succeeded\","
                        + "\"protected\":120,\"bytes\":52428800}",
                "{\"id\":\"run-2\",\"customer\":\"BACKUP-2\",\"kind\":\"job\",\"workload\":\"onedrive\","
                        + "\"started\":\"2026-11-20T01:05:00Z\",\"finished\":\"2026-11-20T01:20:00Z\",\"status\":\"failed\","
                        + "\"failed\":3,\"reason\":\"Throttled by the service\","
                        + "\"error\":\"OneDrive of Jane Roe (jane.roe@example.com, +44 7700 900123) was throttled\"}",
                "{\"id\":\"p-1\",\"customer\":\"BACKUP-2\",\"kind\":\"protected\",\"workload\":\"onedrive\",\"day\":\"2026-11-20\",\"objects\":44}",
                "{\"id\":\"s-1\",\"customer\":\"BACKUP-2\",\"kind\":\"storage\",\"workload\":\"exchange\",\"day\":\"2026-11-20\",\"bytes\":9000000000}",
                "{\"id\":\"run-3\",\"customer\":\"BACKUP-2\",\"kind\":\"job\",\"workload\":\"exchange\","
                        + "\"started\":\"2026-11-21T01:00:00Z\",\"status\":\"exploded\"}") + "\n";
        await("/api/v1/products", 30, x -> x.body().contains("\"m365-backup\""));
        HttpRequest post = HttpRequest.newBuilder(uri("/api/v1/ingest/m365-backup"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> r = await202(post);
        JsonNode j = json(r);
        assertEquals(r.body(), 4, j.get("stored").asInt());
        assertEquals(r.body(), 5, j.at("/rejected/0/line").asInt());
        assertEquals(r.body(), "status", j.at("/rejected/0/field").asText());
        JsonNode again = json(await202(post));
        assertEquals(again.toString(), 0, again.get("stored").asInt());
        assertEquals(again.toString(), 4, again.get("duplicates").asInt());

        String widget = "/api/v1/customers/" + c.id() + "/widgets/m365-backup.backup-status";
        String range = "from=2026-11-01&to=2026-12-01";
        HttpResponse<String> status = get(widget + "?" + range);
        assertEquals(status.body(), 200, status.statusCode());
        assertTrue(status.body(), status.body().contains("Exchange Online") && status.body().contains("\"succeeded\"")
                && status.body().contains("\"failed\"") && status.body().contains("Start service"));
        HttpResponse<String> failures = get(widget + "?panel=failures&" + range);
        assertEquals(failures.body(), 200, failures.statusCode());
        assertTrue(failures.body(), failures.body().contains("Throttled by the service"));
        assertNoPersonalData(failures.body());
        HttpResponse<String> csv = get(widget + "/export?format=csv&panel=failures&" + range);
        assertEquals(csv.body(), 200, csv.statusCode());
        assertTrue(csv.body(), csv.body().contains("Throttled by the service"));
        assertNoPersonalData(csv.body());
        HttpResponse<String> storage = get(widget + "?panel=storage&" + range);
        assertEquals(storage.body(), 200, storage.statusCode());
        assertTrue(storage.body(), storage.body().contains("\"GB\"") && storage.body().contains("Exchange Online"));
        features.uninstallFeature("sightline-product-m365-backup", EnumSet.noneOf(FeaturesService.Option.class));
    }

    /**
     * The generated sample customers subscribed to a backup product get its sample backups too, after the Sample
     * Customer's (the suite lets three per product have them: {@code sample.customers = 3}).
     */
    @Test
    public void aGeneratedSampleCustomerSubscribedToABackupProductGetsSampleBackups() throws Exception {
        ensureUser();
        features.installFeature("sightline-product-m365-backup", EnumSet.noneOf(FeaturesService.Option.class));
        try {
            org.sightline.api.Viewer admin = staff.find(USER).orElseThrow().viewer();
            org.sightline.core.CustomerQuery subscribed = new org.sightline.core.CustomerQuery("SL-", "m365-backup", null,
                    null, false, "accountId", null, 100);
            long until = System.nanoTime() + 60_000_000_000L;
            while (customers.list(admin, subscribed).items().isEmpty() && System.nanoTime() < until) {
                Thread.sleep(200); // the core subscribes the sample customers when the product's sample data comes
            }
            // the family writes for the first three by account id whose dashboard shows the product (tenant access
            // on, subscription not expired): the first of them
            CustomerRef shown = customers.list(admin, subscribed).items().stream()
                    .map(x -> customers.find(admin, x.id()).orElseThrow()).filter(CustomerRef::accessEnabled)
                    .filter(x -> customers.subscriptions(admin, x.id(), null).stream()
                            .anyMatch(s -> s.productId().equals("m365-backup") && !s.status().equals("expired")))
                    .findFirst().orElseThrow(() -> new AssertionError("no sample customer shows m365-backup"));
            // written some seconds after the Sample Customer's: each workload's status then shows its last run
            HttpResponse<String> status = await("/api/v1/customers/" + shown.id() + "/widgets/m365-backup.backup-status",
                    120, x -> x.statusCode() == 200 && x.body().contains("Exchange Online") && !x.body().contains("No runs"));
            assertTrue(status.body(), status.body().contains("\"succeeded\"") || status.body().contains("\"failed\""));
        } finally {
            features.uninstallFeature("sightline-product-m365-backup", EnumSet.noneOf(FeaturesService.Option.class));
        }
    }

    private HttpResponse<String> await202(HttpRequest post) throws Exception {
        long until = System.nanoTime() + 30_000_000_000L;
        HttpResponse<String> r;
        do {
            r = send(post);
            if (r.statusCode() == 202) {
                return r;
            }
            Thread.sleep(200); // the product's ingest handler may still be on its way
        } while (System.nanoTime() < until);
        assertEquals(r.body(), 202, r.statusCode());
        return r;
    }

    private static void assertNoPersonalData(String body) {
        for (String leak : new String[] {"Jane Roe", "jane.roe@example.com", "7700 900123", "+44 7700"}) {
            assertFalse("leaks '" + leak + "': " + body, body.contains(leak));
        }
    }
}
