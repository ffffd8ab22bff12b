package org.sightline.web.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.Set;

import javax.annotation.Priority;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.core.Cookie;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;

import org.sightline.api.Viewer;
import org.sightline.core.WebSession;
import org.sightline.core.WebSessionStore;

/**
 * Puts the caller's {@link Viewer} on every request, or answers 401. Credentials: an {@code Authorization}
 * header (Basic for portal users, Bearer for API tokens), else the {@value #COOKIE} session cookie. A
 * request authenticated by the cookie that changes state (POST, PUT, PATCH, DELETE) must carry the
 * session's CSRF token in {@value #CSRF_HEADER}, or gets 403. Open: the health check and signing in
 * ({@code POST /api/v1/session}); signing out is allowed without a live session.
 */
@Priority(Priorities.AUTHENTICATION)
final class AuthFilter implements ContainerRequestFilter {
    static final String VIEWER = "sightline.viewer";
    static final String SESSION = "sightline.session";
    static final String COOKIE = "SIGHTLINE_SESSION";
    static final String CSRF_HEADER = "X-CSRF-Token";
    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");
    private final Authenticator auth;
    private final WebSessionStore sessions;

    AuthFilter(Authenticator auth, WebSessionStore sessions) {
        this.auth = auth;
        this.sessions = sessions;
    }

    @Override
    public void filter(ContainerRequestContext req) {
        String path = req.getUriInfo().getPath();
        if (path.startsWith("/")) {
            path = path.substring(1);
        }
        String method = req.getMethod();
        if (path.equals("v1/health") || path.equals("v1/session") && method.equals("POST")) {
            return;
        }
        String header = req.getHeaderString(HttpHeaders.AUTHORIZATION);
        Optional<Viewer> viewer = Optional.empty();
        if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
            viewer = auth.basic(header.substring(6), address(req));
        } else if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            viewer = auth.bearer(header.substring(7));
        } else if (header == null) {
            Cookie cookie = req.getCookies().get(COOKIE);
            Optional<WebSession> session = cookie == null ? Optional.empty() : sessions.find(cookie.getValue());
            if (session.isPresent()) {
                if (!SAFE.contains(method) && !csrfMatches(req.getHeaderString(CSRF_HEADER), session.get().csrfToken())) {
                    req.abortWith(Problems.response(403, "CSRF token missing or wrong",
                            "A request that changes something must carry the session's token in the " + CSRF_HEADER + " header.",
                            req.getUriInfo().getRequestUri().getPath()).build());
                    return;
                }
                req.setProperty(SESSION, session.get());
                viewer = Optional.of(session.get().user().viewer());
            } else if (path.equals("v1/session") && method.equals("DELETE")) {
                return;
            }
        }
        if (viewer.isEmpty()) {
            req.abortWith(Problems.response(Response.Status.UNAUTHORIZED.getStatusCode(), "Authentication required",
                    header == null ? "Sign in (POST /api/v1/session), or send HTTP Basic credentials or an API token (Bearer)."
                            : "The credentials were not accepted.",
                    req.getUriInfo().getRequestUri().getPath())
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"Sightline\"").build());
            return;
        }
        req.setProperty(VIEWER, viewer.get());
    }

    /** The client address, for throttling and the audit log (set by {@link ApiServlet}). */
    static String address(ContainerRequestContext r) {
        Object a = r.getProperty(ApiServlet.ADDRESS);
        return a instanceof String s ? s : null;
    }

    /** Whether the request came over https (set by {@link ApiServlet}). */
    static boolean secure(ContainerRequestContext r) {
        return Boolean.TRUE.equals(r.getProperty(ApiServlet.SECURE))
                || "https".equalsIgnoreCase(r.getUriInfo().getRequestUri().getScheme());
    }

    private static boolean csrfMatches(String given, String expected) {
        return given != null && expected != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                expected.getBytes(StandardCharsets.UTF_8));
    }
}
