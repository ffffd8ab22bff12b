package org.sightline.web.internal;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import javax.ws.rs.Consumes;
import javax.ws.rs.DELETE;
import javax.ws.rs.GET;
import javax.ws.rs.PATCH;
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
import javax.ws.rs.core.UriInfo;

import org.sightline.api.Viewer;
import org.sightline.core.CustomerActions;
import org.sightline.core.CustomerDetails;
import org.sightline.core.CustomerDirectory;
import org.sightline.core.CustomerPage;
import org.sightline.core.CustomerQuery;
import org.sightline.core.CustomerSummary;
import org.sightline.core.CustomerUpdate;
import org.sightline.core.InvalidParameterException;
import org.sightline.core.Logo;
import org.sightline.core.PayloadTooLargeException;
import org.sightline.core.ProductCatalogue;
import org.sightline.core.Subscription;
import org.sightline.core.SubscriptionChange;
import org.sightline.web.internal.dto.Requests;
import org.sightline.web.internal.dto.Responses;

/**
 * The customer list, a customer's information, subscriptions and actions. The core checks every customer
 * id against the caller's scope (another partner's or an unassigned customer is 404) and the caller's
 * permission ({@code customer.read}; {@code customer.act} for actions, 403 for viewers and view-only
 * partners), and audits every action; this class only translates.
 */
@Path("v1")
@Produces(MediaType.APPLICATION_JSON)
public final class CustomerResource {
    private static final int LOGO_LIMIT = 256 * 1024;
    private final CustomerDirectory customers;
    private final CustomerActions actions;
    private final ProductCatalogue catalogue;

    CustomerResource(CustomerDirectory customers, CustomerActions actions, ProductCatalogue catalogue) {
        this.customers = customers;
        this.actions = actions;
        this.catalogue = catalogue;
    }

    /** The customer list: search, filters, sort, cursor paging; pinned customers first. */
    @GET
    @Path("customers")
    public Responses.CustomerPage list(@Context ContainerRequestContext req, @Context UriInfo uri) {
        Viewer viewer = Access.viewer(req);
        MultivaluedMap<String, String> p = uri.getQueryParameters();
        for (String k : p.keySet()) {
            if (!List.of("q", "product", "status", "group", "pinned", "sort", "cursor", "limit").contains(k)) {
                throw new InvalidParameterException(k, "unknown parameter");
            }
        }
        String q = p.getFirst("q");
        if (q != null && q.length() > 100) {
            throw new InvalidParameterException("q", "a search is at most 100 characters");
        }
        String pinned = p.getFirst("pinned");
        if (pinned != null && !pinned.equals("true") && !pinned.equals("false")) {
            throw new InvalidParameterException("pinned", "pinned must be true or false");
        }
        String group = p.getFirst("group");
        String cursor = p.getFirst("cursor");
        CustomerQuery query = new CustomerQuery(Params.blank(q), Params.blank(p.getFirst("product")),
                Params.blank(p.getFirst("status")), Params.blank(group) == null ? null : Params.id("group", group),
                "true".equals(pinned), Params.blank(p.getFirst("sort")), Params.blank(cursor),
                Params.limit(p.getFirst("limit"), 50, 500));
        CustomerPage page = customers.list(viewer, query);
        return new Responses.CustomerPage(page.items().stream().map(CustomerResource::summary).toList(), page.nextCursor(),
                page.total());
    }

    /** Everything about one customer. */
    @GET
    @Path("customers/{id}")
    public Responses.CustomerDetails details(@Context ContainerRequestContext req, @PathParam("id") String id) {
        Viewer viewer = Access.viewer(req);
        return details(customers.details(viewer, Params.id("id", id)));
    }

    /**
     * Creates a customer of the caller's partner (partner admins): {@code {"name", "accountId", "currency",
     * "environmentUrl", "accessEnabled", "billingSend", "billingRecipients", "billingProfile"}}, the same rules
     * as an edit; {@code 201} with its {@code Location} and details.
     */
    @POST
    @Path("customers")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(@Context ContainerRequestContext req, @Context UriInfo uri, Requests.CustomerCreate body) {
        Viewer viewer = Access.viewer(req);
        Requests.CustomerCreate o = Params.body(body);
        CustomerUpdate u = new CustomerUpdate(o.name(), o.currency(), o.environmentUrl(), o.accessEnabled(), o.billingSend(),
                o.billingRecipients(), o.billingProfile(), o.reportSend(), o.reportRecipients());
        CustomerDetails created = actions.create(viewer, o.accountId(), u);
        return Response.created(uri.getBaseUriBuilder().path("v1/customers/{id}").build(created.summary().id()))
                .entity(details(created)).build();
    }

