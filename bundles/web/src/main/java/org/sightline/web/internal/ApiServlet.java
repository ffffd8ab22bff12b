package org.sightline.web.internal;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;

import javax.servlet.Servlet;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import com.fasterxml.jackson.core.JsonFactory;

import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.glassfish.jersey.servlet.ServletContainer;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.sightline.core.Caches;
import org.sightline.core.AuditLog;
import org.sightline.core.CustomerActions;
import org.sightline.core.CustomerDirectory;
import org.sightline.core.DashboardService;
import org.sightline.core.IngestService;
import org.sightline.core.Readiness;
import org.sightline.core.MailQueue;
import org.sightline.core.PdfReports;
import org.sightline.core.ProductCatalogue;
import org.sightline.core.ProductLifecycle;
import org.sightline.core.TableExport;
import org.sightline.core.SignInGuard;
import org.sightline.core.PartnerLogos;
import org.sightline.core.StaffAdmin;
import org.sightline.core.StaffDirectory;
import org.sightline.core.TokenService;
import org.sightline.core.WebSessionStore;
import org.sightline.core.WidgetRegistry;
import org.sightline.core.ReportDeliveries;
import org.sightline.core.ReportSchedules;
import org.sightline.core.ReportTemplates;

/**
 * The REST API at {@code /api/*} on the HTTP whiteboard: a front door that authenticates every request
 * and serves the dashboard, then Jersey for the rest.
 */
@Component(service = Servlet.class, configurationPid = "org.sightline.web", property = {
        "osgi.http.whiteboard.servlet.pattern=/api/*",
        "osgi.http.whiteboard.servlet.name=sightline-api"})
@Designate(ocd = ApiServlet.Config.class)
public class ApiServlet extends ServletContainer {
    private static final long serialVersionUID = 1L;
    private final Proxies proxies;
    private final Authenticator auth;
    private final Gate gate;
    private final DashboardEndpoint dashboard;
    private final AtomicReference<ProductLifecycle> lifecycle;

    @ObjectClassDefinition(name = "Sightline web", description = "REST API and sign-in")
    public @interface Config {
        @AttributeDefinition(name = "JAAS realm", description = "The Karaf JAAS realm that checks portal users' passwords "
                + "(sightline: the portal's own users; sightline-ldap: the directory of etc/org.sightline.ldap.cfg, "
                + "whose users also exist as portal users; or any other realm)")
        String auth_realm() default "sightline";

        @AttributeDefinition(name = "Trusted proxies", description = "Comma-separated addresses and CIDR ranges of "
                + "reverse proxies in front of Sightline (such as 127.0.0.1, 10.0.0.0/8). Behind them the client's "
                + "address comes from X-Forwarded-For and https from X-Forwarded-Proto; from any other peer those "
                + "headers are ignored. Empty: none.")
        String trusted_proxies() default "";
    }

    /** The portal services the API delegates to, besides dashboards, ingestion and exports. */
    record Portal(TokenService tokens, CustomerDirectory customers, CustomerActions actions, StaffDirectory staff,
                  StaffAdmin staffAdmin, SignInGuard guard, WebSessionStore sessions, AuditLog audit, Readiness readiness,
                  ProductCatalogue catalogue, Caches caches, PdfReports reports, ReportTemplates templates,
                  ReportDeliveries deliveries, ReportSchedules schedules, MailQueue mail,
                  AtomicReference<ProductLifecycle> lifecycle, PartnerLogos partnerLogos) {
    }

    @Activate
    public ApiServlet(@Reference DashboardService dashboards, @Reference WidgetRegistry registry,
                      @Reference IngestService ingest, @Reference TokenService tokens,
                      @Reference CustomerDirectory customers, @Reference TableExport exports,
                      @Reference CustomerActions actions, @Reference StaffDirectory staff, @Reference StaffAdmin staffAdmin,
                      @Reference SignInGuard guard, @Reference WebSessionStore sessions, @Reference AuditLog audit,
                      @Reference Readiness readiness, @Reference ProductCatalogue catalogue,
                      @Reference Caches caches, @Reference PdfReports reports, @Reference ReportTemplates templates,
                      @Reference ReportDeliveries deliveries, @Reference ReportSchedules schedules, @Reference MailQueue mail,
                      @Reference PartnerLogos partnerLogos, Config config) {
        this(new Authenticator(config.auth_realm(), tokens, staff, guard, caches), new Proxies(config.trusted_proxies()),
                dashboards, registry, ingest, exports,
                new Portal(tokens, customers, actions, staff, staffAdmin, guard, sessions, audit, readiness, catalogue, caches, reports,
                        templates, deliveries, schedules, mail, new AtomicReference<>(), partnerLogos));
    }

