package org.sightline.web.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;

import org.sightline.core.Readiness;
import org.sightline.core.UnavailableException;

/**
 * Health, open without credentials: liveness ({@code GET /api/v1/health}, which touches nothing, so a slow or
 * absent database never makes the server look dead) and readiness ({@code GET /api/v1/health/ready}, which
 * checks the database).
 */
@Path("v1/health")
@Produces(MediaType.APPLICATION_JSON)
public final class HealthResource {
    private final Readiness readiness;

    /** Liveness: the server runs. */
    public record Live(String status) {
    }

    /** Readiness: every check passed; {@code checks} maps each check to {@code up}. */
    public record Ready(String status, Map<String, String> checks) {
    }

    HealthResource(Readiness readiness) {
        this.readiness = readiness;
    }

    /** Liveness for process supervisors: 200 while the server runs; asks nothing of the database. */
    @GET
    public Live live() {
        return new Live("up");
    }

    /**
     * Readiness for load balancers and start scripts: 200 {@code {"status":"ready","checks":{"database":"up"}}},
     * or 503 problem+json with {@code Retry-After} and {@code checks} naming what is down.
     */
    @GET
    @Path("ready")
    public Response ready(@Context ContainerRequestContext req) {
        Map<String, String> checks = new TreeMap<>();
        readiness.checks().forEach((name, up) -> checks.put(name, up ? "up" : "down"));
        if (!checks.containsValue("down")) {
            return Response.ok(new Ready("ready", checks)).build();
        }
        String detail = "down".equals(checks.get(Readiness.DATABASE)) ? UnavailableException.DATABASE
                : "Not every readiness check passed.";
        Problems.Problem p = Problems.problem(503, "Service unavailable", detail, req.getUriInfo().getRequestUri().getPath())
                .with("Retry-After", "5");
        p.body().put("checks", new LinkedHashMap<>(checks));
        return Problems.response(p);
    }
}
