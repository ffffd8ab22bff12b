package org.sightline.lifecycle.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.Version;
import org.osgi.framework.VersionRange;
import org.osgi.framework.wiring.BundleCapability;
import org.osgi.framework.wiring.FrameworkWiring;
import org.osgi.resource.Namespace;
import org.osgi.resource.Requirement;
import org.osgi.resource.Resource;
import org.sightline.core.ModuleCheck;
import org.sightline.core.ModuleCheck.ApiPackage;
import org.sightline.core.ModuleCheck.Need;

/**
 * Compares a module's requirements with the capabilities of the running framework, through
 * {@link FrameworkWiring#findProviders}: what the resolver would wire the module to, without installing it.
 * A package the module exports itself in a matching version counts as met. Capabilities of the bundle being
 * replaced (an update) are not counted.
 */
final class ModuleChecker {
    static final String API_PREFIX = "org.sightline.api";
    private final BundleContext context;

    ModuleChecker(BundleContext context) {
        this.context = context;
    }

    ModuleCheck check(ModuleManifest m, Bundle replaced) {
        FrameworkWiring wiring = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).adapt(FrameworkWiring.class);
        List<Need> needs = new ArrayList<>();
        for (ModuleManifest.Requirement r : m.requirements()) {
            String own = own(m, r);
            if (own != null) {
                needs.add(new Need(r.namespace(), r.name(), r.range(), r.optional(), own, ModuleCheck.OWN));
                continue;
            }
            BundleCapability provider = wiring.findProviders(requirement(r)).stream()
                    .filter(c -> c instanceof BundleCapability).map(c -> (BundleCapability) c)
                    .filter(c -> replaced == null || c.getRevision().getBundle().getBundleId() != replaced.getBundleId())
                    .max(Comparator.comparing(ModuleChecker::version)).orElse(null);
            if (provider != null) {
                Bundle b = provider.getRevision().getBundle();
                needs.add(new Need(r.namespace(), r.name(), r.range(), r.optional(),
                        b.getSymbolicName() + " " + b.getVersion(), ModuleCheck.OK));
            } else {
                needs.add(new Need(r.namespace(), r.name(), r.range(), r.optional(), null,
                        r.optional() ? ModuleCheck.OPTIONAL_MISSING : ModuleCheck.MISSING));
            }
        }
        return new ModuleCheck(m.symbolicName(), m.version().toString(), needs, serverApi(wiring));
    }

    /** The module itself, when it exports the imported package in a matching version. */
    private static String own(ModuleManifest m, ModuleManifest.Requirement r) {
        if (!"osgi.wiring.package".equals(r.namespace())) {
            return null;
        }
        VersionRange range = new VersionRange(r.range());
        for (ModuleManifest.Export e : m.exports()) {
            if (e.name().equals(r.name()) && range.includes(e.version())) {
                return m.symbolicName() + " " + m.version();
            }
        }
        return null;
    }

    /** The API packages exported by the running framework, highest version of each. */
    private static List<ApiPackage> serverApi(FrameworkWiring wiring) {
        Map<String, Version> out = new TreeMap<>();
        ModuleManifest.Requirement all = new ModuleManifest.Requirement("osgi.wiring.package", API_PREFIX, "", false,
                "(|(osgi.wiring.package=" + API_PREFIX + ")(osgi.wiring.package=" + API_PREFIX + ".*))");
        for (var c : wiring.findProviders(requirement(all))) {
            String name = String.valueOf(c.getAttributes().get("osgi.wiring.package"));
            out.merge(name, version(c), (a, b) -> a.compareTo(b) >= 0 ? a : b);
        }
        return out.entrySet().stream().map(e -> new ApiPackage(e.getKey(), e.getValue().toString())).toList();
    }

    private static Version version(org.osgi.resource.Capability c) {
        Object v = c.getAttributes().get("version");
        return v instanceof Version ver ? ver : v == null ? Version.emptyVersion : Version.parseVersion(v.toString());
    }

    private static Requirement requirement(ModuleManifest.Requirement r) {
        Map<String, String> directives = r.filter() == null ? Map.of() : Map.of(Namespace.REQUIREMENT_FILTER_DIRECTIVE, r.filter());
        if (r.filter() != null) {
            try {
                FrameworkUtil.createFilter(r.filter());
            } catch (InvalidSyntaxException e) {
                throw new org.sightline.core.InvalidParameterException("jar", "the filter " + r.filter() + " is not valid");
            }
        }
        return new Requirement() {
            @Override public String getNamespace() { return r.namespace(); }
            @Override public Map<String, String> getDirectives() { return directives; }
            @Override public Map<String, Object> getAttributes() { return Map.of(); }
            @Override public Resource getResource() { return null; }
        };
    }

    static String problem(ModuleCheck check) {
        return check.symbolicName() + " " + check.version() + " cannot resolve on this server: it needs "
                + String.join(", ", check.missing()) + ", which no installed bundle provides"
                + apiHint(check);
    }

    private static String apiHint(ModuleCheck check) {
        List<String> have = new ArrayList<>();
        for (String miss : check.missing()) {
            String pkg = miss.substring(0, miss.indexOf(' '));
            check.serverApi().stream().filter(a -> a.name().equals(pkg))
                    .forEach(a -> have.add(a.name() + " " + a.version()));
        }
        return have.isEmpty() ? "" : " (the server has " + String.join(", ", have) + ")";
    }

}
