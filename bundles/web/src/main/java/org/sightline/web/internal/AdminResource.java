package org.sightline.web.internal;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.POST;
import javax.ws.rs.PUT;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.container.ContainerRequestContext;
import javax.ws.rs.core.Context;
import javax.ws.rs.core.MediaType;
import javax.ws.rs.core.MultivaluedMap;
import javax.ws.rs.core.Response;
import javax.ws.rs.core.StreamingOutput;
import javax.ws.rs.core.UriInfo;

import org.sightline.api.Viewer;
import org.sightline.core.AuditEntry;
import org.sightline.core.AuditLog;
import org.sightline.core.AuditPage;
import org.sightline.core.AuditQuery;
import org.sightline.core.InvalidParameterException;
import org.sightline.core.Logo;
import org.sightline.core.PartnerLogos;
import org.sightline.core.PayloadTooLargeException;
import org.sightline.core.StaffAdmin;
import org.sightline.core.StaffDirectory;
import org.sightline.core.StaffUser;
import org.sightline.core.TokenService;
import org.sightline.web.internal.dto.Requests;
import org.sightline.web.internal.dto.Responses;

/**
 * Partner administration: the audit log (JSON pages or CSV), API tokens and staff users (create, disable,
 * enable, assignments). Admins only
 * (permissions {@code audit.read} and {@code partner.admin}); everything is scoped to the admin's partner.
 */
@Path("v1")
@Produces(MediaType.APPLICATION_JSON)
public final class AdminResource {
    private static final int CSV_MAX = 100_000;
    private final AuditLog audit;
    private final TokenService tokens;
    private final StaffAdmin staffAdmin;
    private final PartnerLogos partnerLogos;

    AdminResource(AuditLog audit, TokenService tokens, StaffAdmin staffAdmin, PartnerLogos partnerLogos) {
        this.partnerLogos = partnerLogos;
        this.audit = audit;
        this.tokens = tokens;
        this.staffAdmin = staffAdmin;
    }

