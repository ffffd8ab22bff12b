package org.sightline.web.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.Set;

import javax.servlet.http.Cookie;
import javax.servlet.http.HttpServletRequest;
import javax.ws.rs.container.ContainerRequestContext;

import org.sightline.api.Viewer;
import org.sightline.core.WebSession;
import org.sightline.core.WebSessionStore;
import org.sightline.web.internal.auth.DirectoryUnavailableException;

/**
 * The API's front door: decides, once per request and before any resource is chosen, who is calling.
 * Credentials: an {@code Authorization} header (Basic for portal users, Bearer for API tokens), else the
 * {@value #COOKIE} session cookie. A request authenticated by the cookie that changes state (POST, PUT,
 * PATCH, DELETE) must carry the session's CSRF token in {@value #CSRF_HEADER}, or gets 403. Open: the
 * health checks, the API description ({@code /api/v1/openapi.json}) and signing in ({@code POST /api/v1/session}); signing out is allowed without a live
 * session. The outcome travels as request attributes ({@value #VIEWER}, {@value #SESSION}), which the
 * Jersey resources read as request properties.
 */
final class Gate {
    static final String VIEWER = "sightline.viewer";
    static final String SESSION = "sightline.session";
    static final String COOKIE = "SIGHTLINE_SESSION";
    static final String CSRF_HEADER = "X-CSRF-Token";
    /** Request attribute: the client address. */
    static final String ADDRESS = "sightline.address";
    /** Request attribute: whether the request came over https. */
    static final String SECURE = "sightline.secure";
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    /**
     * What the front door decided.
     *
     * @param viewer  the caller, or {@code null} on an open route
     * @param session the browser session the caller came with, or {@code null}
     * @param problem the answer instead of going on (401, 403), or {@code null}
     */
    record Decision(Viewer viewer, WebSession session, Problems.Problem problem) {
        static final Decision OPEN = new Decision(null, null, null);
    }

    private final Authenticator auth;
    private final WebSessionStore sessions;

    Gate(Authenticator auth, WebSessionStore sessions) {
        this.auth = auth;
        this.sessions = sessions;
    }

    /**
     * Decides who calls.
     *
     * @param path the path below {@code /api}, such as {@code /v1/customers}
     * @throws org.sightline.core.TooManyRequestsException while the user or address is throttled
     */
    Decision decide(HttpServletRequest req, String path) {
        String method = req.getMethod();
        if (open(method, path)) {
            return Decision.OPEN;
        }
        String header = req.getHeader("Authorization");
        Optional<Viewer> viewer = Optional.empty();
        WebSession session = null;
        if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                viewer = auth.basic(header.substring(6), (String) req.getAttribute(ADDRESS));
            } catch (DirectoryUnavailableException e) {
                return new Decision(null, null, unavailable(e, req.getRequestURI()));
            }
        } else if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            viewer = auth.bearer(header.substring(7));
        } else if (header == null) {
            String secret = cookie(req);
            Optional<WebSession> s = secret == null ? Optional.empty() : sessions.find(secret);
            if (s.isPresent()) {
                if (!SAFE.contains(method) && !csrfMatches(req.getHeader(CSRF_HEADER), s.get().csrfToken())) {
                    return new Decision(null, null, Problems.problem(403, "CSRF token missing or wrong",
                            "A request that changes something must carry the session's token in the " + CSRF_HEADER
                                    + " header.", req.getRequestURI()));
                }
                session = s.get();
                viewer = Optional.of(session.user().viewer());
            } else if (path.equals("/v1/session") && method.equals("DELETE")) {
                return Decision.OPEN;
            }
        }
        if (viewer.isEmpty()) {
            return new Decision(null, null, Problems.problem(401, "Authentication required",
                    header == null ? "Sign in (POST /api/v1/session), or send HTTP Basic credentials or an API token (Bearer)."
                            : "The credentials were not accepted.", req.getRequestURI())
                    .with("WWW-Authenticate", "Bearer realm=\"Sightline\""));
        }
        return new Decision(viewer.get(), session, null);
    }

    /** 503: the sign-in directory could not be asked; with Retry-After. */
    static Problems.Problem unavailable(DirectoryUnavailableException e, String instance) {
        return Problems.problem(e.status(), e.title(), e.getMessage(), instance)
                .with("Retry-After", Long.toString(DirectoryUnavailableException.RETRY_AFTER_SECONDS));
    }

    /** Routes open without credentials: the health checks (liveness and readiness), the API description and signing in. */
    static boolean open(String method, String path) {
        return path.equals("/v1/health") || path.equals("/v1/health/ready") || path.equals("/v1/openapi.json")
                || path.equals("/v1/session") && method.equals("POST");
    }

    private static String cookie(HttpServletRequest req) {
        Cookie[] cookies = req.getCookies();
        if (cookies != null) {
            for (Cookie c : cookies) {
                if (COOKIE.equals(c.getName())) {
                    return c.getValue();
                }
            }
        }
        return null;
    }

    /** The client address, for throttling and the audit log (set by {@link ApiServlet}). */
    static String address(ContainerRequestContext r) {
        Object a = r.getProperty(ADDRESS);
        return a instanceof String s ? s : null;
    }

    /** Whether the request came over https (set by {@link ApiServlet}). */
    static boolean secure(ContainerRequestContext r) {
        return Boolean.TRUE.equals(r.getProperty(SECURE))
                || "https".equalsIgnoreCase(r.getUriInfo().getRequestUri().getScheme());
    }

    private static boolean csrfMatches(String given, String expected) {
        return given != null && expected != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                expected.getBytes(StandardCharsets.UTF_8));
    }
}
