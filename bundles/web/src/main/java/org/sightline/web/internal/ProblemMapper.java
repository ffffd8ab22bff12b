package org.sightline.web.internal;

import javax.ws.rs.core.Context;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;
import javax.ws.rs.ext.ExceptionMapper;

/** Turns every failure inside Jersey into {@code application/problem+json} (see {@link Problems#of}). */
public final class ProblemMapper implements ExceptionMapper<Throwable> {

    @Context
    private UriInfo uri;

    @Override
    public Response toResponse(Throwable t) {
        return Problems.response(Problems.of(t, uri == null ? null : uri.getRequestUri().getPath()));
    }
}
