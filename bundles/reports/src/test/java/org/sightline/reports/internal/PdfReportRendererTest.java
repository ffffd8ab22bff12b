package org.sightline.reports.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.Test;
import org.sightline.api.report.Branding;
import org.sightline.api.report.ReportDocument;
import org.sightline.api.view.Cell;
import org.sightline.api.view.CellType;
import org.sightline.api.view.Kpi;
import org.sightline.api.view.KpiView;
import org.sightline.api.view.Link;
import org.sightline.api.view.LinksView;
import org.sightline.api.view.Severity;
import org.sightline.api.view.StatusListView;
import org.sightline.api.view.TableView;
import org.sightline.api.view.TimeSeriesView;

public class PdfReportRendererTest {
    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    private final PdfReportRenderer renderer = new PdfReportRenderer();

    private static Branding branding(Branding.Image logo) {
        return new Branding("Contoso Partners", null, "Sample Customer", logo, "2 Nov 2026 - 2 Dec 2026 (UTC)", NOW,
                ZoneId.of("UTC"));
    }

    private static ReportDocument document(int tableRows) {
        List<TableView.Row> rows = new ArrayList<>();
        for (int i = 0; i < tableRows; i++) {
            rows.add(new TableView.Row(List.of(Cell.timestamp(NOW.minusSeconds(60L * i)),
                    new Cell.Redacted(CellType.PHONE, "\u2022\u2022\u2022\u2022" + String.format("%04d", i)),
                    Cell.number(i), Cell.money(new BigDecimal("1.50"), "EUR"),
                    Cell.status("delivered", "Delivered", Severity.OK))));
        }
        TableView table = new TableView(List.of(new TableView.Column("at", "When", CellType.TIMESTAMP),
                new TableView.Column("to", "To", CellType.PHONE), new TableView.Column("n", "Parts", CellType.NUMBER),
                new TableView.Column("cost", "Cost", CellType.MONEY), new TableView.Column("s", "Status", CellType.STATUS)),
                rows, "next", 5000L);
        List<TimeSeriesView.Point> pts = new ArrayList<>();
        List<TimeSeriesView.BandPoint> band = new ArrayList<>();
        for (int d = 0; d < 30; d++) {
            Instant at = NOW.minus(Duration.ofDays(30 - d));
            pts.add(new TimeSeriesView.Point(at, 100 + 20 * Math.sin(d / 3.0)));
            band.add(new TimeSeriesView.BandPoint(at, 110, 90, 130));
        }
        TimeSeriesView chart = new TimeSeriesView("messages", List.of(new TimeSeriesView.Series("Sent", pts),
                new TimeSeriesView.Series("Received", pts.subList(0, 10))), new TimeSeriesView.Forecast("Expected", band),
                List.of());
        return new ReportDocument("Dashboard of Sample Customer", List.of(
                new ReportDocument.Heading("SMS at a glance"),
                new ReportDocument.Paragraph("Zürich \u2192 \u6771\u4eac \u2713 \uD83D\uDE00 is drawn without failing."),
                new ReportDocument.ViewBlock("Key figures", new KpiView(List.of(new Kpi("sent", "Messages sent", Cell.number(1200)),
                        new Kpi("cost", "Cost", Cell.money(new BigDecimal("99.90"), "EUR"), Severity.WARNING, null)))),
                new ReportDocument.ViewBlock("Traffic", chart),
                new ReportDocument.ViewBlock("Backups", new StatusListView(List.of(new StatusListView.Item("Exchange",
                        new Cell.Status("ok", "Succeeded", Severity.OK), Cell.number(12), NOW, null)))),
                new ReportDocument.ViewBlock("More", new LinksView(List.of(Link.to("Open the portal", "https://portal.example.com/x")),
                        List.of(new LinksView.Action("run", "Run detailed report", "customer.act", null)))),
                new ReportDocument.Notice("Voice usage", "failed with IllegalStateException", Severity.CRITICAL),
                new ReportDocument.PageBreak(),
                new ReportDocument.ViewBlock("Recent messages", table)));
    }

