package org.sightline.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import javax.inject.Inject;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.sightline.api.CustomerRef;
import org.sightline.core.CustomerUpdate;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reports that reach people, against the distribution: a partner admin's template, "Generate report" to a staff
 * recipient who opens it in the portal (its PDF names the template), the bad-input answers (no sections, a viewer
 * generating, customer recipients while the customer's setting is off), and the public links: open without a
 * session, a clear page for a forged or tampered token, and nothing else reachable that way.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ReportDeliveryIT extends SightlineTestSupport {
    private static final String VIEWER = "itest-report-viewer";
    private static final String VIEWER_PASSWORD = "viewer-secret-12";
    private CustomerRef customer;

    @Inject
    private BundleContext context;

    @Before
    public void setUp() throws Exception {
        ensureUser();
        customer = findByAccount("RDEL-1").orElse(null);
        if (customer == null) {
            customer = customer("RDEL-1");
        }
        if (staff.find(VIEWER).isEmpty()) {
            createUser(samplePartner(), VIEWER, "viewer", VIEWER_PASSWORD);
        }
        assignToCustomer(VIEWER, customer.id());
    }

    private HttpResponse<String> post(String path, String body, String authorization) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", authorization)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static String basic(String user, String password) {
        return "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    public void aTemplateIsGeneratedForAStaffRecipientWhoOpensItInThePortal() throws Exception {
        HttpResponse<String> bad = post("/api/v1/report-templates", "{\"name\":\"No sections\",\"sections\":[]}", basic());
        assertProblem(bad, 400);
        assertEquals("sections", json(bad).get("parameter").asText());
        HttpResponse<String> created = post("/api/v1/report-templates",
                "{\"name\":\"IT subscriptions " + Long.toString(System.nanoTime(), 36).replaceAll("[0-9]", "") + "\",\"sections\":[\"subscriptions\"],\"range\":\"last-30-days\"}", basic());
        assertEquals(created.body(), 201, created.statusCode());
        long templateId = json(created).get("id").asLong();
        String name = json(created).get("name").asText();

        HttpResponse<String> offered = get("/api/v1/customers/" + customer.id() + "/report-templates");
        assertTrue(offered.body(), offered.body().contains(name));
        JsonNode choices = json(get("/api/v1/customers/" + customer.id() + "/report-recipients"));
        long me = -1;
        for (JsonNode s : choices.get("staff")) {
            if ("Integration Test".equals(s.get("displayName").asText())) {
                me = s.get("id").asLong();
            }
        }
        assertTrue(choices.toString(), me > 0);
        assertFalse(choices.get("reportSend").asBoolean());

        HttpResponse<String> g = post("/api/v1/customers/" + customer.id() + "/reports",
                "{\"templateId\":" + templateId + ",\"staffIds\":[" + me + "]}", basic());
        assertEquals(g.body(), 201, g.statusCode());
        assertEquals("portal", json(g).at("/recipients/0/status").asText());
        HttpResponse<byte[]> pdf = http.send(bounded(HttpRequest.newBuilder(uri(json(g).get("pdfUrl").asText()))
                .header("Authorization", basic()).GET().build()), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, pdf.statusCode());
        try (PDDocument doc = PDDocument.load(pdf.body())) {
            String text = new PDFTextStripper().getText(doc);
            assertTrue(text, text.contains(name));
            assertTrue(text, text.contains("Customer RDEL-1"));
        }

        // a viewer may not generate; customer recipients need the customer's setting, and nothing is sent
        assertProblem(post("/api/v1/customers/" + customer.id() + "/reports",
                "{\"templateId\":" + templateId + ",\"staffIds\":[" + me + "]}", basic(VIEWER, VIEWER_PASSWORD)), 403);
        assertProblem(post("/api/v1/customers/" + customer.id() + "/reports",
                "{\"templateId\":" + templateId + ",\"addresses\":[\"it@rdel.example\"]}", basic()), 409);
        assertProblem(post("/api/v1/customers/" + customer.id() + "/reports",
                "{\"templateId\":" + templateId + ",\"addresses\":[\"not an address\"]}", basic()), 400);
        assertProblem(post("/api/v1/customers/" + customer.id() + "/reports",
                "{\"templateId\":999999,\"staffIds\":[" + me + "]}", basic()), 404);

        actions.update(staff.find(USER).orElseThrow().viewer(), customer.id(), new CustomerUpdate(null, null, null, null, null,
                null, null, true, List.of("it@rdel.example")));
        HttpResponse<String> toCustomer = post("/api/v1/customers/" + customer.id() + "/reports",
                "{\"templateId\":" + templateId + ",\"addresses\":[\"it@rdel.example\"]}", basic());
        if (context.getServiceReference("org.sightline.core.Outbox") != null) {
            assertEquals(toCustomer.body(), 201, toCustomer.statusCode());
            assertEquals("verify", json(toCustomer).at("/recipients/0/status").asText());
        } else {
            assertProblem(toCustomer, 503); // no mail outbox in this distribution: refused, nothing written
        }
    }

    @Test
    public void theLinksAreOpenWithoutASessionAndShowNothingForABadToken() throws Exception {
        HttpResponse<String> forged = send(HttpRequest.newBuilder(uri("/verify/" + "A".repeat(43))).GET().build());
        assertEquals(404, forged.statusCode());
        assertTrue(forged.headers().firstValue("Content-Type").orElse(""), forged.headers().firstValue("Content-Type")
                .orElse("").startsWith("text/html"));
        assertTrue(forged.body(), forged.body().contains("This link is not valid"));
        assertEquals("no-store", forged.headers().firstValue("Cache-Control").orElse(""));
        HttpResponse<String> tampered = send(HttpRequest.newBuilder(uri("/r/1.4102444800." + "B".repeat(43))).GET().build());
        assertEquals(403, tampered.statusCode());
        assertFalse(tampered.body(), tampered.body().contains("%PDF"));
        assertEquals(403, send(HttpRequest.newBuilder(uri("/r/x")).GET().build()).statusCode());
        // the API stays closed without credentials
        assertEquals(401, send(HttpRequest.newBuilder(uri("/api/v1/report-templates")).GET().build()).statusCode());
        assertEquals(401, send(HttpRequest.newBuilder(uri("/api/v1/reports/1.pdf")).GET().build()).statusCode());
    }
}
