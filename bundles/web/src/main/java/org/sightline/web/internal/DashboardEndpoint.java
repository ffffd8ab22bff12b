package org.sightline.web.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import javax.ws.rs.core.MultivaluedHashMap;
import javax.ws.rs.core.MultivaluedMap;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import org.sightline.api.Viewer;
import org.sightline.core.Dashboard;
import org.sightline.core.DashboardQuery;
import org.sightline.core.DashboardService;

/**
 * {@code GET /api/v1/customers/{id}/dashboard}: a customer's overview, or a product page with
 * {@code ?product=}; {@code from}, {@code to}, {@code tz}. Permission: {@code customer.read}.
 * <p>
 * The page asks for this on every visit and refresh, so it is served by the servlet itself rather than
 * through Jersey's resource matching, and its JSON is written once per composed dashboard: the core hands
 * back the same {@link Dashboard} while nothing it was made from has changed, and the bytes written for it
 * are sent again, with an ETag so that a client's revalidation ({@code If-None-Match}) costs no body at all.
 * Like every API response with personal data it is {@code Cache-Control: no-store} ({@link ApiHeaders}):
 * browsers keep no copy, and scripts that keep their own may revalidate it.
 */
final class DashboardEndpoint {
    private static final String PREFIX = "/v1/customers/";
    private static final String SUFFIX = "/dashboard";
    /** At most this many bytes of written dashboards are kept (a few hundred dashboards). */
    private static final long MAX_BYTES = 16L * 1024 * 1024;

    private record Key(Viewer viewer, long customerId, DashboardQuery query) {
    }

    /** The JSON written for one composed dashboard. */
    private record Body(Dashboard dashboard, byte[] json, String etag) {
    }

    private final DashboardService dashboards;
    private final JsonFactory json;
    private final Map<Key, Body> bodies = new ConcurrentHashMap<>();
    private final AtomicLong bytes = new AtomicLong();

    DashboardEndpoint(DashboardService dashboards, JsonFactory json) {
        this.dashboards = dashboards;
        this.json = json;
    }

    /** The customer id segment if the request is for this endpoint, else {@code null}. */
    static String match(String method, String path) {
        if (!("GET".equals(method) || "HEAD".equals(method)) || !path.startsWith(PREFIX) || !path.endsWith(SUFFIX)) {
            return null;
        }
        String id = path.substring(PREFIX.length(), path.length() - SUFFIX.length());
        return id.isEmpty() || id.indexOf('/') >= 0 ? null : id;
    }

    /** Answers the request (problems included). */
    void serve(HttpServletRequest req, HttpServletResponse res, Viewer viewer, String idSegment) throws IOException {
        Body body;
        try {
            long id = Params.id("id", idSegment);
            DashboardQuery query = Params.query(parameters(req), false);
            Dashboard d = dashboards.dashboard(viewer, id, query);
            Key key = new Key(viewer, id, query);
            body = bodies.get(key);
            if (body == null || body.dashboard != d) {
                body = write(d);
                keep(key, body);
            }
        } catch (RuntimeException e) {
            Problems.write(res, Problems.of(e, req.getRequestURI()));
            return;
        }
        res.setHeader("ETag", body.etag);
        res.setHeader("Vary", "Authorization, Cookie");
        String match = req.getHeader("If-None-Match");
        if (match != null && (match.equals(body.etag) || match.contains(body.etag))) {
            res.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        res.setStatus(HttpServletResponse.SC_OK);
        res.setContentType("application/json");
        res.setContentLength(body.json.length);
        if (!"HEAD".equals(req.getMethod())) {
            res.getOutputStream().write(body.json);
        }
    }

    /** Keeps the body for the next request with the same key, within {@link #MAX_BYTES}. */
    private void keep(Key key, Body body) {
        if (bytes.get() + body.json.length > MAX_BYTES) {
            bodies.clear();
            bytes.set(0);
        }
        Body old = bodies.put(key, body);
        bytes.addAndGet(body.json.length - (old == null ? 0 : old.json.length));
    }

    private Body write(Dashboard d) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream(32 * 1024);
        try (JsonGenerator g = json.createGenerator(buf)) {
            ViewJson.dashboard(g, d);
        }
        byte[] bytes = buf.toByteArray();
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return new Body(d, bytes, "\"" + HexFormat.of().formatHex(digest, 0, 16) + "\"");
    }

    private static MultivaluedMap<String, String> parameters(HttpServletRequest req) {
        MultivaluedMap<String, String> q = new MultivaluedHashMap<>();
        req.getParameterMap().forEach((k, v) -> {
            for (String s : v) {
                q.add(k, s);
            }
        });
        return q;
    }
}
