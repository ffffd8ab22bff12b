package org.sightline.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.regex.Pattern;

import javax.inject.Inject;

import org.apache.karaf.features.FeaturesService;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.sightline.api.CustomerRef;

/**
 * PDF exports against the distribution: the Sample Customer's dashboard as a PDF (cover, widgets), a customer
 * whose widget plants personal data (the PDF's text, read back with the distribution's PDFBox, has it masked),
 * another partner's customer (404), and the renderer's feature uninstalled at runtime (503, back to 200 once
 * it is installed again).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ReportsIT extends SightlineTestSupport {
    private static final String REPORTS_FEATURE = "sightline-reports";
    /**
     * Karaf's default refresh after a feature change restarted unrelated bundles here (the features service, this
     * probe); the renderer's bundle needs none: the core's reference to its service is dynamic.
     */
    private static final EnumSet<FeaturesService.Option> NO_REFRESH = EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles);
    private CustomerRef sample;
    private CustomerRef leaky;

    @Inject
    private FeaturesService features;


    /**
     * Idempotent, without relying on static state: uninstalling the renderer's feature takes PDFBox away, which
     * refreshes this probe (it reads PDFs with PDFBox), so a later test may run in a fresh copy of this class.
     */
    @Before
    public void setUp() throws Exception {
        long partner = samplePartner();
        long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (findByAccount("SAMPLE-0001").isEmpty() && System.nanoTime() < until) {
            Thread.sleep(200);
        }
        sample = findByAccount("SAMPLE-0001").orElseThrow();
        leaky = findByAccount("REP-1").orElse(null);
        if (leaky == null) {
            leaky = customer("REP-1", "itest-demo");
        }
        org.apache.karaf.features.Feature demo = features.getFeature("sightline-product-itest-demo");
        if (demo == null) {
            features.addRepository(URI.create("mvn:org.sightline/org.sightline.itest.widgets/"
                    + System.getProperty("project.version") + "/xml/features"));
        }
        if (demo == null || !features.isInstalled(demo)) {
            features.installFeature("sightline-product-itest-demo", EnumSet.noneOf(FeaturesService.Option.class));
        }
        await("/api/v1/products", 30, r -> r.body().contains("itest-demo"));
    }

    private HttpResponse<byte[]> pdf(String path) throws Exception {
        ensureUser();
        return http.send(bounded(HttpRequest.newBuilder(uri(path)).header("Authorization", basic()).GET().build()),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String text(byte[] pdf) throws Exception {
        try (PDDocument doc = PDDocument.load(pdf)) {
            return new PDFTextStripper().getText(doc);
        }
    }

    private static void assertPdf(HttpResponse<byte[]> r) {
        assertEquals(new String(r.body(), StandardCharsets.UTF_8), 200, r.statusCode());
        assertEquals("application/pdf", r.headers().firstValue("Content-Type").orElse(""));
        assertTrue(r.headers().firstValue("Content-Disposition").orElse(""),
                r.headers().firstValue("Content-Disposition").orElse("").startsWith("attachment; filename=\""));
        assertEquals("%PDF-", new String(r.body(), 0, 5, StandardCharsets.ISO_8859_1));
    }

    @Test
    public void theSampleCustomersDashboardIsAPdfWithItsCoverAndWidgets() throws Exception {
        HttpResponse<byte[]> r = pdf("/api/v1/customers/" + sample.id() + "/dashboard.pdf?tz=Europe/Berlin");
        assertPdf(r);
        assertTrue(r.headers().firstValue("Content-Disposition").orElse("").contains("SAMPLE-0001-dashboard-"));
        String text = text(r.body());
        for (String expected : new String[] {"Dashboard", "Prepared for", "Sample Customer", "Prepared by", "(Europe/Berlin)",
                "Products & subscriptions", "Page 1 of "}) {
            assertTrue(expected + " in\n" + text, text.contains(expected));
        }
        HttpResponse<String> activity = await("/api/v1/audit", 10, a -> a.body().contains("report.exported"));
        assertTrue(activity.body(), activity.body().contains("Dashboard (PDF)"));
    }

    /** A PNG of an unusual size (97 x 31), so the test finds it among the cover's images. */
    private static byte[] partnerPng() throws Exception {
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(97, 31, java.awt.image.BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 97; x++) {
            for (int y = 0; y < 31; y++) {
                img.setRGB(x, y, x < 48 ? 0x1f6feb : 0xf0f0f0);
            }
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    private HttpResponse<String> putPartnerLogo(String type, byte[] body) throws Exception {
        return send(HttpRequest.newBuilder(uri("/api/v1/admin/partner/logo")).header("Authorization", basic())
                .header("Content-Type", type).PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    /** The sizes (width x height) of the images drawn on the first page. */
    private static java.util.List<String> coverImages(byte[] pdf) throws Exception {
        java.util.List<String> out = new java.util.ArrayList<>();
        try (PDDocument doc = PDDocument.load(pdf)) {
            org.apache.pdfbox.pdmodel.PDResources res = doc.getPage(0).getResources();
            for (org.apache.pdfbox.cos.COSName name : res.getXObjectNames()) {
                if (res.getXObject(name) instanceof org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject img) {
                    out.add(img.getWidth() + "x" + img.getHeight());
                }
            }
        }
        return out;
    }

    @Test
    public void thePartnersLogoIsOnTheCoverOnceItsAdminUploadsIt() throws Exception {
        String dashboard = "/api/v1/customers/" + sample.id() + "/dashboard.pdf";
        assertEquals(204, send(HttpRequest.newBuilder(uri("/api/v1/admin/partner/logo")).header("Authorization", basic())
                .DELETE().build()).statusCode());
        assertEquals(404, get("/api/v1/admin/partner/logo").statusCode());
        assertFalse(coverImages(pdf(dashboard).body()).contains("97x31"));
        // bad input: not an image by its bytes, an unsupported type, too large
        HttpResponse<String> html = putPartnerLogo("image/png", "<html><script>alert(1)</script>".getBytes(StandardCharsets.UTF_8));
        assertEquals(html.body(), 400, html.statusCode());
        assertEquals("application/problem+json", html.headers().firstValue("Content-Type").orElse(""));
        assertTrue(html.body(), html.body().contains("\"parameter\":\"logo\""));
        HttpResponse<String> svg = putPartnerLogo("image/svg+xml", "<svg/>".getBytes(StandardCharsets.UTF_8));
        assertEquals(svg.body(), 415, svg.statusCode());
        assertEquals("application/problem+json", svg.headers().firstValue("Content-Type").orElse(""));
        byte[] big = new byte[256 * 1024 + 10];
        big[0] = (byte) 0xff;
        big[1] = (byte) 0xd8;
        big[2] = (byte) 0xff;
        HttpResponse<String> large = putPartnerLogo("image/jpeg", big);
        assertEquals(large.body(), 413, large.statusCode());
        assertEquals("application/problem+json", large.headers().firstValue("Content-Type").orElse(""));
        // a viewer of the partner may not change it
        String viewerName = "rep-logo-viewer";
        if (staff.find(viewerName).isEmpty()) {
            createUser(samplePartner(), viewerName, "viewer", "viewer-secret-123");
        }
        HttpResponse<String> denied = send(HttpRequest.newBuilder(uri("/api/v1/admin/partner/logo"))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                        (viewerName + ":viewer-secret-123").getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "image/png").PUT(HttpRequest.BodyPublishers.ofByteArray(partnerPng())).build());
        assertEquals(denied.body(), 403, denied.statusCode());

        HttpResponse<String> put = putPartnerLogo("image/png", partnerPng());
        assertEquals(put.body(), 200, put.statusCode());
        assertTrue(put.body(), put.body().contains("image/png"));
        HttpResponse<byte[]> served = pdf("/api/v1/admin/partner/logo");
        assertEquals(200, served.statusCode());
        assertEquals("image/png", served.headers().firstValue("Content-Type").orElse(""));
        assertEquals("nosniff", served.headers().firstValue("X-Content-Type-Options").orElse(""));

        HttpResponse<byte[]> r = pdf(dashboard);
        assertPdf(r);
        java.util.List<String> images = coverImages(r.body());
        assertTrue("the cover's images: " + images, images.contains("97x31"));
        assertTrue(text(r.body()).contains("Prepared by"));
        HttpResponse<String> audit = await("/api/v1/audit?action=partner.logo", 10,
                a -> a.body().contains("\"denied\"") && a.body().contains("image/png"));
        assertTrue(audit.body(), audit.body().contains("\"failed\""));

        // removed again: the partner's name alone, and the other tests see the cover as before
        assertEquals(204, send(HttpRequest.newBuilder(uri("/api/v1/admin/partner/logo")).header("Authorization", basic())
                .DELETE().build()).statusCode());
        assertFalse(coverImages(pdf(dashboard).body()).contains("97x31"));
    }

    @Test
    public void plantedPersonalDataIsMaskedInThePdf() throws Exception {
        HttpResponse<byte[]> r = pdf("/api/v1/customers/" + leaky.id() + "/dashboard.pdf");
        assertPdf(r);
        String text = text(r.body());
        assertTrue(text, text.contains("Leaky log for \u2022\u2022\u2022\u20220123"));
        assertTrue(text, text.contains("[name hidden]"));
        assertFalse(text, Pattern.compile("7700\\D{0,3}900").matcher(text).find());
        assertFalse(text, text.toLowerCase().contains("jane"));
        assertFalse(text, text.contains("Roe"));
        assertFalse(text, text.contains("usual place"));
    }

    @Test
    public void anotherPartnersCustomerAndAnUnknownReportAreNotFound() throws Exception {
        long other = provisioning.createPartner(OPERATOR, "Reports Other Partner", false);
        CustomerRef foreign = provisioning.createCustomer(OPERATOR, other, "REP-FOREIGN", "Foreign", "USD", true);
        assertEquals(404, pdf("/api/v1/customers/" + foreign.id() + "/dashboard.pdf").statusCode());
        assertEquals(404, pdf("/api/v1/customers/" + leaky.id() + "/widgets/itest-demo.leaky/reports/detailed.pdf").statusCode());
        HttpResponse<byte[]> bad = pdf("/api/v1/customers/" + leaky.id() + "/dashboard.pdf?from=yesterday&to=2026-11-21");
        assertEquals(400, bad.statusCode());
        assertEquals("application/problem+json", bad.headers().firstValue("Content-Type").orElse(""));
    }

    @Test
    public void withoutTheRendererFeatureThePdfIs503AndComesBackWithIt() throws Exception {
        String path = "/api/v1/customers/" + sample.id() + "/dashboard.pdf";
        features.uninstallFeature(REPORTS_FEATURE, NO_REFRESH);
        try {
            HttpResponse<String> gone = await(path, 30, r -> r.statusCode() == 503);
            assertEquals("application/problem+json", gone.headers().firstValue("Content-Type").orElse(""));
            assertTrue(gone.body(), json(gone).get("detail").asText().equals("The PDF renderer is not installed."));
            assertEquals(200, get("/api/v1/customers/" + sample.id() + "/dashboard").statusCode());
        } finally {
            features.installFeature(REPORTS_FEATURE, NO_REFRESH);
        }
        await(path, 30, r -> r.statusCode() == 200);
    }
}
