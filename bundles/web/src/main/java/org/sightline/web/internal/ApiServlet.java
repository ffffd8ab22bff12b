package org.sightline.web.internal;

import java.io.IOException;

import javax.servlet.Servlet;
import javax.servlet.ServletException;
import javax.servlet.ServletRequest;
import javax.servlet.ServletResponse;

import com.fasterxml.jackson.core.JsonFactory;

import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.glassfish.jersey.servlet.ServletContainer;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.sightline.core.AuditLog;
import org.sightline.core.CustomerActions;
import org.sightline.core.CustomerDirectory;
import org.sightline.core.DashboardService;
import org.sightline.core.IngestService;
import org.sightline.core.TableExport;
import org.sightline.core.SignInGuard;
import org.sightline.core.StaffDirectory;
import org.sightline.core.TokenService;
import org.sightline.core.WebSessionStore;
import org.sightline.core.WidgetRegistry;

/**
 * The REST API: Jersey as a plain servlet on the HTTP whiteboard at {@code /api/*}.
 */
@Component(service = Servlet.class, configurationPid = "org.sightline.web", property = {
        "osgi.http.whiteboard.servlet.pattern=/api/*",
        "osgi.http.whiteboard.servlet.name=sightline-api"})
@Designate(ocd = ApiServlet.Config.class)
public class ApiServlet extends ServletContainer {
    private static final long serialVersionUID = 1L;
    /** Request attribute: the client address. */
    static final String ADDRESS = "sightline.address";
    /** Request attribute: whether the request came over https. */
    static final String SECURE = "sightline.secure";

    @ObjectClassDefinition(name = "Sightline web", description = "REST API and sign-in")
    public @interface Config {
        @AttributeDefinition(name = "JAAS realm", description = "The Karaf JAAS realm that checks portal users' passwords "
                + "(sightline: the portal's own users; or an LDAP realm whose users also exist as portal users)")
        String auth_realm() default "sightline";
    }

    /** The portal services the API delegates to, besides dashboards, ingestion and exports. */
    record Portal(TokenService tokens, CustomerDirectory customers, CustomerActions actions, StaffDirectory staff,
                  SignInGuard guard, WebSessionStore sessions, AuditLog audit) {
    }

    @Activate
    public ApiServlet(@Reference DashboardService dashboards, @Reference WidgetRegistry registry,
                      @Reference IngestService ingest, @Reference TokenService tokens,
                      @Reference CustomerDirectory customers, @Reference TableExport exports,
                      @Reference CustomerActions actions, @Reference StaffDirectory staff, @Reference SignInGuard guard,
                      @Reference WebSessionStore sessions, @Reference AuditLog audit, Config config) {
        super(resources(dashboards, registry, ingest, exports,
                new Portal(tokens, customers, actions, staff, guard, sessions, audit), config.auth_realm()));
    }

    /** Passes the client address and transport security to the Jersey filters as request attributes. */
    @Override
    public void service(ServletRequest req, ServletResponse res) throws ServletException, IOException {
        req.setAttribute(ADDRESS, req.getRemoteAddr());
        req.setAttribute(SECURE, req.isSecure());
        super.service(req, res);
    }

    private static ResourceConfig resources(DashboardService dashboards, WidgetRegistry registry, IngestService ingest,
                                            TableExport exports, Portal p, String realm) {
        Authenticator auth = new Authenticator(realm, p.tokens(), p.staff(), p.guard());
        ResourceConfig rc = new ResourceConfig();
        rc.setApplicationName("sightline-api");
        rc.property(ServerProperties.WADL_FEATURE_DISABLE, true);
        // Buffer responses up to 256 KiB so they go out in one write with a Content-Length rather than
        // chunked 8 KiB at a time (a dashboard is a few tens of KB).
        rc.property(ServerProperties.OUTBOUND_CONTENT_LENGTH_BUFFER, 256 * 1024);
        rc.property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true);
        rc.register(JacksonFeature.withoutExceptionMappers());
        rc.register(new AuthFilter(auth, p.sessions()));
        rc.register(ProblemMapper.class);
        rc.register(new ApiResource(dashboards, registry, ingest, new JsonFactory()));
        rc.register(new ExportResource(exports, p.audit()));
        rc.register(new SessionResource(auth, p.sessions(), p.audit()));
        rc.register(new CustomerResource(p.customers(), p.actions()));
        rc.register(new AdminResource(p.audit(), p.tokens(), p.staff()));
        return rc;
    }
}
