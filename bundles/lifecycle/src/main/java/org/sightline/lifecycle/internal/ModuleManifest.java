package org.sightline.lifecycle.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarInputStream;
import java.util.jar.Manifest;

import org.apache.felix.utils.manifest.Clause;
import org.apache.felix.utils.manifest.Parser;
import org.osgi.framework.Constants;
import org.osgi.framework.Version;
import org.osgi.framework.VersionRange;
import org.sightline.core.InvalidParameterException;
import org.sightline.core.ModuleJar;

/**
 * A module jar's OSGi headers, read from its manifest without installing it: who it is, the packages it
 * imports and exports, the capabilities it requires. Headers are parsed with Felix's manifest parser.
 */
record ModuleManifest(String symbolicName, Version version, List<Requirement> requirements, List<Export> exports) {

    /** One imported package or required capability, as an LDAP filter over the capability's attributes. */
    record Requirement(String namespace, String name, String range, boolean optional, String filter) {
    }

    /** One exported package. */
    record Export(String name, Version version) {
    }

    static ModuleManifest read(ModuleJar jar) {
        Manifest mf;
        try (JarInputStream in = new JarInputStream(new ByteArrayInputStream(jar.bytes()))) {
            mf = in.getManifest();
        } catch (IOException e) {
            throw new InvalidParameterException("jar", jar.origin() + " is not a jar file");
        }
        if (mf == null) {
            throw new InvalidParameterException("jar", jar.origin() + " has no manifest: it is not an OSGi bundle");
        }
        return parse(mf.getMainAttributes(), jar.origin());
    }

    static ModuleManifest parse(Attributes a, String origin) {
        String bsn = a.getValue(Constants.BUNDLE_SYMBOLICNAME);
        if (bsn == null || bsn.isBlank()) {
            throw new InvalidParameterException("jar", origin + " has no Bundle-SymbolicName: it is not an OSGi bundle");
        }
        try {
            String name = Parser.parseHeader(bsn)[0].getName();
            Version version = Version.parseVersion(trim(a.getValue(Constants.BUNDLE_VERSION)));
            List<Requirement> reqs = new ArrayList<>();
            for (Clause c : clauses(a.getValue(Constants.IMPORT_PACKAGE))) {
                String v = c.getAttribute(Constants.VERSION_ATTRIBUTE);
                VersionRange range = new VersionRange(v == null ? "0.0.0" : v);
                String filter = "(&(osgi.wiring.package=" + c.getName() + ")" + range.toFilterString("version") + ")";
                reqs.add(new Requirement("osgi.wiring.package", c.getName(), range.toString(),
                        Constants.RESOLUTION_OPTIONAL.equals(c.getDirective(Constants.RESOLUTION_DIRECTIVE)), filter));
            }
            for (Clause c : clauses(a.getValue(Constants.REQUIRE_CAPABILITY))) {
                String effective = c.getDirective(Constants.EFFECTIVE_DIRECTIVE);
                if (effective != null && !Constants.EFFECTIVE_RESOLVE.equals(effective)) {
                    continue; // not checked by the resolver
                }
                String filter = c.getDirective(Constants.FILTER_DIRECTIVE);
                reqs.add(new Requirement(c.getName(), filter == null ? c.getName() : filter, "",
                        Constants.RESOLUTION_OPTIONAL.equals(c.getDirective(Constants.RESOLUTION_DIRECTIVE)), filter));
            }
            List<Export> exports = new ArrayList<>();
            for (Clause c : clauses(a.getValue(Constants.EXPORT_PACKAGE))) {
                exports.add(new Export(c.getName(), Version.parseVersion(trim(c.getAttribute(Constants.VERSION_ATTRIBUTE)))));
            }
            return new ModuleManifest(name, version, reqs, exports);
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException("jar", origin + " has a malformed OSGi header: " + e.getMessage());
        }
    }

    private static Clause[] clauses(String header) {
        return header == null || header.isBlank() ? new Clause[0] : Parser.parseHeader(header);
    }

    private static String trim(String s) {
        return s == null ? null : s.trim();
    }
}
