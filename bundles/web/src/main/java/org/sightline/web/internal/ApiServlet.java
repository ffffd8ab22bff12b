package org.sightline.web.internal;

import javax.servlet.Servlet;

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
import org.sightline.core.CustomerDirectory;
import org.sightline.core.DashboardService;
import org.sightline.core.IngestService;
import org.sightline.core.TableExport;
import org.sightline.core.TokenService;
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

    @ObjectClassDefinition(name = "Sightline web", description = "REST API and sign-in")
    public @interface Config {
        @AttributeDefinition(name = "JAAS realm", description = "The Karaf JAAS realm that checks portal users' passwords")
        String auth_realm() default "karaf";
    }

    @Activate
    public ApiServlet(@Reference DashboardService dashboards, @Reference WidgetRegistry registry,
                      @Reference IngestService ingest, @Reference TokenService tokens,
                      @Reference CustomerDirectory customers, @Reference TableExport exports, Config config) {
        super(resources(dashboards, registry, ingest, new Authenticator(config.auth_realm(), tokens, customers), exports));
    }

    private static ResourceConfig resources(DashboardService dashboards, WidgetRegistry registry, IngestService ingest,
                                            Authenticator auth, TableExport exports) {
        ResourceConfig rc = new ResourceConfig();
        rc.setApplicationName("sightline-api");
        rc.property(ServerProperties.WADL_FEATURE_DISABLE, true);
        rc.property(ServerProperties.RESPONSE_SET_STATUS_OVER_SEND_ERROR, true);
        rc.register(JacksonFeature.withoutExceptionMappers());
        rc.register(new AuthFilter(auth));
        rc.register(ProblemMapper.class);
        rc.register(new ApiResource(dashboards, registry, ingest, new JsonFactory()));
        rc.register(new ExportResource(exports));
        return rc;
    }
}
