package org.sightline.web.internal;

import javax.annotation.Priority;
import javax.ws.rs.Priorities;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.container.ContainerRequestFilter;
import javax.ws.rs.container.PreMatching;

/**
 * A second lock behind the {@link Gate}: a request that reaches a resource without a viewer is refused
 * with 401, unless its route is open. The gate has already answered every request it refused, so this
 * only matters if a request ever reaches Jersey some other way.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION)
final class AuthFilter implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext req) {
        if (req.getProperty(Gate.VIEWER) != null) {
            return;
        }
        String path = req.getUriInfo().getPath();
        path = path.startsWith("/") ? path : "/" + path;
        String method = req.getMethod();
        if (Gate.open(method, path) || path.equals("/v1/session") && method.equals("DELETE")) {
            return;
        }
        req.abortWith(Problems.response(401, "Authentication required",
                "Sign in (POST /api/v1/session), or send HTTP Basic credentials or an API token (Bearer).",
                req.getUriInfo().getRequestUri().getPath()).header("WWW-Authenticate", "Bearer realm=\"Sightline\"").build());
    }
}
