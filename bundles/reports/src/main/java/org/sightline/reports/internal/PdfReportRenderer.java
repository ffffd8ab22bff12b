package org.sightline.reports.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.time.format.DateTimeFormatter;
import java.util.GregorianCalendar;
import java.util.Locale;

import org.apache.pdfbox.io.MemoryUsageSetting;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.osgi.service.component.annotations.Component;
import org.sightline.api.report.Branding;
import org.sightline.api.report.ReportDocument;
import org.sightline.api.report.ReportRenderer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Draws report documents as PDF with Apache PDFBox: a cover with the report's title, the partner's and the
 * customer's names and logos, the range and when it was made; then the blocks, each view drawn natively
 * ({@link ViewDrawer}, charts as vectors by {@link ChartDrawer}); a header with the title and customer and a
 * footer with "Page n of m" on every page. The standard 14 fonts are used, so nothing is embedded and the file
 * stays small; text they cannot show is replaced ({@link WinAnsiText}).
 */
@Component(service = ReportRenderer.class)
public class PdfReportRenderer implements ReportRenderer {
    private static final Logger LOG = LoggerFactory.getLogger(PdfReportRenderer.class);
    private static final DateTimeFormatter GENERATED = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm (VV)", Locale.ROOT);

    @Override
    public void render(ReportDocument document, Branding branding, OutputStream out) throws IOException {
        try (PDDocument doc = new PDDocument(MemoryUsageSetting.setupMainMemoryOnly())) {
            info(doc, document, branding);
            try (Canvas canvas = new Canvas(doc)) {
                cover(canvas, document, branding);
                ViewDrawer views = new ViewDrawer(canvas, branding.zone());
                canvas.newPage();
                for (ReportDocument.Block block : document.blocks()) {
                    block(canvas, views, block);
                }
            }
            decorate(doc, document, branding);
            doc.save(out);
        }
    }

    private static void info(PDDocument doc, ReportDocument document, Branding b) {
        PDDocumentInformation info = doc.getDocumentInformation();
        info.setTitle(WinAnsiText.safe(document.title() + " - " + b.customerName()));
        info.setAuthor(WinAnsiText.safe(b.partnerName()));
        info.setCreator("Sightline");
        info.setCreationDate(GregorianCalendar.from(b.generatedAt().atZone(b.zone())));
    }

    private void cover(Canvas c, ReportDocument document, Branding b) throws IOException {
        c.newPage();
        float top = Canvas.TOP + Canvas.HEADER;
        float logoH = 54;
        boolean partnerLogo = image(c, b.partnerLogo(), Canvas.LEFT, top - logoH, 160, logoH, false);
        boolean customerLogo = image(c, b.customerLogo(), Canvas.RIGHT - 160, top - logoH, 160, logoH, true);
        float y = top - (partnerLogo || customerLogo ? logoH + 70 : 120);
        c.fill(Colors.ACCENT, Canvas.LEFT, y + 8, 60, 4);
        y -= 30;
        for (String line : c.wrap(c.bold, 26, document.title(), Canvas.WIDTH)) {
            c.color(Colors.TEXT);
            c.text(c.bold, 26, Canvas.LEFT, y, line);
            y -= 32;
        }
        y -= 16;
        c.color(Colors.MUTED);
        c.text(c.regular, 11, Canvas.LEFT, y, "Prepared for");
        c.color(Colors.TEXT);
        y -= 22;
        for (String line : c.wrap(c.bold, 18, b.customerName(), Canvas.WIDTH)) {
            c.text(c.bold, 18, Canvas.LEFT, y, line);
            y -= 22;
        }
        y -= 14;
        c.color(Colors.MUTED);
        c.text(c.regular, 11, Canvas.LEFT, y, "Prepared by");
        c.color(Colors.TEXT);
        y -= 18;
        for (String line : c.wrap(c.bold, 14, b.partnerName(), Canvas.WIDTH)) {
            c.text(c.bold, 14, Canvas.LEFT, y, line);
            y -= 18;
        }
        y -= 24;
        if (b.range() != null && !b.range().isBlank()) {
            c.color(Colors.MUTED);
            c.text(c.regular, 11, Canvas.LEFT, y, "Period");
            c.color(Colors.TEXT);
            y -= 16;
            c.text(c.regular, 12, Canvas.LEFT, y, c.fit(c.regular, 12, b.range(), Canvas.WIDTH));
            y -= 24;
        }
        c.color(Colors.MUTED);
        c.text(c.regular, 9, Canvas.LEFT, Canvas.BOTTOM + 10, "Generated " + GENERATED.format(b.generatedAt().atZone(b.zone())));
        c.color(new float[] {0, 0, 0});
    }

    /** Draws the logo fitted in the box (right-aligned when asked); false when there is none or it cannot be read. */
    private static boolean image(Canvas c, Branding.Image logo, float x, float y, float maxW, float maxH, boolean right)
            throws IOException {
        if (logo == null || logo.bytes().length == 0) {
            return false;
        }
        PDImageXObject img;
        try {
            img = PDImageXObject.createFromByteArray(c.doc, logo.bytes(), "logo");
        } catch (IOException | RuntimeException e) {
            // e.g. WebP, which PDFBox (Java ImageIO) cannot read: the name alone is shown.
            LOG.debug("Logo of type {} not drawn: {}", logo.contentType(), e.toString());
            return false;
        }
        float scale = Math.min(maxW / img.getWidth(), maxH / img.getHeight());
        float w = img.getWidth() * scale;
        float h = img.getHeight() * scale;
        c.content().drawImage(img, right ? x + maxW - w : x, y + (maxH - h), w, h);
        return true;
    }

