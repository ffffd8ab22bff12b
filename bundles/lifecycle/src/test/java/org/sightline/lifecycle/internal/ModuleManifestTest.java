package org.sightline.lifecycle.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import org.junit.Test;
import org.sightline.core.InvalidParameterException;
import org.sightline.core.ModuleJar;

public class ModuleManifestTest {

    @Test
    public void importsBecomeFiltersOverPackageAndVersionAsTheResolverReadsThem() throws Exception {
        ModuleManifest m = ModuleManifest.read(ModuleJars.of("Bundle-SymbolicName", "org.acme.backup;singleton:=true",
                "Bundle-Version", "1.4.0",
                "Import-Package", "org.sightline.api.view;version=\"[1.2,2)\",org.sightline.api;version=\"[1.1,2)\","
                        + "org.slf4j;resolution:=optional,org.acme.backup.spi;version=\"[1.0,2)\"",
                "Export-Package", "org.acme.backup.spi;version=\"1.3.0\"",
                "Require-Capability", "osgi.ee;filter:=\"(&(osgi.ee=JavaSE)(version=17))\",osgi.service;filter:=\"(objectClass=x)\";effective:=active"));
        assertEquals("org.acme.backup", m.symbolicName());
        assertEquals("1.4.0", m.version().toString());
        assertEquals(5, m.requirements().size());
        ModuleManifest.Requirement view = m.requirements().get(0);
        assertEquals("org.sightline.api.view", view.name());
        assertEquals("[1.2.0,2.0.0)", view.range());
        assertEquals("(&(osgi.wiring.package=org.sightline.api.view)(&(version>=1.2.0)(!(version>=2.0.0))))", view.filter());
        assertTrue(m.requirements().get(2).optional());
        assertEquals("osgi.ee", m.requirements().get(4).namespace());
        assertEquals("1.3.0", m.exports().get(0).version().toString());
    }

    @Test
    public void aJarWithoutOsgiHeadersIsRefusedAsNotABundle() throws Exception {
        try {
            ModuleManifest.read(ModuleJars.of("Main-Class", "x.Y"));
            fail();
        } catch (InvalidParameterException e) {
            assertEquals("acme.jar has no Bundle-SymbolicName: it is not an OSGi bundle", e.getMessage());
        }
        try {
            ModuleManifest.read(new ModuleJar("upload", "not a jar".getBytes()));
            fail();
        } catch (InvalidParameterException e) {
            assertEquals("jar", e.parameter());
        }
    }
}
