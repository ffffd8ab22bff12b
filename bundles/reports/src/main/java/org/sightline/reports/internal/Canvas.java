package org.sightline.reports.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType1Font;

/**
 * The pages of one report and a cursor moving down them: A4 portrait, fixed margins, a new page when the next
 * thing does not fit. All text goes through {@link WinAnsiText}, so no string can make PDFBox refuse to draw.
 * Coordinates are PDF points with the origin at the bottom left.
 */
final class Canvas implements AutoCloseable {
    static final PDRectangle SIZE = PDRectangle.A4;
    static final float MARGIN = 42;
    /** Room kept free at the top and bottom of each content page for the header and footer. */
    static final float HEADER = 28;
    static final float FOOTER = 28;
    static final float LEFT = MARGIN;
    static final float RIGHT = SIZE.getWidth() - MARGIN;
    static final float WIDTH = RIGHT - LEFT;
    static final float TOP = SIZE.getHeight() - MARGIN - HEADER;
    static final float BOTTOM = MARGIN + FOOTER;

    final PDFont regular = PDType1Font.HELVETICA;
    final PDFont bold = PDType1Font.HELVETICA_BOLD;
    final PDDocument doc;
    private PDPageContentStream content;
    private float y;

    Canvas(PDDocument doc) {
        this.doc = doc;
    }

    /** The content stream of the current page. */
    PDPageContentStream content() throws IOException {
        if (content == null) {
            newPage();
        }
        return content;
    }

    /** Where the next thing goes (its top). */
    float y() {
        return y;
    }

    /** Moves the cursor down. */
    void down(float amount) {
        y -= amount;
    }

    /** Starts a new page; the cursor goes to its top. */
    void newPage() throws IOException {
        if (content != null) {
            content.close();
        }
        PDPage page = new PDPage(SIZE);
        doc.addPage(page);
        content = new PDPageContentStream(doc, page);
        y = TOP;
    }

    /** Starts a new page unless {@code height} still fits below the cursor. */
    void need(float height) throws IOException {
        if (content == null || y - height < BOTTOM) {
            newPage();
        }
    }

    /** Whether the cursor is at the top of a page. */
    boolean atTop() {
        return content == null || y >= TOP;
    }

    float width(PDFont font, float size, String text) throws IOException {
        return font.getStringWidth(WinAnsiText.safe(text)) / 1000f * size;
    }

    /** Draws one line of text with its baseline at {@code baseline}. */
    void text(PDFont font, float size, float x, float baseline, String text) throws IOException {
        String safe = WinAnsiText.safe(text);
        if (safe.isEmpty()) {
            return;
        }
        PDPageContentStream cs = content();
        cs.beginText();
        cs.setFont(font, size);
        cs.newLineAtOffset(x, baseline);
        cs.showText(safe);
        cs.endText();
    }

    /** Draws text right-aligned to {@code right}. */
    void textRight(PDFont font, float size, float right, float baseline, String text) throws IOException {
        text(font, size, right - width(font, size, text), baseline, text);
    }

    /** The text cut to fit {@code max} points, with an ellipsis when cut. */
    String fit(PDFont font, float size, String text, float max) throws IOException {
        String safe = WinAnsiText.safe(text);
        if (width(font, size, safe) <= max) {
            return safe;
        }
        int lo = 0;
        int hi = safe.length();
        while (lo < hi) {
            int mid = (lo + hi + 1) / 2;
            if (width(font, size, safe.substring(0, mid) + "\u2026") <= max) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return safe.substring(0, lo) + "\u2026";
    }

    /** The text broken into lines of at most {@code max} points (a word longer than a line is cut). */
    List<String> wrap(PDFont font, float size, String text, float max) throws IOException {
        List<String> lines = new ArrayList<>();
        for (String paragraph : WinAnsiText.safe(text).split("\n", -1)) {
            StringBuilder line = new StringBuilder();
            for (String word : paragraph.split(" +")) {
                String candidate = line.length() == 0 ? word : line + " " + word;
                if (width(font, size, candidate) <= max) {
                    line.setLength(0);
                    line.append(candidate);
                    continue;
                }
                if (line.length() > 0) {
                    lines.add(line.toString());
                }
                line.setLength(0);
                line.append(width(font, size, word) <= max ? word : fit(font, size, word, max));
            }
            lines.add(line.toString());
        }
        return lines;
    }

    /** Draws wrapped text from the cursor down, breaking pages as needed. */
    void paragraph(PDFont font, float size, float x, float max, String text) throws IOException {
        float leading = size * 1.35f;
        for (String line : wrap(font, size, text, max)) {
            need(leading);
            text(font, size, x, y - size, line);
            y -= leading;
        }
    }

    void fill(float[] rgb, float x, float y, float w, float h) throws IOException {
        PDPageContentStream cs = content();
        cs.setNonStrokingColor(rgb[0], rgb[1], rgb[2]);
        cs.addRect(x, y, w, h);
        cs.fill();
        cs.setNonStrokingColor(0f, 0f, 0f);
    }

    void stroke(float[] rgb, float width, float x, float y, float w, float h) throws IOException {
        PDPageContentStream cs = content();
        cs.setStrokingColor(rgb[0], rgb[1], rgb[2]);
        cs.setLineWidth(width);
        cs.addRect(x, y, w, h);
        cs.stroke();
        cs.setStrokingColor(0f, 0f, 0f);
    }

    void line(float[] rgb, float width, float x1, float y1, float x2, float y2) throws IOException {
        PDPageContentStream cs = content();
        cs.setStrokingColor(rgb[0], rgb[1], rgb[2]);
        cs.setLineWidth(width);
        cs.moveTo(x1, y1);
        cs.lineTo(x2, y2);
        cs.stroke();
        cs.setStrokingColor(0f, 0f, 0f);
    }

    void color(float[] rgb) throws IOException {
        content().setNonStrokingColor(rgb[0], rgb[1], rgb[2]);
    }

    @Override
    public void close() throws IOException {
        if (content != null) {
            content.close();
            content = null;
        }
    }
}