    /** Edits the customer's information. */
    @PATCH
    @Path("customers/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Responses.CustomerDetails update(@Context ContainerRequestContext req, @PathParam("id") String id,
                                            Requests.CustomerEdit body) {
        Viewer viewer = Access.viewer(req);
        long cid = Params.id("id", id);
        Requests.CustomerEdit o = Params.body(body);
        CustomerUpdate u = new CustomerUpdate(o.name(), o.currency(), o.environmentUrl(), o.accessEnabled(), o.billingSend(),
                o.billingRecipients(), o.billingProfile(), o.reportSend(), o.reportRecipients());
        return details(actions.update(viewer, cid, u));
    }

    /** Replaces the logo (PNG, JPEG or WebP, at most 256 KiB; the bytes are checked, not the header). */
    @PUT
    @Path("customers/{id}/logo")
    @Consumes({"image/png", "image/jpeg", "image/webp"})
    public Responses.Logo putLogo(@Context ContainerRequestContext req, @PathParam("id") String id, InputStream body)
            throws IOException {
        Viewer viewer = Access.viewer(req);
        long cid = Params.id("id", id);
        byte[] bytes = body.readNBytes(LOGO_LIMIT + 1);
        if (bytes.length > LOGO_LIMIT) {
            throw new PayloadTooLargeException("a logo is at most 256 KiB");
        }
        String type = actions.setLogo(viewer, cid, bytes);
        Logo logo = customers.logo(viewer, cid);
        return new Responses.Logo(type, logoUrl(cid, logo.version()));
    }

    /** The logo, with its checked type and {@code nosniff}. */
    @GET
    @Path("customers/{id}/logo")
    @Produces({"image/png", "image/jpeg", "image/webp", MediaType.APPLICATION_JSON})
    public Response logo(@Context ContainerRequestContext req, @PathParam("id") String id) {
        Viewer viewer = Access.viewer(req);
        Logo logo = customers.logo(viewer, Params.id("id", id));
        return LogoResponses.of(logo);
    }

    /** Pins the customer for the caller. */
    @PUT
    @Path("customers/{id}/pin")
    public Response pin(@Context ContainerRequestContext req, @PathParam("id") String id) {
        actions.pin(Access.viewer(req), Params.id("id", id), true);
        return Response.noContent().build();
    }

    /** Unpins the customer. */
    @DELETE
    @Path("customers/{id}/pin")
    public Response unpin(@Context ContainerRequestContext req, @PathParam("id") String id) {
        actions.pin(Access.viewer(req), Params.id("id", id), false);
        return Response.noContent().build();
    }

    /** Hides or shows expired services: {@code {"hide": true|false}}. */
    @PUT
    @Path("customers/{id}/hide-expired")
    @Consumes(MediaType.APPLICATION_JSON)
    public Responses.HideExpired hideExpired(@Context ContainerRequestContext req, @PathParam("id") String id,
                                             Requests.HideExpired body) {
        Viewer viewer = Access.viewer(req);
        long cid = Params.id("id", id);
        Boolean hide = Params.body(body).hide();
        if (hide == null) {
            throw new InvalidParameterException("hide", "hide is required: true or false");
        }
        actions.hideExpired(viewer, cid, hide);
        return new Responses.HideExpired(hide);
    }

    /** The subscriptions shown, optionally of one status. */
    @GET
    @Path("customers/{id}/subscriptions")
    public Responses.Items<Responses.Subscription> subscriptions(@Context ContainerRequestContext req, @Context UriInfo uri,
                                                                 @PathParam("id") String id) {
        Viewer viewer = Access.viewer(req);
        String status = Params.blank(uri.getQueryParameters().getFirst("status"));
        return new Responses.Items<>(customers.subscriptions(viewer, Params.id("id", id), status).stream()
                .map(this::subscription).toList());
    }

    /** Adds services: {@code {"services": [...]}}, a list, or one service object. */
    @POST
    @Path("customers/{id}/subscriptions")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response addSubscriptions(@Context ContainerRequestContext req, @PathParam("id") String id,
                                     Requests.SubscriptionsAdd body) {
        Viewer viewer = Access.viewer(req);
        long cid = Params.id("id", id);
        if (body == null) {
            throw new InvalidParameterException("body", "give the services to add");
        }
        if (body.services() != null && body.service() != null) {
            throw new InvalidParameterException("services", "give either services or one service's fields, not both");
        }
        List<SubscriptionChange> changes = new ArrayList<>();
        if (body.services() == null) {
            changes.add(change(body.service()));
        } else {
            for (Requests.SubscriptionAdd s : body.services()) {
                changes.add(change(s));
            }
        }
        List<Subscription> added = actions.addSubscriptions(viewer, cid, changes);
        return Response.status(201).entity(new Responses.Items<>(added.stream().map(this::subscription).toList())).build();
    }

