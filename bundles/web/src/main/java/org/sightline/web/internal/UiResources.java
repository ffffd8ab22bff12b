package org.sightline.web.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * The web page: serves the bundle's {@code ui/} folder and the embedded WebJars at {@code /} on the HTTP
 * whiteboard, next to the API servlet at {@code /api/*} (the longer pattern wins, so the API is unaffected).
 * <ul>
 * <li>{@code /assets/<stamp>/<path>} is {@code ui/<path>}, and {@code /assets/<stamp>/vendor/<package>/<path>}
 * is the WebJar file {@code META-INF/resources/webjars/<package>/<version>/<path>}. The stamp changes with
 * every build of the bundle, so an asset under the current stamp is cached for a year; under any other stamp
 * it is still served, but revalidated.</li>
 * <li>Every other path without a file extension ({@code /}, {@code /customers/42}, {@code /admin}) is the
 * page itself, {@code ui/index.html}, with {@code {{v}}} replaced by the stamp; it is revalidated by ETag.</li>
 * <li>Every response carries a strict Content-Security-Policy: scripts, styles, images and requests from
 * this origin only; the page's one inline script (the import map) is allowed by its SHA-256.</li>
 * </ul>
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.pattern=/",
        "osgi.http.whiteboard.servlet.name=sightline-ui"})
public class UiResources extends HttpServlet {
    private static final long serialVersionUID = 1L;
    static final String UI = "ui/";
    static final String WEBJARS = "META-INF/resources/webjars/";
    static final String ASSETS = "/assets/";
    private static final Pattern INLINE_SCRIPT = Pattern.compile("<script(?![^>]*\\ssrc=)[^>]*>(.*?)</script>",
            Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
    private static final Pattern SAFE_PATH = Pattern.compile("[A-Za-z0-9._/@-]*");
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("json", "application/json"),
            Map.entry("map", "application/json"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"),
            Map.entry("webp", "image/webp"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("woff2", "font/woff2"),
            Map.entry("txt", "text/plain; charset=utf-8"));
    private static final List<String> COMPRESSIBLE = List.of("text/", "application/json", "image/svg+xml");
    private static final String IMMUTABLE = "public, max-age=31536000, immutable";
    private static final String REVALIDATE = "no-cache";

    /** A file ready to send: its bytes, gzipped bytes when worth it, type and entity tag. */
    record Asset(byte[] body, byte[] gzip, String type, String etag, String csp) {
    }

    private final transient Function<String, URL> entries;
    private final Map<String, String> vendor;
    private final String stamp;
    private final transient Map<String, Asset> cache = new ConcurrentHashMap<>();

    @Activate
    public UiResources(BundleContext context) {
        this(context.getBundle()::getEntry, webjars(context.getBundle()), stamp(context.getBundle()));
    }

    /**
     * @param entries a file of the bundle by its path, or {@code null}
     * @param vendor  the version of each embedded WebJar package, by package name
     * @param stamp   changes with every build of the bundle; part of every asset URL
     */
    UiResources(Function<String, URL> entries, Map<String, String> vendor, String stamp) {
        this.entries = entries;
        this.vendor = Map.copyOf(vendor);
        this.stamp = stamp;
    }

    String stamp() {
        return stamp;
    }

    /**
     * A request under {@code /api/} reaches this servlet only while the API servlet is not registered (the
     * longer pattern wins): while the server starts or stops. It is answered {@code 503} problem+json with
     * {@code Retry-After}, whatever its method, so that a script waiting for {@code /api/v1/health} does not
     * take the page for a healthy API and a sender does not take a {@code 404} or {@code 405} for a permanent
     * refusal of its batch.
     */
    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws javax.servlet.ServletException,
            IOException {
        String path = req.getRequestURI().substring(req.getContextPath().length());
        if (path.equals(API) || path.startsWith(API + "/")) {
            apiUnavailable(resp);
            return;
        }
        super.service(req, resp);
    }

    static final String API = "/api";

    private static void apiUnavailable(HttpServletResponse resp) throws IOException {
        byte[] body = ("{\"type\":\"about:blank\",\"title\":\"Service unavailable\",\"status\":503,"
                + "\"detail\":\"The API is starting or stopping; try again in a few seconds.\"}")
                .getBytes(StandardCharsets.UTF_8);
        securityHeaders(resp);
        resp.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        resp.setHeader("Retry-After", "5");
        resp.setHeader("Cache-Control", "no-store");
        resp.setContentType("application/problem+json");
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String path = req.getRequestURI().substring(req.getContextPath().length());
        securityHeaders(resp);
        if (!SAFE_PATH.matcher(path).matches() || path.contains("..") || path.contains("//")) {
            notFound(resp);
            return;
        }
        boolean immutable = false;
        String entry;
        if (path.startsWith(ASSETS)) {
            int slash = path.indexOf('/', ASSETS.length());
            if (slash < 0) {
                notFound(resp);
                return;
            }
            immutable = path.substring(ASSETS.length(), slash).equals(stamp);
            entry = entry(path.substring(slash + 1));
        } else if (path.substring(path.lastIndexOf('/') + 1).indexOf('.') < 0) {
            entry = UI + "index.html";
        } else {
            entry = null;
        }
        Asset a = entry == null ? null : asset(entry);
        if (a == null) {
            notFound(resp);
            return;
        }
        if (a.csp() != null) {
            resp.setHeader("Content-Security-Policy", a.csp());
        }
        resp.setHeader("Cache-Control", immutable ? IMMUTABLE : REVALIDATE);
        resp.setHeader("ETag", a.etag());
        resp.setHeader("Vary", "Accept-Encoding");
        String match = req.getHeader("If-None-Match");
        if (match != null && (match.equals(a.etag()) || match.equals("W/" + a.etag()) || match.equals("*"))) {
            resp.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        resp.setContentType(a.type());
        byte[] body = a.body();
        String accept = req.getHeader("Accept-Encoding");
        if (a.gzip() != null && accept != null && accept.toLowerCase(Locale.ROOT).contains("gzip")) {
            resp.setHeader("Content-Encoding", "gzip");
            body = a.gzip();
        }
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }

    /** The bundle entry behind an asset path (after the stamp), or {@code null}. */
    private String entry(String rest) {
        if (rest.startsWith("vendor/")) {
            int slash = rest.indexOf('/', 7);
            if (slash < 0) {
                return null;
            }
            String version = vendor.get(rest.substring(7, slash));
            return version == null ? null : WEBJARS + rest.substring(7, slash) + "/" + version + rest.substring(slash);
        }
        if (rest.isEmpty() || rest.equals("index.html") || rest.endsWith("/")) {
            return null;
        }
        return UI + rest;
    }

    private Asset asset(String entry) {
        Asset a = cache.get(entry);
        if (a == null) {
            URL url = entries.apply(entry);
            if (url == null) {
                return null;
            }
            a = load(entry, url);
            cache.put(entry, a);
        }
        return a;
    }

    private Asset load(String entry, URL url) {
        byte[] body;
        try (InputStream in = url.openStream()) {
            body = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + entry, e);
        }
        String ext = entry.substring(entry.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        String type = TYPES.getOrDefault(ext, "application/octet-stream");
        String csp = null;
        if (entry.equals(UI + "index.html")) {
            String html = new String(body, StandardCharsets.UTF_8).replace("{{v}}", stamp);
            body = html.getBytes(StandardCharsets.UTF_8);
            csp = contentSecurityPolicy(html);
        }
        byte[] gzip = null;
        if (body.length > 1024 && COMPRESSIBLE.stream().anyMatch(type::startsWith)) {
            gzip = gzip(body);
        }
        return new Asset(body, gzip, type, "\"" + stamp + "-" + sha256(body).substring(0, 16) + "\"", csp);
    }

    /** The page's policy: this origin only; inline scripts (the import map) only by their hash. */
    static String contentSecurityPolicy(String html) {
        StringBuilder scripts = new StringBuilder("'self'");
        Matcher m = INLINE_SCRIPT.matcher(html);
        while (m.find()) {
            scripts.append(" 'sha256-").append(sha256Base64(m.group(1))).append('\'');
        }
        return "default-src 'none'; script-src " + scripts + "; style-src 'self'; img-src 'self' data: blob:; "
                + "font-src 'self'; connect-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'self'; "
                + "frame-ancestors 'none'";
    }

    private static void securityHeaders(HttpServletResponse resp) {
        resp.setHeader("X-Content-Type-Options", "nosniff");
        resp.setHeader("X-Frame-Options", "DENY");
        resp.setHeader("Referrer-Policy", "same-origin");
        resp.setHeader("Cross-Origin-Opener-Policy", "same-origin");
        resp.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()");
    }

    private static void notFound(HttpServletResponse resp) throws IOException {
        byte[] body = "Not found\n".getBytes(StandardCharsets.UTF_8);
        resp.setStatus(HttpServletResponse.SC_NOT_FOUND);
        resp.setHeader("Cache-Control", REVALIDATE);
        resp.setContentType("text/plain; charset=utf-8");
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }

    /** The version folder of each embedded WebJar package. */
    static Map<String, String> webjars(Bundle bundle) {
        Map<String, String> versions = new HashMap<>();
        Enumeration<String> packages = bundle.getEntryPaths(WEBJARS);
        while (packages != null && packages.hasMoreElements()) {
            String pkg = packages.nextElement();
            Enumeration<String> dirs = bundle.getEntryPaths(pkg);
            while (dirs != null && dirs.hasMoreElements()) {
                String dir = dirs.nextElement();
                if (dir.endsWith("/")) {
                    String[] parts = dir.substring(WEBJARS.length()).split("/");
                    if (parts.length == 2) {
                        versions.put(parts[0], parts[1]);
                    }
                }
            }
        }
        return versions;
    }

    /** Changes whenever the bundle is built or updated. */
    static String stamp(Bundle bundle) {
        return sha256(bundle.getVersion() + "/" + bundle.getLastModified()).substring(0, 10);
    }

    private static byte[] gzip(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length / 3);
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String sha256(String s) {
        return sha256(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String sha256(byte[] b) {
        return java.util.HexFormat.of().formatHex(digest(b));
    }

    private static String sha256Base64(String s) {
        return Base64.getEncoder().encodeToString(digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] digest(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
