package org.sightline.web.internal;

import java.util.Optional;

import javax.annotation.Priority;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;

import org.sightline.api.Viewer;

/**
 * Puts the caller's {@link Viewer} on every request, or answers 401. Only the health check is open.
 */
@Priority(Priorities.AUTHENTICATION)
final class AuthFilter implements ContainerRequestFilter {
    static final String VIEWER = "sightline.viewer";
    private final Authenticator auth;

    AuthFilter(Authenticator auth) {
        this.auth = auth;
    }

    @Override
    public void filter(ContainerRequestContext req) {
        String path = req.getUriInfo().getPath();
        if (path.equals("v1/health") || path.equals("/v1/health")) {
            return;
        }
        String header = req.getHeaderString(HttpHeaders.AUTHORIZATION);
        Optional<Viewer> viewer = Optional.empty();
        if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
            viewer = auth.basic(header.substring(6));
        } else if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            viewer = auth.bearer(header.substring(7));
        }
        if (viewer.isEmpty()) {
            req.abortWith(Problems.response(Response.Status.UNAUTHORIZED.getStatusCode(), "Authentication required",
                    header == null ? "Sign in with your portal user (HTTP Basic) or send an API token (Bearer)."
                            : "The credentials were not accepted.",
                    req.getUriInfo().getRequestUri().getPath())
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"Sightline\", Bearer").build());
            return;
        }
        req.setProperty(VIEWER, viewer.get());
    }
}