    private ApiServlet(Authenticator auth, Proxies proxies, DashboardService dashboards, WidgetRegistry registry,
                       IngestService ingest, TableExport exports, Portal p) {
        super(resources(auth, dashboards, registry, ingest, exports, p));
        this.proxies = proxies;
        this.gate = new Gate(auth, p.sessions());
        this.dashboard = new DashboardEndpoint(dashboards, new JsonFactory());
        this.auth = auth;
        this.lifecycle = p.lifecycle();
    }

    /**
     * Product modules' lifecycle (feature {@code sightline-lifecycle}) is optional: without it the
     * {@code /admin/products} routes answer 503, and the API does not restart when it comes or goes.
     */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindLifecycle(ProductLifecycle service) {
        lifecycle.set(service);
    }

    void unbindLifecycle(ProductLifecycle service) {
        lifecycle.compareAndSet(service, null);
    }

    @Deactivate
    void deactivate() throws Exception {
        auth.close();
    }

    /**
     * The front door: decides who calls ({@link Gate}) and answers refusals itself; serves the dashboard
     * ({@link DashboardEndpoint}); hands everything else to Jersey with the caller as request attributes.
     */
    @Override
    public void service(ServletRequest request, ServletResponse response) throws ServletException, IOException {
        if (!(request instanceof HttpServletRequest req) || !(response instanceof HttpServletResponse res)) {
            throw new ServletException("HTTP only");
        }
        req.setAttribute(Gate.ADDRESS, proxies.client(req));
        req.setAttribute(Gate.SECURE, proxies.secure(req));
        String path = req.getPathInfo() == null ? "/" : req.getPathInfo();
        ApiHeaders.apply(path, res);
        Gate.Decision d;
        try {
            d = gate.decide(req, path);
        } catch (RuntimeException e) {
            Problems.write(res, Problems.of(e, req.getRequestURI()));
            return;
        }
        if (d.problem() != null) {
            Problems.write(res, d.problem());
            return;
        }
        if (d.viewer() != null) {
            req.setAttribute(Gate.VIEWER, d.viewer());
            String customer = DashboardEndpoint.match(req.getMethod(), path);
            if (customer != null) {
                dashboard.serve(req, res, d.viewer(), customer);
                return;
            }
        }
        if (d.session() != null) {
            req.setAttribute(Gate.SESSION, d.session());
        }
        super.service(req, res);
    }

    static ResourceConfig resources(Authenticator auth, DashboardService dashboards, WidgetRegistry registry,
                                            IngestService ingest, TableExport exports, Portal p) {
        ResourceConfig rc = new ResourceConfig();
        rc.setApplicationName("sightline-api");
        rc.property(ServerProperties.WADL_FEATURE_DISABLE, true);
        // Buffer responses up to 256 KiB so they go out in one write with a Content-Length rather than
        // chunked 8 KiB at a time (a dashboard is a few tens of KB).
        rc.property(ServerProperties.OUTBOUND_CONTENT_LENGTH_BUFFER, 256 * 1024);
        rc.property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true);
        rc.register(JacksonFeature.withoutExceptionMappers());
        rc.register(new JsonBodies());
        rc.register(new AuthFilter());
        rc.register(ProblemMapper.class);
        rc.register(new HealthResource(p.readiness()));
        rc.register(new OpenApiResource());
        rc.register(new ApiResource(dashboards, registry, p.catalogue(), ingest, new JsonFactory(), p.caches()));
        rc.register(new ExportResource(exports));
        rc.register(new ReportResource.Dashboard(p.reports()));
        rc.register(new ReportResource.Widget(p.reports()));
        rc.register(new ReportDeliveryResource(p.templates(), p.deliveries(), p.schedules()));
        rc.register(new SessionResource(auth, p.sessions()));
        rc.register(new CustomerResource(p.customers(), p.actions(), p.catalogue()));
        rc.register(new AdminResource(p.audit(), p.tokens(), p.staffAdmin(), p.partnerLogos()));
        rc.register(new MailResource(p.mail()));
        rc.register(new ProductModuleResource(p.lifecycle()::get));
        return rc;
    }
}
