package org.sightline.web.internal;

import javax.ws.rs.container.ContainerRequestContext;

import org.sightline.api.Viewer;
import org.sightline.core.ForbiddenException;

/** The request's viewer, for the resources (the core checks what it may do). */
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
}
