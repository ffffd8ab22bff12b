package org.sightline.web.internal;

import javax.ws.rs.container.ContainerRequestContext;

import org.sightline.api.Viewer;
import org.sightline.core.ForbiddenException;

/** The request's viewer and permission checks, for the resources. */
final class Access {
    private Access() {
    }

    /** The viewer the auth filter put on the request. */
    static Viewer viewer(ContainerRequestContext req) {
        Viewer v = (Viewer) req.getProperty(Gate.VIEWER);
        if (v == null) {
            throw new ForbiddenException("no viewer");
        }
        return v;
    }

    /** The viewer, if it holds the permission; 403 otherwise. */
    static Viewer require(ContainerRequestContext req, String permission) {
        Viewer v = viewer(req);
        if (!v.can(permission)) {
            throw new ForbiddenException("this needs the '" + permission + "' permission");
        }
        return v;
    }
}
