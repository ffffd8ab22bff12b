package org.sightline.product.m365.activity;

import java.util.Locale;

/** What a file path may show without showing the path: its extension. */
final class FilePaths {
    private FilePaths() {
    }

    /** The last extension of the path's file name, such as {@code .locky}, or an empty string. */
    static String extension(String path) {
        String name = path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
        int dot = name.lastIndexOf('.');
        if (dot <= 0 || dot == name.length() - 1) {
            return "";
        }
        String ext = name.substring(dot + 1);
        return ext.matches("[A-Za-z][A-Za-z0-9]{0,11}") ? "." + ext.toLowerCase(Locale.ROOT) : "";
    }
}
