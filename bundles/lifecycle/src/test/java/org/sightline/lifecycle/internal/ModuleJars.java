package org.sightline.lifecycle.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.sightline.core.ModuleJar;

/** Module jars for tests: a manifest with the given headers and nothing else, read from {@code acme.jar}. */
final class ModuleJars {
    private ModuleJars() {
    }

    /** A jar whose manifest holds the headers, given as name, value, name, value... */
    static ModuleJar of(String... headers) throws IOException {
        Manifest mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        for (int i = 0; i < headers.length; i += 2) {
            mf.getMainAttributes().putValue(headers[i], headers[i + 1]);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new JarOutputStream(out, mf).close();
        return new ModuleJar("acme.jar", out.toByteArray());
    }
}
