package org.sightline.web.internal;

import javax.servlet.http.HttpServletResponse;

/**
 * The headers every API response carries, set once by {@link ApiServlet} before anything else answers (the
 * front door's refusals, the dashboard, Jersey's resources and problems alike): {@code X-Content-Type-Options:
 * nosniff}, and {@code Cache-Control: no-store} on everything but health and the API description, because
 * the rest carries partners' and customers' data, which no browser or proxy should keep on disk. A resource
 * that sets its own {@code Cache-Control} replaces it.
 */
final class ApiHeaders {
    private ApiHeaders() {
    }

    /**
     * Sets the headers.
     *
     * @param path the path below {@code /api}, such as {@code /v1/customers}
     */
    static void apply(String path, HttpServletResponse res) {
        res.setHeader("X-Content-Type-Options", "nosniff");
        if (!isPublic(path)) {
            res.setHeader("Cache-Control", "no-store");
        }
    }

    /** Responses without personal data: health and the OpenAPI description. */
    static boolean isPublic(String path) {
        return path.equals("/v1/health") || path.startsWith("/v1/health/") || path.equals("/v1/openapi.json");
    }
}
