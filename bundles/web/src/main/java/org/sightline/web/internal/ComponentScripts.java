package org.sightline.web.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.sightline.api.Product;
import org.sightline.api.view.CustomView;

/**
 * Vendors' custom elements: {@code /components/<product id>/<file>.js} is the file
 * {@code web-components/<file>.js} of the bundle that registers the product ({@link CustomView#SCRIPTS}),
 * while that bundle is active. Only files directly in that folder of the bundle's own jar are served
 * (never its class path, fragments or another folder); a name with anything but letters, digits, dots and
 * dashes is a 404, so no path can climb out of it. Scripts are revalidated by ETag (an update of the bundle
 * changes them), typed {@code text/javascript} and never sniffed; the page's policy ({@code script-src 'self'})
 * lets the page import them and nothing else.
 */
@Component(service = Servlet.class, property = {
        "osgi.http.whiteboard.servlet.pattern=/components/*",
        "osgi.http.whiteboard.servlet.name=sightline-components"})
public class ComponentScripts extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Pattern PRODUCT = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");
    private static final Pattern FILE = Pattern.compile("[a-z0-9][a-z0-9._-]{0,99}\\.js");
    private static final int MAX_BYTES = 2 * 1024 * 1024;

    /** A product's bundle, by the product service's id. */
    private record Provider(String productId, Bundle bundle) {
    }

    private final transient Map<Long, Provider> providers = new ConcurrentHashMap<>();

    @Reference(service = Product.class, cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindProduct(ServiceReference<Product> ref, Product product) {
        if (ref.getBundle() != null && product.id() != null) {
            providers.put((Long) ref.getProperty(Constants.SERVICE_ID), new Provider(product.id(), ref.getBundle()));
        }
    }

    void unbindProduct(ServiceReference<Product> ref) {
        providers.remove((Long) ref.getProperty(Constants.SERVICE_ID));
    }

    /** The active bundle that registers the product now, if any. */
    Optional<Bundle> bundle(String productId) {
        return providers.entrySet().stream()
                .filter(e -> e.getValue().productId().equals(productId) && e.getValue().bundle().getState() == Bundle.ACTIVE)
                .max(Map.Entry.comparingByKey()).map(e -> e.getValue().bundle());
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setHeader("X-Content-Type-Options", "nosniff");
        resp.setHeader("Cross-Origin-Resource-Policy", "same-origin");
        byte[] body = script(req.getPathInfo());
        if (body == null) {
            byte[] nf = "Not found\n".getBytes(StandardCharsets.UTF_8);
            resp.setStatus(HttpServletResponse.SC_NOT_FOUND);
            resp.setHeader("Cache-Control", "no-cache");
            resp.setContentType("text/plain; charset=utf-8");
            resp.setContentLength(nf.length);
            resp.getOutputStream().write(nf);
            return;
        }
        String etag = "\"" + sha256(body) + "\"";
        resp.setHeader("ETag", etag);
        // The file changes when its bundle is updated: always revalidate (a 304 costs one small round trip).
        resp.setHeader("Cache-Control", "no-cache");
        resp.setHeader("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
        String match = req.getHeader("If-None-Match");
        if (etag.equals(match) || ("W/" + etag).equals(match)) {
            resp.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
            return;
        }
        resp.setContentType("text/javascript; charset=utf-8");
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }

    /** The script behind {@code /<product>/<file>.js}, or {@code null}. */
    byte[] script(String pathInfo) throws IOException {
        if (pathInfo == null) {
            return null;
        }
        String[] parts = pathInfo.split("/", -1);
        if (parts.length != 3 || !parts[0].isEmpty() || !PRODUCT.matcher(parts[1]).matches()
                || !FILE.matcher(parts[2]).matches() || parts[2].contains("..")) {
            return null;
        }
        Optional<Bundle> b = bundle(parts[1]);
        if (b.isEmpty()) {
            return null;
        }
        URL entry = b.get().getEntry(CustomView.SCRIPTS + parts[2]);
        if (entry == null) {
            return null;
        }
        try (InputStream in = entry.openStream()) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            return bytes.length > MAX_BYTES ? null : bytes;
        }
    }

    private static String sha256(byte[] b) {
        try {
            return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b)).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