    private byte[] render(ReportDocument doc, Branding b) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        renderer.render(doc, b, out);
        if (System.getProperty("pdf.out") != null) java.nio.file.Files.write(java.nio.file.Path.of(System.getProperty("pdf.out")), out.toByteArray());
        return out.toByteArray();
    }

    private static String text(PDDocument pdf) throws IOException {
        return new PDFTextStripper().getText(pdf);
    }

    @Test
    public void thePdfOpensAndShowsTheCoverTitlesMaskedValuesAndPageNumbers() throws IOException {
        byte[] bytes = render(document(120), branding(null));
        assertTrue(new String(bytes, 0, 8, StandardCharsets.ISO_8859_1).startsWith("%PDF-"));
        try (PDDocument pdf = PDDocument.load(bytes)) {
            int pages = pdf.getNumberOfPages();
            assertTrue("cover, content and a table over more pages: " + pages, pages >= 4);
            String text = text(pdf);
            assertTrue(text, text.contains("Dashboard of Sample Customer"));
            assertTrue(text, text.contains("Prepared for"));
            assertTrue(text, text.contains("Sample Customer"));
            assertTrue(text, text.contains("Contoso Partners"));
            assertTrue(text, text.contains("2 Nov 2026 - 2 Dec 2026 (UTC)"));
            for (String title : List.of("SMS at a glance", "Key figures", "Messages sent", "1,200", "99.90 EUR", "Traffic",
                    "Sent", "Received", "Expected", "Backups", "Exchange", "Succeeded", "Recent messages", "Delivered",
                    "Voice usage", "failed with IllegalStateException", "Open the portal: https://portal.example.com/x",
                    "Run detailed report", "Showing the first 120 of 5,000 rows.")) {
                assertTrue(title + " in\n" + text, text.contains(title));
            }
            assertTrue(text, text.contains("\u2022\u2022\u2022\u20220007"));
            assertTrue(text, text.contains("Z\u00fcrich -> ?? v ? is drawn without failing."));
            assertTrue(text, text.contains("Page 1 of " + pages));
            assertTrue(text, text.contains("Page " + pages + " of " + pages));
            new PDFTextStripper().setStartPage(2);
            PDFTextStripper page2 = new PDFTextStripper();
            page2.setStartPage(2);
            page2.setEndPage(2);
            String second = page2.getText(pdf);
            assertTrue("header with the title on content pages: " + second, second.contains("Dashboard of Sample Customer"));
            assertEquals("Contoso Partners", pdf.getDocumentInformation().getAuthor());
        }
    }

    @Test
    public void chartsAreVectorPathsNotImages() throws IOException {
        byte[] bytes = render(document(3), branding(null));
        try (PDDocument pdf = PDDocument.load(bytes)) {
            for (PDPage page : pdf.getPages()) {
                for (COSName name : page.getResources().getXObjectNames()) {
                    throw new AssertionError("no image expected without a logo, found " + name);
                }
            }
            String ops = new String(pdf.getPage(1).getContents().readAllBytes(), StandardCharsets.ISO_8859_1);
            long lineTos = ops.lines().filter(l -> l.endsWith(" l")).count();
            assertTrue("the chart's polylines are path operators: " + lineTos, lineTos >= 30 + 10 + 30);
        }
    }

    @Test
    public void theCustomersLogoIsOnTheCoverAndAnUnreadableOneIsLeftOut() throws IOException {
        BufferedImage img = new BufferedImage(120, 40, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.ORANGE);
        g.fillRect(0, 0, 120, 40);
        g.dispose();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(img, "png", png);
        try (PDDocument pdf = PDDocument.load(render(document(1), branding(new Branding.Image("image/png", png.toByteArray()))))) {
            assertTrue(pdf.getPage(0).getResources().getXObjectNames().iterator().hasNext());
        }
        byte[] webp = "RIFF\0\0\0\0WEBPVP8 not really".getBytes(StandardCharsets.ISO_8859_1);
        try (PDDocument pdf = PDDocument.load(render(document(1), branding(new Branding.Image("image/webp", webp))))) {
            assertFalse(pdf.getPage(0).getResources().getXObjectNames().iterator().hasNext());
            assertTrue(text(pdf).contains("Sample Customer"));
        }
    }

    @Test
    public void anEmptyDocumentStillHasACoverAndPageNumbers() throws IOException {
        try (PDDocument pdf = PDDocument.load(render(new ReportDocument("Empty", List.of()), branding(null)))) {
            assertEquals(2, pdf.getNumberOfPages());
            assertTrue(text(pdf).contains("Page 2 of 2"));
        }
    }
}
