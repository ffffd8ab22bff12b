package org.sightline.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.EnumSet;
import java.util.zip.Inflater;

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
 * The governance products, Policies for Microsoft 365 and Risk insights, on the governance family: they install
 * and uninstall at runtime, show what their backends send, keep "Create service account" from viewers, and
 * produce the detailed risk report as PDF for the caller's customers only.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class GovernanceIT extends SightlineTestSupport {
    private static final String VIEWER = "gov-viewer";
    private static final String VIEWER_PW = "gov-viewer-secret-1";
    /**
     * Without refreshing other bundles: the governance bundles export nothing, and a refresh that Karaf chose on
     * its own restarted the test probe mid-test (seen: "Invalid BundleContext" on the next call).
     */
    private static final EnumSet<FeaturesService.Option> NONE = EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles);

    @Inject
    private org.osgi.framework.BundleContext context;


    @Test
    public void bothProductsInstallAndUninstallAtRuntime() throws Exception {
        ensureUser();
        CustomerRef c = customer("GOV-1", "policy", "risk");
        String dashboard = "/api/v1/customers/" + c.id() + "/dashboard";
        String[][] products = {{"policy", "policy.status", "policy.violations"}, {"risk", "risk.trends", "risk.report"}};
        for (String[] p : products) {
            features().installFeature("sightline-product-" + p[0], NONE);
            HttpResponse<String> r = await(dashboard, 30, x -> x.body().contains("\"" + p[1] + "\"")
                    && x.body().contains("\"" + p[2] + "\""));
            assertTrue(r.body(), json(r).get("navigation").toString().contains("\"" + p[0] + "\""));
            assertEquals(200, get(dashboard + "?product=" + p[0]).statusCode());
        }
        for (String[] p : products) {
            features().uninstallFeature("sightline-product-" + p[0], NONE);
            HttpResponse<String> r = await(dashboard, 30, x -> !x.body().contains("\"" + p[1] + "\""));
            assertEquals(200, r.statusCode());
            assertFalse(r.body(), r.body().contains("\"" + p[2] + "\""));
            assertProblem(get(dashboard + "?product=" + p[0]), 404);
        }
    }

    @Test
    public void whatTheBackendsSendIsShownAndOnlyActorsCreateAServiceAccount() throws Exception {
        ensureUser();
        features().installFeature("sightline-product-policy", NONE);
        features().installFeature("sightline-product-risk", NONE);
        CustomerRef c = customer("GOV-2", "policy", "risk");
        if (staff.find(VIEWER).isEmpty()) {
            createUser(c.partnerId(), VIEWER, "viewer", VIEWER_PW);
        }
        assignToCustomer(VIEWER, c.id());
        await("/api/v1/products", 30, x -> x.body().contains("\"policy\"") && x.body().contains("\"risk\""));
        String token = createToken(c.partnerId(), "governance backend", TokenService.SCOPE_INGEST);

        HttpResponse<String> policy = ingest(token, "policy",
                "{\"type\":\"rule\",\"id\":\"R1\",\"customer\":\"GOV-2\",\"name\":\"Mailbox auditing\",\"scope\":\"Exchange Online\",\"compliant\":true,\"lastEvaluated\":\"2026-11-30T06:00:00Z\"}",
                "{\"type\":\"rule\",\"id\":\"R2\",\"customer\":\"GOV-2\",\"name\":\"Block legacy authentication\",\"scope\":\"Entra ID\",\"compliant\":false,\"lastEvaluated\":\"2026-11-30T06:00:00Z\"}",
                "{\"type\":\"violation\",\"id\":\"V1\",\"customer\":\"GOV-2\",\"rule\":\"R2\",\"object\":\"Sales mailbox\",\"found\":\"2026-11-29T10:00:00Z\",\"fixed\":false}",
                "{\"type\":\"violation\",\"id\":\"V2\",\"customer\":\"GOV-2\",\"rule\":\"R1\",\"object\":\"HR group\",\"found\":\"2026-11-28T10:00:00Z\",\"fixed\":true,\"fixedAt\":\"2026-11-29T10:00:00Z\"}",
                "{\"type\":\"violation\",\"id\":\"V3\",\"customer\":\"GOV-2\",\"rule\":\"R2\",\"found\":\"2026-11-28T10:00:00Z\",\"fixed\":false}");
        assertEquals(policy.body(), 202, policy.statusCode());
        assertEquals(4, json(policy).get("stored").asInt());
        assertEquals("object", json(policy).at("/rejected/0/field").asText());
        assertEquals(4, json(ingest(token, "policy",
                "{\"type\":\"rule\",\"id\":\"R1\",\"customer\":\"GOV-2\",\"name\":\"Mailbox auditing\",\"scope\":\"Exchange Online\",\"compliant\":true,\"lastEvaluated\":\"2026-11-30T06:00:00Z\"}",
                "{\"type\":\"rule\",\"id\":\"R2\",\"customer\":\"GOV-2\",\"name\":\"Block legacy authentication\",\"scope\":\"Entra ID\",\"compliant\":false,\"lastEvaluated\":\"2026-11-30T06:00:00Z\"}",
                "{\"type\":\"violation\",\"id\":\"V1\",\"customer\":\"GOV-2\",\"rule\":\"R2\",\"object\":\"Sales mailbox\",\"found\":\"2026-11-29T10:00:00Z\",\"fixed\":false}",
                "{\"type\":\"violation\",\"id\":\"V2\",\"customer\":\"GOV-2\",\"rule\":\"R1\",\"object\":\"HR group\",\"found\":\"2026-11-28T10:00:00Z\",\"fixed\":true,\"fixedAt\":\"2026-11-29T10:00:00Z\"}"))
                .get("duplicates").asInt());
        JsonNode status = json(get("/api/v1/customers/" + c.id() + "/widgets/policy.status"));
        assertEquals(status.toString(), "[1,1,1,1]", values(status.at("/view/tiles")));

        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        StringBuilder daily = new StringBuilder();
        for (String kind : new String[] {"sharepoint", "teams", "groups", "onedrive"}) {
            daily.append("{\"type\":\"daily\",\"id\":\"").append(today).append('/').append(kind)
                    .append("\",\"customer\":\"GOV-2\",\"day\":\"").append(today).append("\",\"workspaceKind\":\"").append(kind)
                    .append("\",\"highRisk\":1,\"mediumRisk\":2,\"sensitive\":3,\"externalUsers\":4,\"externalLinks\":5}\n");
        }
        HttpResponse<String> risk = ingest(token, "risk", daily.toString().strip(),
                "{\"type\":\"workspace\",\"id\":\"site-1\",\"customer\":\"GOV-2\",\"workspaceKind\":\"sharepoint\",\"name\":\"Finance\",\"day\":\"" + today
                        + "\",\"highRisk\":1,\"mediumRisk\":2,\"sensitive\":3,\"externalUsers\":4,\"externalLinks\":5}");
        assertEquals(risk.body(), 202, risk.statusCode());
        assertEquals(risk.body(), 5, json(risk).get("stored").asInt());
        JsonNode trends = json(get("/api/v1/customers/" + c.id() + "/widgets/risk.trends"));
        JsonNode series = trends.at("/view/series");
        assertEquals(trends.toString(), 5, series.size());
        for (int m = 0; m < 5; m++) {
            JsonNode points = series.get(m).get("points");
            assertEquals(trends.toString(), 4.0 * (m + 1), points.get(points.size() - 1).get(1).asDouble(), 0.0);
        }
        JsonNode summary = json(get("/api/v1/customers/" + c.id() + "/widgets/risk.trends?panel=summary"));
        assertEquals(summary.toString(), 5, summary.at("/view/rows").size());

        String action = "/api/v1/customers/" + c.id() + "/widgets/risk.report/actions/create-service-account";
        HttpResponse<String> refused = send(HttpRequest.newBuilder(uri(action)).header("Authorization", "Basic "
                + Base64.getEncoder().encodeToString((VIEWER + ":" + VIEWER_PW).getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertProblem(refused, 403);
        HttpResponse<String> done = send(HttpRequest.newBuilder(uri(action)).header("Authorization", basic())
                .POST(HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(done.body(), 200, done.statusCode());
        assertTrue(get("/api/v1/customers/" + c.id() + "/widgets/risk.report").body().contains("Service account requested"));
        assertTrue(get("/api/v1/audit?customer=" + c.id()).body().contains("risk.report: create-service-account"));
    }

    @Test
    public void theDetailedReportIsAPdfWithItsSectionsForTheCallersCustomersOnly() throws Exception {
        ensureUser();
        features().installFeature("sightline-product-risk", NONE);
        CustomerRef c = customer("GOV-3", "risk");
        long other = provisioning.createPartner(OPERATOR, "Governance Other Partner", false);
        CustomerRef foreign = provisioning.createCustomer(OPERATOR, other, "GOV-F", "Foreign", "EUR", true);
        subscribe(foreign.id(), "risk", "active");
        String report = "/widgets/risk.report/reports/detailed.pdf?exchange=skip";
        await("/api/v1/customers/" + c.id() + "/widgets/risk.report", 30, x -> x.statusCode() == 200);
        HttpResponse<byte[]> pdf = http.send(bounded(HttpRequest.newBuilder(uri("/api/v1/customers/" + c.id() + report))
                .header("Authorization", basic()).build()), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(new String(pdf.body(), StandardCharsets.UTF_8), 200, pdf.statusCode());
        assertEquals("application/pdf", pdf.headers().firstValue("Content-Type").orElse("").split(";")[0]);
        assertTrue(new String(pdf.body(), 0, 5, StandardCharsets.ISO_8859_1).startsWith("%PDF-"));
        String text = pdfText(pdf.body());
        for (String section : new String[] {"Exchange Online is not included", "Risk trends", "Risk insights summary",
            "Riskiest workspaces"}) {
            assertTrue("no '" + section + "' in the PDF", text.contains(section));
        }
        assertFalse(text.contains("Riskiest mailboxes"));
        assertProblem(get("/api/v1/customers/" + foreign.id() + report), 404);
    }

    /**
     * The features service as it is now: a refresh while features are installed can restart Karaf's features bundle,
     * after which a service object injected at the start refuses work (seen: RejectedExecutionException).
     */
    private FeaturesService features() throws InterruptedException {
        org.osgi.util.tracker.ServiceTracker<FeaturesService, FeaturesService> t =
                new org.osgi.util.tracker.ServiceTracker<>(context, FeaturesService.class, null);
        t.open();
        try {
            FeaturesService f = t.waitForService(30_000);
            assertTrue("no FeaturesService within 30 s", f != null);
            return f;
        } finally {
            t.close();
        }
    }

    private HttpResponse<String> ingest(String token, String product, String... lines) throws Exception {
        return send(HttpRequest.newBuilder(uri("/api/v1/ingest/" + product)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/x-ndjson")
                .POST(HttpRequest.BodyPublishers.ofString(String.join("\n", lines) + "\n")).build());
    }

    private static String values(JsonNode tiles) {
        StringBuilder b = new StringBuilder("[");
        for (JsonNode t : tiles) {
            b.append(b.length() > 1 ? "," : "").append(t.at("/value/value").asLong());
        }
        return b.append(']').toString();
    }

    /** The PDF's content streams, inflated where compressed, as Latin-1 text (enough to find drawn strings). */
    static String pdfText(byte[] pdf) throws Exception {
        String raw = new String(pdf, StandardCharsets.ISO_8859_1);
        StringBuilder out = new StringBuilder(raw);
        int at = 0;
        while ((at = raw.indexOf("stream", at)) >= 0) {
            int start = at + 6;
            if (raw.startsWith("\r\n", start)) {
                start += 2;
            } else if (raw.startsWith("\n", start)) {
                start += 1;
            } else {
                at = start;
                continue;
            }
            int end = raw.indexOf("endstream", start);
            if (end < 0) {
                break;
            }
            Inflater inflater = new Inflater();
            inflater.setInput(pdf, start, end - start);
            ByteArrayOutputStream o = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            try {
                while (!inflater.finished()) {
                    int n = inflater.inflate(buf);
                    if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                        break;
                    }
                    o.write(buf, 0, n);
                }
                out.append('\n').append(o.toString(StandardCharsets.ISO_8859_1));
            } catch (java.util.zip.DataFormatException e) {
                // not compressed
            } finally {
                inflater.end();
            }
            at = end + 9;
        }
        return out.toString();
    }
}
