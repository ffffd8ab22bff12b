package org.sightline.web.internal;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.HttpHeaders;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;

import org.sightline.core.DashboardQuery;
import org.sightline.core.PdfReports;

/**
 * PDF downloads: the customer's dashboard, and the reports widgets offer. Translation only: the core checks
 * scope and permission, filters, draws, audits and records the report activity ({@link PdfReports}).
 * <p>
 * Two root resources with full paths, so that neither shadows the customer and widget routes beside them
 * (JAX-RS picks one root resource per request and does not fall back to another).
 */
final class ReportResource {
    private ReportResource() {
    }

    static Response pdf(PdfReports.PdfFile file) {
        return Response.ok(file.content(), PdfReports.PdfFile.CONTENT_TYPE)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + file.fileName() + "\"")
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }

    /** {@code GET /api/v1/customers/{id}/dashboard.pdf}. */
    @Path("v1/customers/{id}/dashboard.pdf")
    public static final class Dashboard {
        private final PdfReports reports;

        Dashboard(PdfReports reports) {
            this.reports = reports;
        }

        /** The dashboard as the page shows it, with the dashboard's {@code product}, {@code from}, {@code to}, {@code tz}. */
        @GET
        public Response get(@Context ContainerRequestContext req, @Context UriInfo uri, @PathParam("id") String id) {
            DashboardQuery q = Params.query(uri.getQueryParameters(), false);
            return pdf(reports.dashboard(Access.viewer(req), Params.id("id", id), q));
        }
    }

    /** {@code GET /api/v1/customers/{id}/widgets/{widgetId}/reports/{reportId}.pdf}. */
    @Path("v1/customers/{id}/widgets/{widgetId}/reports")
    public static final class Widget {
        private final PdfReports reports;

        Widget(PdfReports reports) {
            this.reports = reports;
        }

        /** A widget's report, with {@code from}, {@code to}, {@code tz}; every other query parameter is an option. */
        @GET
        @Path("{reportId}.pdf")
        public Response get(@Context ContainerRequestContext req, @Context UriInfo uri, @PathParam("id") String id,
                            @PathParam("widgetId") String widgetId, @PathParam("reportId") String reportId) {
            DashboardQuery q = Params.query(uri.getQueryParameters(), true);
            return pdf(reports.widgetReport(Access.viewer(req), Params.id("id", id), widgetId, reportId, q));
        }
    }
}
