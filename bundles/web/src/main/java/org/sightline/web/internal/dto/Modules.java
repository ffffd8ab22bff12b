package org.sightline.web.internal.dto;

import java.util.List;

/** Bodies of the product module routes ({@code /api/v1/admin/products/...}). */
public final class Modules {
    private Modules() {
    }

    /** A module to fetch by the server: {@code {"url": "mvn:..."}} ({@code file:}, {@code http(s):}, {@code mvn:}). */
    public record Source(String url) {
    }

    /** {@code POST /api/v1/admin/products/check}: a module's needs against the server's packages. */
    public record Check(String bundle, String version, boolean resolvable, List<String> missing, List<Need> needs,
                        List<ApiPackage> serverApi) {
    }

    /** One imported package (namespace {@code osgi.wiring.package}) or required capability. */
    public record Need(String namespace, String name, String range, boolean optional, String status, String providedBy) {
    }

    /** An API package the server exports. */
    public record ApiPackage(String name, String version) {
    }

    /** What an install or update did; {@code outcome} is {@code installed}, {@code updated} or {@code rolled-back}. */
    public record Result(String product, String bundle, String fromVersion, String toVersion, String outcome, String reason,
                         long updateMillis, long watchMillis, long rollbackMillis, long renders, long failures) {
    }
}
