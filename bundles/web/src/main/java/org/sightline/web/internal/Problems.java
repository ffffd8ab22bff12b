package org.sightline.web.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import javax.ws.rs.core.Response;

/** {@code application/problem+json} bodies (RFC 9457). */
final class Problems {
    static final String TYPE = "application/problem+json";

    private Problems() {
    }

    static Map<String, Object> body(int status, String title, String detail, String instance) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "about:blank");
        m.put("title", title);
        m.put("status", status);
        m.put("detail", detail);
        if (instance != null) {
            m.put("instance", instance);
        }
        return m;
    }

    static Response.ResponseBuilder response(int status, String title, String detail, String instance) {
        return Response.status(status).type(TYPE).entity(body(status, title, detail, instance));
    }
}
