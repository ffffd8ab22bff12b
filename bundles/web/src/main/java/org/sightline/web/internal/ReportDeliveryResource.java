package org.sightline.web.internal;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;

import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.UriInfo;

import org.sightline.api.Viewer;
import org.sightline.core.InvalidParameterException;
import org.sightline.core.ReportDeliveries;
import org.sightline.core.ReportSchedule;
import org.sightline.core.ReportSchedules;
import org.sightline.core.ReportTemplate;
import org.sightline.core.ReportTemplates;
import org.sightline.web.internal.dto.Requests;
import org.sightline.web.internal.dto.Responses;

/**
 * Report templates, "Generate report", billing reports, staff copies of generated reports and scheduled reports.
 * Translation only: the core checks scope and permission, validates, audits and records report activity
 * ({@link ReportTemplates}, {@link ReportDeliveries}, {@link ReportSchedules}).
 */
@Path("v1")
public final class ReportDeliveryResource {
    private final ReportTemplates templates;
    private final ReportDeliveries deliveries;
    private final ReportSchedules schedules;

    ReportDeliveryResource(ReportTemplates templates, ReportDeliveries deliveries, ReportSchedules schedules) {
        this.templates = templates;
        this.deliveries = deliveries;
        this.schedules = schedules;
    }

    /** The partner's report templates. */
    @GET
    @Path("report-templates")
    public Responses.Items<Responses.ReportTemplate> templates(@Context ContainerRequestContext req) {
        return new Responses.Items<>(templates.list(Access.viewer(req)).stream().map(ReportDeliveryResource::template).toList());
    }

    /** Creates a template (partner admins); {@code 201} with its {@code Location}. */
    @POST
    @Path("report-templates")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response createTemplate(@Context ContainerRequestContext req, @Context UriInfo uri, Requests.ReportTemplate body) {
        ReportTemplate t = templates.create(Access.viewer(req), fields(Params.body(body)));
        return Response.created(uri.getBaseUriBuilder().path("v1/report-templates/{id}").build(t.id())).entity(template(t)).build();
    }

    /** One template. */
    @GET
    @Path("report-templates/{id}")
    public Responses.ReportTemplate template(@Context ContainerRequestContext req, @PathParam("id") String id) {
        return template(templates.get(Access.viewer(req), Params.id("id", id)));
    }

    /** Replaces a template's fields (partner admins). */
    @PUT
    @Path("report-templates/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Responses.ReportTemplate updateTemplate(@Context ContainerRequestContext req, @PathParam("id") String id,
                                                   Requests.ReportTemplate body) {
        return template(templates.update(Access.viewer(req), Params.id("id", id), fields(Params.body(body))));
    }

    /** Deletes a template (partner admins); {@code 409} while a schedule runs it. */
    @DELETE
    @Path("report-templates/{id}")
    public Response deleteTemplate(@Context ContainerRequestContext req, @PathParam("id") String id) {
        templates.delete(Access.viewer(req), Params.id("id", id));
        return Response.noContent().build();
    }

    /** The templates "Generate report" offers on the customer. */
    @GET
    @Path("customers/{id}/report-templates")
    public Responses.Items<Responses.ReportTemplate> offered(@Context ContainerRequestContext req, @PathParam("id") String id) {
        return new Responses.Items<>(templates.forCustomer(Access.viewer(req), Params.id("id", id)).stream()
                .map(ReportDeliveryResource::template).toList());
    }

    /** Who "Generate report" offers as recipients on the customer. */
    @GET
    @Path("customers/{id}/report-recipients")
    public Responses.ReportRecipients recipients(@Context ContainerRequestContext req, @PathParam("id") String id) {
        ReportDeliveries.Choices c = deliveries.recipients(Access.viewer(req), Params.id("id", id));
        return new Responses.ReportRecipients(c.staff().stream().map(s -> new Responses.StaffChoice(s.id(), s.displayName()))
                .toList(), c.reportSend(), c.customerRecipients());
    }

    /** Generates a report from a template for the customer and delivers it; {@code 201}. */
    @POST
    @Path("customers/{id}/reports")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response generate(@Context ContainerRequestContext req, @Context UriInfo uri, @PathParam("id") String id,
                             Requests.GenerateReport body) {
        Viewer viewer = Access.viewer(req);
        long customerId = Params.id("id", id);
        Requests.GenerateReport o = Params.body(body);
        if (o.templateId() == null) {
            throw new InvalidParameterException("templateId", "say which template to generate");
        }
        ReportDeliveries.Generated g = deliveries.generate(viewer, customerId, new ReportDeliveries.Order(o.templateId(),
                o.staffIds(), o.addresses()));
        return created(uri, g);
    }

