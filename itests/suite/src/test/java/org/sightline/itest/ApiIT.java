package org.sightline.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.EnumSet;

import javax.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;

import org.apache.karaf.features.FeaturesService;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.sightline.api.CustomerRef;
import org.sightline.core.TokenService;

/** The REST API's contract: authentication, ingestion, idempotency, problem+json errors. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ApiIT extends SightlineTestSupport {
    private static CustomerRef customer;
    private static String token;

    @Inject
    private FeaturesService features;


    @Before
    public void setUp() throws Exception {
        if (customer != null) {
            return;
        }
        customer = customer("API-1", "itest-demo");
        token = createToken(customer.partnerId(), "itest ingest", TokenService.SCOPE_INGEST);
        features.addRepository(URI.create("mvn:org.sightline/org.sightline.itest.widgets/"
                + System.getProperty("project.version") + "/xml/features"));
        features.installFeature("sightline-product-itest-demo", EnumSet.noneOf(FeaturesService.Option.class));
        await("/api/v1/products", 30, r -> r.body().contains("itest-demo"));
    }

    private HttpResponse<String> ingest(String product, String body, String bearer) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri("/api/v1/ingest/" + product))
                .header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return send(b.build());
    }

    @Test
    public void ingestionCountsAcceptedAndRejectedLinesAndStoresNothingTwice() throws Exception {
        String body = String.join("\n",
                "{\"id\":\"e1\",\"customer\":\"API-1\",\"ts\":\"2026-11-20T10:00:00Z\",\"amount\":1.5}",
                "{\"id\":\"e2\",\"customer\":\"API-1\",\"ts\":\"2026-11-20T11:00:00Z\",\"amount\":2}",
                "{\"id\":\"e3\",\"customer\":\"API-1\",\"ts\":\"yesterday\",\"amount\":2}",
                "{\"id\":\"e4\",\"customer\":\"NOPE\",\"ts\":\"2026-11-20T11:00:00Z\",\"amount\":2}",
                "not json",
                "{\"customer\":\"API-1\",\"ts\":\"2026-11-20T11:00:00Z\",\"amount\":2}") + "\n";
        HttpResponse<String> r = ingest("itest-demo", body, token);
        assertEquals(r.body(), 202, r.statusCode());
        JsonNode j = json(r);
        assertEquals(6, j.get("received").asInt());
        assertEquals(2, j.get("stored").asInt());
        assertEquals(4, j.get("rejectedCount").asInt());
        assertEquals(3, j.at("/rejected/0/line").asInt());
        assertEquals("ts", j.at("/rejected/0/field").asText());
        assertEquals("customer", j.at("/rejected/1/field").asText());
        assertTrue(j.at("/rejected/2/reason").asText().contains("not valid JSON"));
        assertEquals("id", j.at("/rejected/3/field").asText());

        JsonNode again = json(ingest("itest-demo", body, token));
        assertEquals(0, again.get("stored").asInt());
        assertEquals(2, again.get("duplicates").asInt());
    }

    @Test
    public void ingestionNeedsAnIngestionTokenAndAKnownProduct() throws Exception {
        assertProblem(ingest("itest-demo", "{}", null), 401);
        assertProblem(ingest("itest-demo", "{}", "slt_not-a-token"), 401);
        assertProblem(ingest("no-such-product", "{\"id\":\"x\",\"customer\":\"API-1\"}", token), 404);
        String read = createToken(customer.partnerId(), "reader", TokenService.SCOPE_READ);
        assertProblem(ingest("itest-demo", "{}", read), 403);
    }

    @Test
    public void errorsAreProblemJsonNamingTheParameter() throws Exception {
        assertProblem(get("/api/v1/customers/999999/dashboard"), 404);
        assertProblem(get("/api/v1/customers/abc/dashboard"), 400);
        HttpResponse<String> bad = get("/api/v1/customers/" + customer.id() + "/dashboard?from=yesterday&to=2026-11-21");
        assertProblem(bad, 400);
        assertEquals("from", json(bad).get("parameter").asText());
        HttpResponse<String> limit = get("/api/v1/customers/" + customer.id() + "/widgets/itest-demo.leaky?limit=0");
        assertProblem(limit, 400);
        assertEquals("limit", json(limit).get("parameter").asText());
        assertProblem(get("/api/v1/customers/" + customer.id() + "/widgets/no.such.widget"), 404);
        assertProblem(get("/api/v1/no-such-endpoint"), 404);
        HttpResponse<String> anonymous = send(HttpRequest.newBuilder(uri("/api/v1/products")).GET().build());
        assertProblem(anonymous, 401);
    }

    @Test
    public void aWidgetsTitleLabelsAndLinksAreMaskedInEveryResponse() throws Exception {
        HttpResponse<String> widget = get("/api/v1/customers/" + customer.id() + "/widgets/itest-demo.leaky");
        assertEquals(widget.body(), 200, widget.statusCode());
        JsonNode w = json(widget);
        assertEquals("Leaky log for ••••0123", w.get("title").asText());
        assertEquals("Note for ••••0123 / j…@example.com", w.at("/view/columns/4/label").asText());
        // links whose URL carries the number or the address are dropped whole; the panel link stays
        assertEquals(widget.body(), 1, w.at("/view/links").size());
        assertEquals("custom", w.at("/view/links/0/panel").asText());
        HttpResponse<String> dashboard = get("/api/v1/customers/" + customer.id() + "/dashboard");
        HttpResponse<String> health = get("/api/v1/admin/widgets");
        assertEquals(health.body(), 200, health.statusCode());
        assertTrue(health.body(), health.body().contains("Leaky log for ••••0123"));
        for (String body : new String[] {widget.body(), dashboard.body(), health.body()}) {
            HotDeployIT.assertNoPersonalData(body);
            assertNoEmailOrSpacedNumber(body);
        }
    }

    /** Neither the e-mail address nor the number written with other separators (no-break spaces, dashes). */
    private static void assertNoEmailOrSpacedNumber(String body) {
        for (String leak : new String[] {"jane.doe", "7700\u00A0900123", "07700–900123", "07700-900123", "7700\\u00a0900123"}) {
            assertTrue("response leaks '" + leak + "': " + body, !body.contains(leak));
        }
    }

    @Test
    public void exportsAreMaskedLikeTheJson() throws Exception {
        String base = "/api/v1/customers/" + customer.id() + "/widgets/itest-demo.leaky/export";
        HttpResponse<String> csv = get(base + "?format=csv");
        assertEquals(csv.body(), 200, csv.statusCode());
        assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        assertTrue(csv.body(), csv.body().contains("••••0123,[name hidden],[content hidden],call back on ••••0123"));
        HotDeployIT.assertNoPersonalData(csv.body());
        HttpResponse<byte[]> xlsx = http.send(bounded(java.net.http.HttpRequest.newBuilder(uri(base + "?format=xlsx"))
                .header("Authorization", basic()).build()), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, xlsx.statusCode());
        StringBuilder all = new StringBuilder();
        try (java.util.zip.ZipInputStream zip = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(xlsx.body()))) {
            while (zip.getNextEntry() != null) {
                all.append(new String(zip.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        assertTrue(all.toString().contains("••••0123"));
        // the sheet is named after the widget's title, masked
        assertTrue(all.toString(), all.toString().contains("<sheet name=\"Leaky log for ••••0123\""));
        HotDeployIT.assertNoPersonalData(all.toString());
        assertNoEmailOrSpacedNumber(all.toString());
        assertNoEmailOrSpacedNumber(csv.body());
        assertProblem(get(base + "?format=pdf"), 400);
        assertProblem(get("/api/v1/customers/" + customer.id() + "/widgets/itest-demo.version/export"), 400);
    }

    @Test
    public void anotherPartnersCustomerIsNotFound() throws Exception {
        long other = provisioning.createPartner(OPERATOR, "Other Partner", false);
        CustomerRef foreign = provisioning.createCustomer(OPERATOR, other, "FOREIGN-1", "Foreign", "USD", true);
        subscribe(foreign.id(), "itest-demo", "active");
        assertProblem(get("/api/v1/customers/" + foreign.id() + "/dashboard"), 404);
        assertProblem(get("/api/v1/customers/" + foreign.id() + "/widgets/itest-demo.version"), 404);
        assertProblem(get("/api/v1/customers/" + foreign.id() + "/widgets/itest-demo.leaky/export?format=csv"), 404);
        String foreignToken = createToken(other, "foreign", TokenService.SCOPE_INGEST);
        JsonNode j = json(ingest("itest-demo", "{\"id\":\"f1\",\"customer\":\"API-1\",\"ts\":\"2026-11-20T10:00:00Z\",\"amount\":1}\n", foreignToken));
        assertEquals(0, j.get("stored").asInt());
        assertEquals("customer", j.at("/rejected/0/field").asText());
    }

    @Test
    public void aCustomerWithAccessDisabledShowsOnlySubscriptions() throws Exception {
        CustomerRef locked = provisioning.createCustomer(OPERATOR, customer.partnerId(), "LOCKED-1", "Locked", "EUR", false);
        subscribe(locked.id(), "itest-demo", "active");
        HttpResponse<String> r = get("/api/v1/customers/" + locked.id() + "/dashboard");
        assertEquals(200, r.statusCode());
        for (JsonNode w : json(r).get("widgets")) {
            assertEquals("subscriptions", w.get("section").asText());
        }
        assertEquals(0, json(r).get("navigation").size());
    }

    @Test
    public void theDashboardIsRevalidatedByETagAndShowsAChangeAtOnce() throws Exception {
        CustomerRef c = customer("FRESH-1");
        String path = "/api/v1/customers/" + c.id() + "/dashboard";
        HttpResponse<String> first = get(path);
        assertEquals(first.body(), 200, first.statusCode());
        assertEquals(0, json(first).get("navigation").size());
        String etag = first.headers().firstValue("ETag").orElseThrow();
        // Asked again (the composed dashboard is reused): same ETag, and revalidation costs no body.
        assertEquals(etag, get(path).headers().firstValue("ETag").orElseThrow());
        HttpResponse<String> notModified = send(HttpRequest.newBuilder(uri(path)).header("Authorization", basic())
                .header("If-None-Match", etag).GET().build());
        assertEquals(304, notModified.statusCode());
        assertEquals("", notModified.body());

        // A subscription added: the very next request shows it, in the navigation and in the subscriptions card.
        subscribe(c.id(), "itest-demo", "active");
        HttpResponse<String> second = send(HttpRequest.newBuilder(uri(path)).header("Authorization", basic())
                .header("If-None-Match", etag).GET().build());
        assertEquals(200, second.statusCode());
        assertEquals("itest-demo", json(second).at("/navigation/0/id").asText());
        String name = "";
        for (JsonNode p : json(get("/api/v1/products"))) {
            if (p.get("id").asText().equals("itest-demo")) {
                name = p.get("displayName").asText();
            }
        }
        assertTrue(second.body(), !name.isEmpty() && widget(json(second), "core.subscriptions").toString().contains(name));
        assertTrue(!etag.equals(second.headers().firstValue("ETag").orElseThrow()));
    }

    @Test
    public void everyApiResponseIsNosniffAndThoseWithPersonalDataAreNotStored() throws Exception {
        String dashboard = "/api/v1/customers/" + customer.id() + "/dashboard";
        for (HttpResponse<String> r : java.util.List.of(get("/api/v1/customers"), get(dashboard),
                get("/api/v1/customers/" + customer.id() + "/widgets/itest-demo.leaky"), get("/api/v1/audit"),
                get("/api/v1/customers/abc/dashboard"),
                send(HttpRequest.newBuilder(uri("/api/v1/products")).GET().build()))) {
            assertEquals(r.uri() + " " + r.statusCode(), "nosniff", r.headers().firstValue("X-Content-Type-Options").orElse(""));
            assertEquals(r.uri() + " " + r.statusCode(), "no-store", r.headers().firstValue("Cache-Control").orElse(""));
        }
        // no-store keeps the ETag: a script that keeps the body can still revalidate it for nothing (a customer
        // without the demo product, whose faulty widgets make every composition differ)
        String quiet = "/api/v1/customers/" + customer("NOSTORE-1").id() + "/dashboard";
        String etag = get(quiet).headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> notModified = send(HttpRequest.newBuilder(uri(quiet)).header("Authorization", basic())
                .header("If-None-Match", etag).GET().build());
        assertEquals(304, notModified.statusCode());
        assertEquals("nosniff", notModified.headers().firstValue("X-Content-Type-Options").orElse(""));
        HttpResponse<String> health = send(HttpRequest.newBuilder(uri("/api/v1/health")).GET().build());
        assertEquals("nosniff", health.headers().firstValue("X-Content-Type-Options").orElse(""));
        assertTrue(health.headers().firstValue("Cache-Control").isEmpty());
    }

    @Test
    public void readinessIsReadyWithoutCredentialsWhileTheDatabaseAnswers() throws Exception {
        HttpResponse<String> r = send(HttpRequest.newBuilder(uri("/api/v1/health/ready")).GET().build());
        assertEquals(r.body(), 200, r.statusCode());
        assertEquals("ready", json(r).get("status").asText());
        assertEquals("up", json(r).at("/checks/database").asText());
        assertEquals("up", json(send(HttpRequest.newBuilder(uri("/api/v1/health")).GET().build())).get("status").asText());
    }

    @Test
    public void rangesBeyondTheMaximumAndTimesOutsideYears1To9999Are400() throws Exception {
        String dashboard = "/api/v1/customers/" + customer.id() + "/dashboard";
        HttpResponse<String> tooLong = get(dashboard + "?from=2000-01-01&to=2026-11-21");
        assertProblem(tooLong, 400);
        assertEquals("from", json(tooLong).get("parameter").asText());
        assertTrue(json(tooLong).get("detail").asText(), json(tooLong).get("detail").asText().contains("3660 days"));
        HttpResponse<String> huge = get(dashboard + "?from=-999999999-01-01T00:00:00Z&to=%2B999999999-12-31T23:59:59Z");
        assertProblem(huge, 400);
        assertEquals("from", json(huge).get("parameter").asText());
        HttpResponse<String> widget = get("/api/v1/customers/" + customer.id()
                + "/widgets/itest-demo.leaky?from=2026-01-01&to=%2B10000-01-01T00:00:00Z");
        assertProblem(widget, 400);
        assertEquals("to", json(widget).get("parameter").asText());
        HttpResponse<String> audit = get("/api/v1/audit?from=%2B1000000000-12-31T23:59:59Z");
        assertProblem(audit, 400);
        assertEquals("from", json(audit).get("parameter").asText());
        assertEquals(200, get(dashboard + "?from=2020-01-01&to=2026-11-21").statusCode());
    }

    @Test
    public void valuesTooLongForTheirColumnAfterNormalisingAre400NamingTheField() throws Exception {
        CustomerRef c = customer("LONG-1");
        String path = "/api/v1/customers/" + c.id();
        HttpResponse<String> name = patch(path, JSON.writeValueAsString(java.util.Map.of("name", "İ".repeat(200))));
        assertProblem(name, 400);
        assertEquals("name", json(name).get("parameter").asText());
        java.util.List<String> recipients = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            recipients.add("billing.department.number" + i + "@accounts.acme-corporation.example.com");
        }
        HttpResponse<String> billing = patch(path, JSON.writeValueAsString(java.util.Map.of("billingRecipients", recipients)));
        assertProblem(billing, 400);
        assertEquals("billingRecipients", json(billing).get("parameter").asText());
        assertEquals("Customer LONG-1", json(get(path)).get("name").asText());
    }

    @Test
    public void ingestedTimesOutsideTheWindowAreRejectedLinesWithTheirReason() throws Exception {
        String body = "{\"id\":\"w1\",\"customer\":\"API-1\",\"ts\":\"+999999-01-01T00:00:00Z\",\"amount\":1}\n"
                + "{\"id\":\"w2\",\"customer\":\"API-1\",\"ts\":\"1970-01-01T00:00:00Z\",\"amount\":1}\n"
                + "{\"id\":\"w3\",\"customer\":\"API-1\",\"ts\":\"2026-11-20T10:00:00Z\",\"amount\":1}\n";
        HttpResponse<String> r = ingest("itest-demo", body, token);
        assertEquals(r.body(), 202, r.statusCode());
        JsonNode j = json(r);
        assertEquals(1, j.get("stored").asInt());
        assertEquals(2, j.get("rejectedCount").asInt());
        assertEquals("ts", j.at("/rejected/0/field").asText());
        assertTrue(j.toString(), j.at("/rejected/1/reason").asText().contains("between 2000-01-01T00:00:00Z and one day from now"));
    }

    private HttpResponse<String> patch(String path, String json) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", basic()).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private HttpResponse<String> post(String path, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).header("Authorization", basic());
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        return send(b.POST(json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)).build());
    }

    @Test
    public void aWidgetActionRunsAsOfferedIsAuditedMaskedAndShowsAtOnce() throws Exception {
        String widget = "/api/v1/customers/" + customer.id() + "/widgets/itest-demo.actions";
        assertTrue(get(widget).body().contains("Run check (0 so far)"));
        HttpResponse<String> r = post(widget + "/actions/check", "{}");
        assertEquals(r.body(), 200, r.statusCode());
        assertEquals("Check 1 done.", json(r).get("message").asText());
        // the customer's cached views were dropped: the new count shows on the next request
        assertTrue(get(widget).body().contains("Run check (1 so far)"));

        HttpResponse<String> call = post(widget + "/actions/call-back", null);
        assertEquals(call.body(), 200, call.statusCode());
        assertTrue(call.body(), call.body().contains("0123") && !call.body().contains("7946"));

        HttpResponse<String> unconfirmed = post(widget + "/actions/reset", "{}");
        assertProblem(unconfirmed, 400);
        assertEquals("confirm", json(unconfirmed).get("parameter").asText());
        assertEquals(200, post(widget + "/actions/reset", "{\"confirm\":\"Yes\"}").statusCode());
        assertTrue(get(widget).body().contains("Run check (0 so far)"));

        HttpResponse<String> refused = post(widget + "/actions/refuse", "{}");
        assertProblem(refused, 400);
        assertEquals("action", json(refused).get("parameter").asText());
        assertProblem(post(widget + "/actions/no-such-action", "{}"), 404);
        assertProblem(post("/api/v1/customers/" + customer.id() + "/widgets/itest-demo.version/actions/check", "{}"), 404);
        assertProblem(post(widget + "/actions/check", "{\"confirm\":\"Yes\",\"extra\":1}"), 400);

        String audit = get("/api/v1/audit?action=widget.action&customer=" + customer.id()).body();
        assertTrue(audit, audit.contains("itest-demo.actions: check") && audit.contains("itest-demo.actions: reset"));
    }
}
