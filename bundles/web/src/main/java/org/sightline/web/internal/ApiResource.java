package org.sightline.web.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import javax.ws.rs.Consumes;

import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import org.sightline.api.Viewer;
import org.sightline.core.CacheStats;
import org.sightline.core.Caches;
import org.sightline.core.DashboardService;
import org.sightline.core.IngestReport;
import org.sightline.core.IngestService;
import org.sightline.core.KnownProduct;
import org.sightline.core.ProductCatalogue;
import org.sightline.core.ProductInfo;
import org.sightline.core.RenderedWidget;
import org.sightline.core.WidgetHealth;
import org.sightline.core.WidgetRegistry;
import org.sightline.web.internal.dto.Requests;
import org.sightline.web.internal.dto.Responses;

/**
 * The REST API, version 1. Stateless; every method states the permission it needs and delegates to a
 * core service, which scopes everything to the caller's partner.
 */
@Path("v1")
@Produces(MediaType.APPLICATION_JSON)
public final class ApiResource {
    private static final String NDJSON = "application/x-ndjson";
    private final DashboardService dashboards;
    private final WidgetRegistry registry;
    private final ProductCatalogue catalogue;
    private final IngestService ingest;
    private final JsonFactory json;
    private final Caches caches;

    ApiResource(DashboardService dashboards, WidgetRegistry registry, ProductCatalogue catalogue, IngestService ingest,
                JsonFactory json, Caches caches) {
        this.caches = caches;
        this.dashboards = dashboards;
        this.registry = registry;
        this.catalogue = catalogue;
        this.ingest = ingest;
        this.json = json;
    }

    /** Deployed products. Permission: {@code customer.read}. */
    @GET
    @Path("products")
    public List<ProductInfo> products(@Context ContainerRequestContext req) {
        return registry.products(Access.viewer(req));
    }

    /**
     * Every product ever deployed on this server, deployed now or not ({@code deployed}), so that subscriptions
     * to a product whose bundle is gone can be shown by the product's name. Permission: {@code customer.read}.
     */
    @GET
    @Path("products/known")
    public List<KnownProduct> knownProducts(@Context ContainerRequestContext req) {
        return catalogue.products(Access.viewer(req));
    }

    /** One widget with paging, filters and panel. Permission: {@code customer.read} and the widget's own. */
    @GET
    @Path("customers/{id}/widgets/{widgetId}")
    public byte[] widget(@Context ContainerRequestContext req, @Context UriInfo uri, @PathParam("id") String id,
                         @PathParam("widgetId") String widgetId) throws IOException {
        Viewer viewer = Access.viewer(req);
        RenderedWidget w = dashboards.widget(viewer, Params.id("id", id), widgetId, Params.query(uri.getQueryParameters(), true));
        return write(g -> ViewJson.widget(g, w));
    }

    /**
     * Runs an action a widget offers (its links view's actions); body {@code {"confirm": "Yes"}} when the
     * action asks for a typed confirmation. Permission: {@code customer.act} and the action's own.
     */
    @POST
    @Path("customers/{id}/widgets/{widgetId}/actions/{actionId}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Responses.ActionResult act(@Context ContainerRequestContext req, @PathParam("id") String id,
                                      @PathParam("widgetId") String widgetId, @PathParam("actionId") String actionId,
                                      Requests.Action body) {
        Viewer viewer = Access.viewer(req);
        String confirm = body == null ? null : body.confirm();
        String message = dashboards.act(viewer, Params.id("id", id), widgetId, actionId, confirm);
        return new Responses.ActionResult(widgetId, actionId, message);
    }

    /** What a JSON writer produces. */
    @FunctionalInterface
    private interface JsonWriter {
        void write(JsonGenerator g) throws IOException;
    }

    /**
     * Serializes the view into one buffer, so the response goes out in a single write with a
     * Content-Length instead of a chunk per generator flush (the views are a few tens of KB).
     */
    private byte[] write(JsonWriter writer) throws IOException {
        java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream(32 * 1024);
        try (JsonGenerator g = json.createGenerator(buf)) {
            writer.write(g);
        }
        return buf.toByteArray();
    }

    /** The widget registry with each widget's health. Permission: {@code server.admin}. */
    @GET
    @Path("admin/widgets")
    public List<Responses.WidgetHealth> adminWidgets(@Context ContainerRequestContext req) {
        return registry.widgets(Access.viewer(req)).stream().map(ApiResource::health).toList();
    }

    /**
     * One cache's figures on the admin pages.
     *
     * @param name      what it holds ({@code core.views}, {@code usage.prices}...)
     * @param size      entries held now
     * @param maximum   its bound on entries, -1 when only time bounds it
     * @param hitRatio  hits per lookup since the start, 0 to 1
     * @param hits      lookups answered from it
     * @param misses    lookups that computed or read
     * @param evictions entries dropped for size or age
     */
    public record CacheFigures(String name, long size, long maximum, double hitRatio, long hits, long misses, long evictions) {
        static CacheFigures of(CacheStats s) {
            return new CacheFigures(s.name(), s.size(), s.maximumSize(), Math.round(s.hitRatio() * 1000) / 1000.0,
                    s.hits(), s.misses(), s.evictions());
        }
    }

    /** The server's caches with their hit ratios. Permission: {@code server.admin}. */
    @GET
    @Path("admin/caches")
    public List<CacheFigures> adminCaches(@Context ContainerRequestContext req) {
        return caches.caches(Access.viewer(req)).stream().map(CacheFigures::of).toList();
    }

    /** Records for a product, one JSON object per line. Permission: {@code ingest} (an ingestion token). */
    @POST
    @Path("ingest/{product}")
    @Consumes({NDJSON, MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    public Response ingest(@Context ContainerRequestContext req, @PathParam("product") String product, InputStream body) {
        IngestReport r = ingest.ingest(Access.viewer(req), product, body);
        Responses.IngestReport out = new Responses.IngestReport(r.product(), r.received(), r.accepted(), r.stored(),
                r.duplicates(), r.rejected().size(), r.rejected());
        return Response.accepted(out).build();
    }

    private static Responses.WidgetHealth health(WidgetHealth h) {
        return new Responses.WidgetHealth(h.descriptor().id(), h.descriptor().title(), h.descriptor().productId(),
                h.descriptor().section(), h.descriptor().placement(), h.bundle(), h.bundleVersion(), h.state(), h.calls(),
                h.failures(), h.lastError(), h.p50Millis(), h.p95Millis());
    }
}
