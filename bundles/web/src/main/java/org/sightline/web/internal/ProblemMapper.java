package org.sightline.web.internal;

import java.util.Map;
import java.util.UUID;

import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;
import javax.ws.rs.ext.ExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;

import org.sightline.core.InvalidParameterException;
import org.sightline.core.SightlineException;
import org.sightline.core.TooManyRequestsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place that turns every failure into {@code application/problem+json}. */
public final class ProblemMapper implements ExceptionMapper<Throwable> {
    private static final Logger LOG = LoggerFactory.getLogger(ProblemMapper.class);

    @Context
    private UriInfo uri;

    @Override
    public Response toResponse(Throwable t) {
        String instance = uri == null ? null : uri.getRequestUri().getPath();
        if (t instanceof SightlineException s) {
            Response.ResponseBuilder r = Problems.response(s.status(), s.title(), s.getMessage(), instance);
            if (s instanceof TooManyRequestsException tm) {
                r.header("Retry-After", Long.toString(tm.retryAfterSeconds()));
            }
            if (s instanceof InvalidParameterException ip) {
                @SuppressWarnings("unchecked")
                Map<String, Object> body = (Map<String, Object>) Problems.body(s.status(), s.title(), s.getMessage(), instance);
                body.put("parameter", ip.parameter());
                r.entity(body);
            }
            return r.build();
        }
        if (t instanceof WebApplicationException w) {
            int status = w.getResponse().getStatus();
            String title = Response.Status.fromStatusCode(status) == null ? "Error"
                    : Response.Status.fromStatusCode(status).getReasonPhrase();
            String detail = switch (status) {
                case 404 -> "There is no such resource.";
                case 405 -> "This resource does not support that method.";
                case 406 -> "This resource answers only with JSON.";
                case 415 -> "This resource does not accept that content type.";
                default -> w.getMessage();
            };
            return Problems.response(status, title, detail, instance).build();
        }
        if (t instanceof JsonProcessingException j) {
            return Problems.response(400, "Malformed JSON", j.getOriginalMessage(), instance).build();
        }
        String id = UUID.randomUUID().toString();
        LOG.error("Request {} failed (error id {})", instance, id, t);
        return Problems.response(500, "Internal server error",
                (t instanceof IllegalStateException && t.getMessage() != null ? t.getMessage() + ". " : "")
                        + "The error was logged with id " + id + ".", instance).build();
    }
}