    /** Edits a subscription. */
    @PATCH
    @Path("customers/{id}/subscriptions/{productId}")
    @Consumes(MediaType.APPLICATION_JSON)
    public Responses.Subscription editSubscription(@Context ContainerRequestContext req, @PathParam("id") String id,
                                                   @PathParam("productId") String productId, Requests.SubscriptionEdit body) {
        Viewer viewer = Access.viewer(req);
        long cid = Params.id("id", id);
        Requests.SubscriptionEdit o = Params.body(body);
        SubscriptionChange change = new SubscriptionChange(null, o.status(), date("startsOn", o.startsOn()),
                date("endsOn", o.endsOn()), o.quantity(), o.quota());
        return subscription(actions.editSubscription(viewer, cid, productId, change));
    }

    /** Disconnects the customer: {@code {"confirm": "Yes"}}. All of its portal data is deleted, or none. */
    @POST
    @Path("customers/{id}/disconnect")
    @Consumes(MediaType.APPLICATION_JSON)
    public Responses.Disconnected disconnect(@Context ContainerRequestContext req, @PathParam("id") String id,
                                             Requests.Confirm body) {
        Viewer viewer = Access.viewer(req);
        long cid = Params.id("id", id);
        List<String> modules = actions.disconnect(viewer, cid, Params.body(body).confirm());
        return new Responses.Disconnected(true, modules);
    }

    /** The customer's environment URL, while access to the tenant is enabled (409 otherwise). */
    @GET
    @Path("customers/{id}/environment")
    public Responses.Environment environment(@Context ContainerRequestContext req, @PathParam("id") String id) {
        return new Responses.Environment(actions.openEnvironment(Access.viewer(req), Params.id("id", id)));
    }

    /** The groups the caller sees. */
    @GET
    @Path("groups")
    public Responses.Items<Responses.Group> groups(@Context ContainerRequestContext req) {
        Viewer viewer = Access.viewer(req);
        return new Responses.Items<>(customers.groups(viewer).stream().map(g -> new Responses.Group(g.id(), g.name())).toList());
    }

    /** One service to add (a {@code null} in the list is not one). */
    private static SubscriptionChange change(Requests.SubscriptionAdd o) {
        if (o == null) {
            throw new InvalidParameterException("body", "the request body must be a JSON object");
        }
        return new SubscriptionChange(o.productId(), o.status(), date("startsOn", o.startsOn()),
                date("endsOn", o.endsOn()), o.quantity(), o.quota());
    }

    static Responses.CustomerSummary summary(CustomerSummary c) {
        return new Responses.CustomerSummary(c.id(), c.accountId(), c.name(), logoUrl(c), c.currency(), plain(c.credits()),
                c.products(), staff(c), groups(c), c.pinned(), c.accessEnabled());
    }

    private Responses.CustomerDetails details(CustomerDetails d) {
        CustomerSummary c = d.summary();
        return new Responses.CustomerDetails(c.id(), c.accountId(), c.name(), logoUrl(c), c.currency(), plain(c.credits()),
                c.products(), staff(c), groups(c), c.pinned(), c.accessEnabled(), d.environmentUrl(), d.hideExpired(),
                new Responses.Billing(d.billingSend(), d.billingRecipients(), d.billingProfile()),
                d.subscriptions().stream().map(this::subscription).toList(),
                new Responses.Reports(d.reportSend(), d.reportRecipients()));
    }

    private static List<Responses.StaffRef> staff(CustomerSummary c) {
        return c.staff().stream().map(s -> new Responses.StaffRef(s.username(), s.displayName())).toList();
    }

    private static List<Responses.Group> groups(CustomerSummary c) {
        return c.groups().stream().map(g -> new Responses.Group(g.id(), g.name())).toList();
    }

    private static String logoUrl(CustomerSummary c) {
        return c.logoVersion() == 0 ? null : logoUrl(c.id(), c.logoVersion());
    }

    /** A subscription, with the product's name as the catalogue knows it (also when its bundle is not deployed). */
    Responses.Subscription subscription(Subscription s) {
        return new Responses.Subscription(s.productId(), catalogue.displayName(s.productId()), s.status(),
                s.startsOn() == null ? null : s.startsOn().toString(), s.endsOn() == null ? null : s.endsOn().toString(),
                s.quantity(), s.quota());
    }

    private static LocalDate date(String field, String value) {
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeException e) {
            throw new InvalidParameterException(field, field + " must be a date such as 2026-11-21");
        }
    }

    private static String logoUrl(long id, int version) {
        return "/api/v1/customers/" + id + "/logo?v=" + version;
    }

    private static BigDecimal plain(BigDecimal b) {
        return b == null ? null : b.stripTrailingZeros().scale() < 0 ? b.setScale(0) : b.stripTrailingZeros();
    }

}
