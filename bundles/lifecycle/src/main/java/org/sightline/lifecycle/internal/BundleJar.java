package org.sightline.lifecycle.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.osgi.framework.Bundle;

/**
 * A copy of an installed bundle's jar, rebuilt from its entries (the revision in use, whatever its location
 * was: a {@code mvn:} URL, a file in {@code deploy/} or a stream), with the manifest first as a jar needs it.
 * This is what a rollback installs again.
 */
final class BundleJar {
    private static final String MANIFEST = "META-INF/MANIFEST.MF";

    private BundleJar() {
    }

    static byte[] copy(Bundle bundle) {
        List<String> paths = new ArrayList<>();
        collect(bundle, "/", paths);
        Collections.sort(paths);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            if (paths.remove(MANIFEST)) {
                zip.putNextEntry(new ZipEntry("META-INF/"));
                zip.closeEntry();
                write(zip, MANIFEST, bundle.getEntry(MANIFEST));
            }
            for (String p : paths) {
                if (p.equals("META-INF/")) {
                    continue;
                }
                if (p.endsWith("/")) {
                    zip.putNextEntry(new ZipEntry(p));
                    zip.closeEntry();
                } else {
                    write(zip, p, bundle.getEntry(p));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + bundle.getSymbolicName(), e);
        }
        return out.toByteArray();
    }

    private static void collect(Bundle bundle, String dir, List<String> out) {
        Enumeration<String> e = bundle.getEntryPaths(dir);
        while (e != null && e.hasMoreElements()) {
            String p = e.nextElement();
            out.add(p);
            if (p.endsWith("/")) {
                collect(bundle, p, out);
            }
        }
    }

    private static void write(ZipOutputStream zip, String path, URL url) throws IOException {
        if (url == null) {
            return;
        }
        zip.putNextEntry(new ZipEntry(path));
        try (InputStream in = url.openStream()) {
            in.transferTo(zip);
        }
        zip.closeEntry();
    }
}