    /** The audit log, newest first: {@code from}, {@code to}, {@code user}, {@code customer}, {@code action}, paging; {@code format=csv}. */
    @GET
    @Path("audit")
    @Produces({MediaType.APPLICATION_JSON, "text/csv"})
    public Response audit(@Context ContainerRequestContext req, @Context UriInfo uri) {
        Viewer viewer = Access.viewer(req);
        MultivaluedMap<String, String> p = uri.getQueryParameters();
        for (String k : p.keySet()) {
            if (!List.of("from", "to", "user", "customer", "action", "cursor", "limit", "format").contains(k)) {
                throw new InvalidParameterException(k, "unknown parameter");
            }
        }
        String customer = p.getFirst("customer");
        String format = p.getFirst("format");
        if (format != null && !format.equals("csv") && !format.equals("json")) {
            throw new InvalidParameterException("format", "format is json or csv");
        }
        AuditQuery q = new AuditQuery(time("from", p.getFirst("from")), time("to", p.getFirst("to")),
                Params.blank(p.getFirst("user")),
                customer == null || customer.isBlank() ? null : Params.id("customer", customer),
                Params.blank(p.getFirst("action")), Params.blank(p.getFirst("cursor")),
                Params.limit(p.getFirst("limit"), 50, 1000));
        if ("csv".equals(format)) {
            AuditLog.Export export = audit.export(viewer, q, CSV_MAX, "csv");
            StreamingOutput out = os -> {
                Writer w = new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8));
                w.write("at,user,action,customerId,customer,outcome,detail,address\r\n");
                export.forEach(e -> {
                    try {
                        w.write(String.join(",", csv(e.at().toString()), csv(e.actor()), csv(e.action()),
                                csv(e.customerId() == null ? "" : e.customerId().toString()), csv(e.customer()), csv(e.outcome()),
                                csv(e.detail()), csv(e.address())));
                        w.write("\r\n");
                    } catch (java.io.IOException ex) {
                        throw new java.io.UncheckedIOException(ex);
                    }
                });
                w.flush();
            };
            return Response.ok(out, "text/csv; charset=utf-8")
                    .header("Content-Disposition", "attachment; filename=\"sightline-audit.csv\"")
                    .header("X-Content-Type-Options", "nosniff").build();
        }
        AuditPage page = audit.query(viewer, q);
        return Response.ok(new Responses.AuditPage(page.items().stream().map(AdminResource::entry).toList(), page.nextCursor()),
                MediaType.APPLICATION_JSON).build();
    }

    /**
     * Replaces the partner's logo, drawn on the cover of its reports (PNG, JPEG or WebP, at most 256 KiB; the
     * bytes are checked, not the header). Partner admins only.
     */
    @PUT
    @Path("admin/partner/logo")
    @Consumes({"image/png", "image/jpeg", "image/webp"})
    public Responses.Logo putPartnerLogo(@Context ContainerRequestContext req, InputStream body) throws IOException {
        Viewer viewer = Access.viewer(req);
        byte[] bytes = body.readNBytes(PartnerLogos.MAX_BYTES + 1);
        if (bytes.length > PartnerLogos.MAX_BYTES) {
            throw new PayloadTooLargeException("a logo is at most 256 KiB");
        }
        String type = partnerLogos.setLogo(viewer, bytes);
        return new Responses.Logo(type, "/api/v1/admin/partner/logo?v=" + partnerLogos.logo(viewer).version());
    }

    /** Removes the partner's logo; the cover then shows the partner's name alone. */
    @DELETE
    @Path("admin/partner/logo")
    public Response deletePartnerLogo(@Context ContainerRequestContext req) {
        partnerLogos.removeLogo(Access.viewer(req));
        return Response.noContent().build();
    }

    /** The partner's logo, with its checked type and {@code nosniff}; 404 when there is none. */
    @GET
    @Path("admin/partner/logo")
    @Produces({"image/png", "image/jpeg", "image/webp", MediaType.APPLICATION_JSON})
    public Response partnerLogo(@Context ContainerRequestContext req) {
        Logo logo = partnerLogos.logo(Access.viewer(req));
        return LogoResponses.of(logo);
    }

    /** The partner's API tokens (never their secrets). */
    @GET
    @Path("admin/tokens")
    public Responses.Items<Responses.Token> tokens(@Context ContainerRequestContext req) {
        return new Responses.Items<>(tokens.list(Access.viewer(req)).stream().map(t -> new Responses.Token(t.id(), t.name(),
                t.scope(), t.createdAt() == null ? null : t.createdAt().toString(),
                t.lastUsedAt() == null ? null : t.lastUsedAt().toString())).toList());
    }

    /** Creates a token: {@code {"name", "scope": "ingest"|"read"}}; the secret is in this reply only. */
    @POST
    @Path("admin/tokens")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response createToken(@Context ContainerRequestContext req, Requests.TokenCreate body) {
        Viewer viewer = Access.viewer(req);
        Requests.TokenCreate o = Params.body(body);
        TokenService.NewToken t = tokens.create(viewer, o.name(), o.scope());
        return Response.status(201).entity(new Responses.TokenCreated(t.name(), t.scope(), t.secret())).build();
    }

    /** Revokes a token. */
    @DELETE
    @Path("admin/tokens/{id}")
    public Response revokeToken(@Context ContainerRequestContext req, @PathParam("id") String id) {
        Viewer viewer = Access.viewer(req);
        tokens.revoke(viewer, Params.id("id", id));
        return Response.noContent().build();
    }

    /** The partner's staff. */
    @GET
    @Path("admin/users")
    public Responses.Items<Responses.StaffUser> users(@Context ContainerRequestContext req) {
        return new Responses.Items<>(staffAdmin.list(Access.viewer(req)).stream().map(AdminResource::user).toList());
    }

    /**
     * Creates a staff user: {@code {"username", "displayName", "role", "password"}}; {@code 409} "That username
     * cannot be used." for a taken name, whichever partner holds it.
     */
    @POST
    @Path("admin/users")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response createUser(@Context ContainerRequestContext req, Requests.StaffUserCreate body) {
        Viewer viewer = Access.viewer(req);
        Requests.StaffUserCreate o = Params.body(body);
        String password = o.password();
        StaffUser u = staffAdmin.create(viewer, o.username(), o.displayName(), o.role(),
                password == null ? null : password.toCharArray());
        return Response.status(201).entity(user(u)).build();
    }

    /** Disables a staff user of the partner: their sessions end, their API tokens are revoked, at once. */
    @POST
    @Path("admin/users/{username}/disable")
    public Responses.StaffUser disableUser(@Context ContainerRequestContext req, @PathParam("username") String username) {
        return user(staffAdmin.setEnabled(Access.viewer(req), username, false));
    }

    /** Enables a disabled staff user of the partner again. */
    @POST
    @Path("admin/users/{username}/enable")
    public Responses.StaffUser enableUser(@Context ContainerRequestContext req, @PathParam("username") String username) {
        return user(staffAdmin.setEnabled(Access.viewer(req), username, true));
    }

    /** The user's assignments: {@code {"customers": [ids], "groups": [ids]}}. */
    @GET
    @Path("admin/users/{username}/assignments")
    public Responses.Assignments assignments(@Context ContainerRequestContext req, @PathParam("username") String username) {
        StaffDirectory.Assignments a = staffAdmin.assignments(Access.viewer(req), username);
        return new Responses.Assignments(a.customers(), a.groups());
    }

    /** Assigns the user to a customer (204; idempotent). */
    @PUT
    @Path("admin/users/{username}/customers/{customerId}")
    public Response assignCustomer(@Context ContainerRequestContext req, @PathParam("username") String username,
                                   @PathParam("customerId") String customerId) {
        return assignment(req, username, StaffAdmin.Target.CUSTOMER, customerId, true);
    }

    /** Ends the user's direct assignment to a customer (204; 404 when there was none). */
    @DELETE
    @Path("admin/users/{username}/customers/{customerId}")
    public Response unassignCustomer(@Context ContainerRequestContext req, @PathParam("username") String username,
                                     @PathParam("customerId") String customerId) {
        return assignment(req, username, StaffAdmin.Target.CUSTOMER, customerId, false);
    }

    /** Assigns the user to a customer group, a "pod" (204; idempotent). */
    @PUT
    @Path("admin/users/{username}/groups/{groupId}")
    public Response assignGroup(@Context ContainerRequestContext req, @PathParam("username") String username,
                                @PathParam("groupId") String groupId) {
        return assignment(req, username, StaffAdmin.Target.GROUP, groupId, true);
    }

    /** Ends the user's assignment to a customer group (204; 404 when there was none). */
    @DELETE
    @Path("admin/users/{username}/groups/{groupId}")
    public Response unassignGroup(@Context ContainerRequestContext req, @PathParam("username") String username,
                                  @PathParam("groupId") String groupId) {
        return assignment(req, username, StaffAdmin.Target.GROUP, groupId, false);
    }

    private Response assignment(ContainerRequestContext req, String username, StaffAdmin.Target target, String idText,
                                boolean assign) {
        Viewer viewer = Access.viewer(req);
        long id = Params.id(target == StaffAdmin.Target.CUSTOMER ? "customerId" : "groupId", idText);
        staffAdmin.assign(viewer, username, target, id, assign);
        return Response.noContent().build();
    }

    private static Responses.StaffUser user(StaffUser u) {
        return new Responses.StaffUser(u.username(), u.displayName(), u.role(), u.enabled(), u.localPassword());
    }

    private static Responses.AuditEntry entry(AuditEntry e) {
        return new Responses.AuditEntry(e.id(), e.at().toString(), e.actor(), e.action(), e.customerId(), e.customer(),
                e.outcome(), e.detail(), e.address());
    }

    /** A CSV field: quoted when needed, and a leading {@code = + - @} neutralised (spreadsheet formulas). */
    static String csv(String v) {
        if (v == null) {
            return "";
        }
        String s = v;
        if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) {
            s = "'" + s;
        }
        if (s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")) {
            s = "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }

    private static Instant time(String name, String v) {
        return Params.instant(name, v, ZoneOffset.UTC);
    }
}
