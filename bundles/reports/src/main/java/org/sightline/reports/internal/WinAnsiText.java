package org.sightline.reports.internal;

import java.util.BitSet;

import org.apache.pdfbox.pdmodel.font.encoding.Encoding;
import org.apache.pdfbox.pdmodel.font.encoding.GlyphList;
import org.apache.pdfbox.pdmodel.font.encoding.WinAnsiEncoding;

/**
 * Makes any string drawable with the standard 14 fonts (WinAnsi encoding): characters the encoding lacks are
 * replaced (a few by a close equivalent, the rest by {@code ?}), control characters become spaces. PDFBox would
 * otherwise refuse the whole string.
 */
final class WinAnsiText {
    private static final BitSet SUPPORTED = new BitSet(0x10000);

    static {
        GlyphList glyphs = GlyphList.getAdobeGlyphList();
        Encoding winAnsi = WinAnsiEncoding.INSTANCE;
        for (int c = 0x20; c < 0x10000; c++) {
            String name = glyphs.codePointToName(c);
            if (name != null && !".notdef".equals(name) && winAnsi.contains(name)) {
                SUPPORTED.set(c);
            }
        }
        SUPPORTED.clear(0xA0); // no-break space: drawn as a space below
    }

    private WinAnsiText() {
    }

    /** The text with every character the standard fonts cannot draw replaced; {@code null} becomes "". */
    static String safe(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (SUPPORTED.get(c)) {
                if (out != null) {
                    out.append(c);
                }
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
                out.append('?');
                continue;
            }
            out.append(replacement(c));
        }
        return out == null ? text : out.toString();
    }

    private static String replacement(char c) {
        if (Character.isWhitespace(c) || Character.isISOControl(c) || c == 0xA0 || c == 0x202F) {
            return " ";
        }
        return switch (c) {
            case '\u2190' -> "<-";
            case '\u2192' -> "->";
            case '\u2191', '\u25B2' -> "^";
            case '\u2193', '\u25BC' -> "v";
            case '\u2212', '\u2010', '\u2011' -> "-";
            case '\u2264' -> "<=";
            case '\u2265' -> ">=";
            case '\u2022', '\u25CF', '\u2B24' -> "\u2022";
            case '\u2713', '\u2714' -> "v";
            case '\u2717', '\u2718' -> "x";
            default -> "?";
        };
    }
}
