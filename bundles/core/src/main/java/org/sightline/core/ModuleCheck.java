package org.sightline.core;

import java.util.List;

/**
 * A module's requirements against the running server, as the OSGi resolver would see them.
 *
 * @param symbolicName the module's {@code Bundle-SymbolicName}
 * @param version      its {@code Bundle-Version}
 * @param needs        each imported package and required capability, with who on the server provides it
 * @param serverApi    the {@code org.sightline.api} packages the server exports, with their versions
 * @since 4.1
 */
public record ModuleCheck(String symbolicName, String version, List<Need> needs, List<ApiPackage> serverApi) {
    /** A need the module's bundle provides itself. */
    public static final String OWN = "own";
    /** A need the server provides. */
    public static final String OK = "ok";
    /** A mandatory need nobody provides: the module cannot resolve. */
    public static final String MISSING = "missing";
    /** An optional need nobody provides: the module resolves without it. */
    public static final String OPTIONAL_MISSING = "optional-missing";

    public ModuleCheck {
        needs = List.copyOf(needs);
        serverApi = List.copyOf(serverApi);
    }

    /**
     * One requirement.
     *
     * @param namespace  {@code osgi.wiring.package} for an import, else the capability's namespace
     * @param name       the package name, or the capability's filter
     * @param range      the version range asked for ({@code 0.0.0} when none)
     * @param optional   whether the module resolves without it
     * @param providedBy bundle and version that would provide it ({@code org.sightline.api 1.4.0}), or {@code null}
     * @param status     {@link #OK}, {@link #OWN}, {@link #MISSING} or {@link #OPTIONAL_MISSING}
     */
    public record Need(String namespace, String name, String range, boolean optional, String providedBy, String status) {
    }

    /** An API package the server exports. */
    public record ApiPackage(String name, String version) {
    }

    /** Whether every mandatory need is met. */
    public boolean resolvable() {
        return needs.stream().noneMatch(n -> MISSING.equals(n.status()));
    }

    /** The unmet mandatory needs, as {@code org.sightline.api.view [1.3,2)}. */
    public List<String> missing() {
        return needs.stream().filter(n -> MISSING.equals(n.status())).map(n -> n.name() + " " + n.range()).toList();
    }
}
