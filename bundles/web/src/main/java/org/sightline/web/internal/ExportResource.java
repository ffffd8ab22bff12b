package org.sightline.web.internal;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.MultivaluedHashMap;
import javax.ws.rs.core.MultivaluedMap;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.StreamingOutput;
import javax.ws.rs.core.UriInfo;

import org.sightline.api.Viewer;
import org.sightline.core.DashboardQuery;
import org.sightline.core.InvalidParameterException;
import org.sightline.core.TableExport;

/** CSV and XLSX exports of a widget's table, privacy-filtered like the JSON; the core checks, scopes and audits each. */
@Path("v1/customers/{id}/widgets/{widgetId}/export")
public final class ExportResource {
    private final TableExport exports;

    ExportResource(TableExport exports) {
        this.exports = exports;
    }

    /** The whole table (all pages) with the given filters. Permission: {@code customer.read} and the widget's. */
    @GET
    public Response export(@Context ContainerRequestContext req, @Context UriInfo uri, @PathParam("id") String id,
                           @PathParam("widgetId") String widgetId) {
        Viewer viewer = Access.viewer(req);
        MultivaluedMap<String, String> params = new MultivaluedHashMap<>(uri.getQueryParameters());
        String f = params.getFirst("format");
        params.remove("format");
        TableExport.Format format;
        if (f == null || f.equalsIgnoreCase("csv")) {
            format = TableExport.Format.CSV;
        } else if (f.equalsIgnoreCase("xlsx")) {
            format = TableExport.Format.XLSX;
        } else {
            throw new InvalidParameterException("format", "format must be csv or xlsx");
        }
        long customerId = Params.id("id", id);
        DashboardQuery q = Params.query(params, true);
        exports.start(viewer, customerId, widgetId, q, format);
        StreamingOutput body = out -> exports.write(viewer, customerId, widgetId, q, format, out);
        String file = widgetId.replaceAll("[^A-Za-z0-9._-]", "_") + "." + format.extension();
        return Response.ok(body, format.contentType())
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + file + "\"")
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }
}