    /** Generates and sends the customer's billing report for a month that is over; {@code 201}. */
    @POST
    @Path("customers/{id}/billing-reports")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response billing(@Context ContainerRequestContext req, @Context UriInfo uri, @PathParam("id") String id,
                            Requests.BillingReport body) {
        Viewer viewer = Access.viewer(req);
        long customerId = Params.id("id", id);
        Requests.BillingReport o = Params.body(body);
        YearMonth month;
        try {
            month = o.month() == null ? null : YearMonth.parse(o.month());
        } catch (DateTimeParseException e) {
            throw new InvalidParameterException("month", "a month such as 2026-11");
        }
        if (month == null) {
            throw new InvalidParameterException("month", "a month such as 2026-11");
        }
        return created(uri, deliveries.sendBilling(viewer, customerId, month));
    }

    /** The reports the caller received as a staff recipient, newest first ({@code limit}, default 50). */
    @GET
    @Path("reports")
    public Responses.Items<Responses.ReceivedReport> received(@Context ContainerRequestContext req, @Context UriInfo uri) {
        Viewer viewer = Access.viewer(req);
        for (String k : uri.getQueryParameters().keySet()) {
            if (!k.equals("limit")) {
                throw new InvalidParameterException(k, "unknown parameter");
            }
        }
        int limit = Params.limit(uri.getQueryParameters().getFirst("limit"), 50, 200);
        return new Responses.Items<>(deliveries.received(viewer, limit).stream().map(r -> new Responses.ReceivedReport(r.reportId(),
                r.customerId(), r.title(), r.generatedAt().toString(),
                uri.getBaseUriBuilder().path("v1/reports/{id}.pdf").build(r.reportId()).getPath())).toList());
    }

    /** A generated report, for a staff recipient or anyone who may read the customer. */
    @GET
    @Path("reports/{id}.pdf")
    public Response pdf(@Context ContainerRequestContext req, @PathParam("id") String id) {
        return ReportResource.pdf(deliveries.staffCopy(Access.viewer(req), Params.id("id", id)));
    }

    /** The partner's scheduled reports (partner admins). */
    @GET
    @Path("report-schedules")
    public Responses.Items<Responses.ReportSchedule> schedules(@Context ContainerRequestContext req) {
        return new Responses.Items<>(schedules.list(Access.viewer(req)).stream().map(ReportDeliveryResource::schedule).toList());
    }

    /** Creates a scheduled report (partner admins); {@code 201}. */
    @POST
    @Path("report-schedules")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response createSchedule(@Context ContainerRequestContext req, Requests.ReportSchedule body) {
        Requests.ReportSchedule o = Params.body(body);
        if (o.templateId() == null) {
            throw new InvalidParameterException("templateId", "say which template to run");
        }
        ReportSchedule s = schedules.create(Access.viewer(req), new ReportSchedule(0, o.templateId(), o.cadence(),
                o.customerIds(), o.staffIds(), o.addresses()));
        return Response.status(201).entity(schedule(s)).build();
    }

    /** Deletes a scheduled report (partner admins). */
    @DELETE
    @Path("report-schedules/{id}")
    public Response deleteSchedule(@Context ContainerRequestContext req, @PathParam("id") String id) {
        schedules.delete(Access.viewer(req), Params.id("id", id));
        return Response.noContent().build();
    }

    private static Response created(UriInfo uri, ReportDeliveries.Generated g) {
        String pdf = uri.getBaseUriBuilder().path("v1/reports/{id}.pdf").build(g.reportId()).getPath();
        return Response.status(201).entity(new Responses.GeneratedReport(g.reportId(), g.customerId(), g.title(), g.fileName(),
                pdf, g.recipients().stream().map(r -> new Responses.ReportRecipient(r.kind(), r.staffId(), r.address(), r.status()))
                .toList())).build();
    }

    private static ReportTemplate fields(Requests.ReportTemplate o) {
        return new ReportTemplate(0, o.name(), o.sections(), o.widgets(), o.range(), o.customerIds(), o.branding());
    }

    private static Responses.ReportTemplate template(ReportTemplate t) {
        return new Responses.ReportTemplate(t.id(), t.name(), t.sections(), t.widgets(), t.range(), t.customerIds(), t.branding());
    }

    private static Responses.ReportSchedule schedule(ReportSchedule s) {
        return new Responses.ReportSchedule(s.id(), s.templateId(), s.cadence(), s.customerIds(), s.staffIds(), s.addresses());
    }
}
