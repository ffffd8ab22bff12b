package org.sightline.web.internal;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import javax.servlet.http.HttpServletResponse;
import javax.ws.rs.WebApplicationException;
import javax.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.sightline.core.InvalidParameterException;
import org.sightline.core.SightlineException;
import org.sightline.core.TooManyRequestsException;
import org.sightline.core.UnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code application/problem+json} bodies (RFC 9457), and the one place that turns a failure into one.
 * Used by Jersey's {@link ProblemMapper} and by the servlet-level front door ({@link ApiServlet}), which
 * answers some requests before Jersey sees them.
 */
final class Problems {
    static final String TYPE = "application/problem+json";
    private static final Logger LOG = LoggerFactory.getLogger(Problems.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A problem to answer with.
     *
     * @param status   HTTP status
     * @param body     the problem document: type, title, status, detail, instance and any extension
     * @param headers  extra response headers (Retry-After, WWW-Authenticate)
     */
    record Problem(int status, Map<String, Object> body, Map<String, String> headers) {
        Problem with(String header, String value) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.put(header, value);
            return new Problem(status, body, h);
        }
    }

    private Problems() {
    }

    static Map<String, Object> body(int status, String title, String detail, String instance) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "about:blank");
        m.put("title", title);
        m.put("status", status);
        m.put("detail", detail);
        if (instance != null) {
            m.put("instance", instance);
        }
        return m;
    }

    static Problem problem(int status, String title, String detail, String instance) {
        return new Problem(status, body(status, title, detail, instance), Map.of());
    }

    static Response.ResponseBuilder response(int status, String title, String detail, String instance) {
        return Response.status(status).type(TYPE).entity(body(status, title, detail, instance));
    }

    static Response response(Problem p) {
        Response.ResponseBuilder r = Response.status(p.status()).type(TYPE).entity(p.body());
        p.headers().forEach(r::header);
        return r.build();
    }

    /**
     * The problem a failure is shown as. A {@link SightlineException} says what the caller can act on. A
     * failure to reach the database (found anywhere in the cause chain, see
     * {@link UnavailableException#isConnectionFailure}) is 503 with {@code Retry-After}. Anything else is a 500
     * whose detail is a fixed sentence with an incident id; the id is logged with the stack trace, and no
     * exception or driver message ever reaches the client.
     */
    static Problem of(Throwable t, String instance) {
        if (t instanceof JsonProcessingException j && JsonBodies.problem(j) != null) {
            t = JsonBodies.problem(j);
        }
        if (!(t instanceof UnavailableException) && UnavailableException.isConnectionFailure(t)) {
            t = new UnavailableException(t);
        }
        if (t instanceof SightlineException s) {
            Problem p = problem(s.status(), s.title(), s.getMessage(), instance);
            if (s instanceof TooManyRequestsException tm) {
                p = p.with("Retry-After", Long.toString(tm.retryAfterSeconds()));
            }
            if (s instanceof UnavailableException u) {
                LOG.warn("Request {} answered 503: {} ({})", instance, u.getMessage(), cause(u));
                p = p.with("Retry-After", Long.toString(u.retryAfterSeconds()));
            }
            if (s instanceof InvalidParameterException ip) {
                p.body().put("parameter", ip.parameter());
            }
            return p;
        }
        if (t instanceof WebApplicationException w && w.getResponse().getStatus() < 500) {
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
            return problem(status, title, detail, instance);
        }
        if (t instanceof JsonProcessingException j) {
            return problem(400, "Malformed JSON", j.getOriginalMessage(), instance);
        }
        String incident = UUID.randomUUID().toString();
        LOG.error("Request {} failed (incident {})", instance, incident, t);
        Problem p = problem(500, "Internal server error",
                "Something went wrong on the server. It was logged as incident " + incident + ".", instance);
        p.body().put("incident", incident);
        return p;
    }

    /** The innermost cause, for a one-line log entry. */
    private static String cause(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c.getClass().getSimpleName() + ": " + c.getMessage();
    }

    /** Answers with the problem directly on the servlet response (outside Jersey). */
    static void write(HttpServletResponse res, Problem p) throws IOException {
        byte[] body = JSON.writeValueAsBytes(p.body());
        res.setStatus(p.status());
        res.setContentType(TYPE);
        p.headers().forEach(res::setHeader);
        res.setContentLength(body.length);
        res.getOutputStream().write(body);
    }
}