    private void block(Canvas c, ViewDrawer views, ReportDocument.Block block) throws IOException {
        if (block instanceof ReportDocument.Heading h) {
            if (!c.atTop()) {
                c.down(8);
            }
            c.need(60);
            c.color(Colors.TEXT);
            for (String line : c.wrap(c.bold, 14, h.text(), Canvas.WIDTH)) {
                c.text(c.bold, 14, Canvas.LEFT, c.y() - 14, line);
                c.down(19);
            }
            c.line(Colors.RULE, 0.6f, Canvas.LEFT, c.y() + 1, Canvas.RIGHT, c.y() + 1);
            c.down(6);
            c.color(new float[] {0, 0, 0});
        } else if (block instanceof ReportDocument.Paragraph p) {
            c.paragraph(c.regular, 10, Canvas.LEFT, Canvas.WIDTH, p.text());
            c.down(5);
        } else if (block instanceof ReportDocument.ViewBlock v) {
            if (v.title() != null && !v.title().isBlank()) {
                // Keep the caption with the start of its view: a chart or a row of tiles does not split.
                c.need(17 + (v.view() instanceof org.sightline.api.view.TimeSeriesView ? ChartDrawer.HEIGHT + 30
                        : v.view() instanceof org.sightline.api.view.KpiView ? 64 : 40));
                c.color(Colors.TEXT);
                c.text(c.bold, 11, Canvas.LEFT, c.y() - 11, c.fit(c.bold, 11, v.title(), Canvas.WIDTH));
                c.color(new float[] {0, 0, 0});
                c.down(17);
            }
            views.draw(v.view());
            c.down(12);
        } else if (block instanceof ReportDocument.Notice n) {
            notice(c, n);
        } else if (block instanceof ReportDocument.PageBreak) {
            if (!c.atTop()) {
                c.newPage();
            }
        }
    }

    private static void notice(Canvas c, ReportDocument.Notice n) throws IOException {
        float pad = 8;
        var lines = c.wrap(c.regular, 9, n.text(), Canvas.WIDTH - 2 * pad - 4);
        float h = pad * 2 + 13 + lines.size() * 12;
        c.need(Math.min(h, Canvas.TOP - Canvas.BOTTOM) + 8);
        float top = c.y();
        float[] colour = Colors.of(n.severity());
        c.fill(Colors.SHADE, Canvas.LEFT, top - h, Canvas.WIDTH, h);
        c.fill(colour, Canvas.LEFT, top - h, 4, h);
        c.color(colour);
        c.text(c.bold, 10, Canvas.LEFT + pad + 4, top - pad - 9, c.fit(c.bold, 10, n.title(), Canvas.WIDTH - 2 * pad));
        c.color(Colors.TEXT);
        float y = top - pad - 13 - 9;
        for (String line : lines) {
            if (y < Canvas.BOTTOM) {
                break;
            }
            c.text(c.regular, 9, Canvas.LEFT + pad + 4, y, line);
            y -= 12;
        }
        c.color(new float[] {0, 0, 0});
        c.down(h + 8);
    }

    /** Header (from page 2) and "Page n of m" footer on every page. */
    private static void decorate(PDDocument doc, ReportDocument document, Branding b) throws IOException {
        Canvas fonts = new Canvas(doc);
        int total = doc.getNumberOfPages();
        for (int i = 0; i < total; i++) {
            PDPage page = doc.getPage(i);
            try (PDPageContentStream cs = new PDPageContentStream(doc, page, PDPageContentStream.AppendMode.APPEND, true, true)) {
                cs.setNonStrokingColor(Colors.MUTED[0], Colors.MUTED[1], Colors.MUTED[2]);
                if (i > 0) {
                    String left = fonts.fit(fonts.regular, 8, document.title(), Canvas.WIDTH * 0.6f);
                    String right = fonts.fit(fonts.regular, 8, b.customerName(), Canvas.WIDTH * 0.38f);
                    show(cs, fonts, Canvas.LEFT, Canvas.SIZE.getHeight() - Canvas.MARGIN - 8, left);
                    show(cs, fonts, Canvas.RIGHT - fonts.width(fonts.regular, 8, right),
                            Canvas.SIZE.getHeight() - Canvas.MARGIN - 8, right);
                    cs.setStrokingColor(Colors.RULE[0], Colors.RULE[1], Colors.RULE[2]);
                    cs.setLineWidth(0.5f);
                    cs.moveTo(Canvas.LEFT, Canvas.SIZE.getHeight() - Canvas.MARGIN - 13);
                    cs.lineTo(Canvas.RIGHT, Canvas.SIZE.getHeight() - Canvas.MARGIN - 13);
                    cs.stroke();
                }
                String number = "Page " + (i + 1) + " of " + total;
                show(cs, fonts, Canvas.RIGHT - fonts.width(fonts.regular, 8, number), Canvas.MARGIN, number);
                show(cs, fonts, Canvas.LEFT, Canvas.MARGIN, fonts.fit(fonts.regular, 8, b.partnerName(), Canvas.WIDTH * 0.6f));
            }
        }
    }

    private static void show(PDPageContentStream cs, Canvas fonts, float x, float y, String text) throws IOException {
        cs.beginText();
        cs.setFont(fonts.regular, 8);
        cs.newLineAtOffset(x, y);
        cs.showText(WinAnsiText.safe(text));
        cs.endText();
    }
}
