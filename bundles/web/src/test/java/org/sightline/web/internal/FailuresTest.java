package org.sightline.web.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLTransientConnectionException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import com.fasterxml.jackson.core.JsonFactory;

import org.glassfish.jersey.internal.MapPropertiesDelegate;
import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.server.ApplicationHandler;
import org.glassfish.jersey.server.ContainerRequest;
import org.glassfish.jersey.server.ContainerResponse;
import org.glassfish.jersey.server.ResourceConfig;
import org.junit.Before;
import org.junit.Test;
import org.sightline.api.Permissions;
import org.sightline.api.Viewer;
import org.sightline.core.DashboardService;
import org.sightline.core.IngestService;
import org.sightline.core.InvalidParameterException;
import org.sightline.core.ProductLifecycle;
import org.sightline.core.Roles;
import org.sightline.core.TokenService;
import org.sightline.core.WidgetRegistry;
import org.sightline.core.internal.audit.AuditLogImpl;
import org.sightline.core.internal.storage.DatabaseReadiness;

/**
 * What a client sees when things fail: a database that refuses connections is 503 problem+json with
 * Retry-After and a plain sentence (ingestion and readiness included), liveness does not touch the database,
 * and an unexpected failure is a 500 with an incident id and none of the exception's text.
 */
public class FailuresTest {
    private static final String HIKARI = "HikariPool-1 - Connection is not available, request timed out after 5000ms.";
    private static final Viewer ADMIN = new Viewer("anna", 1, Set.of("admin"),
            Set.of(Permissions.CUSTOMER_READ, Permissions.ADMIN, Roles.AUDIT_READ));
    private static final Viewer INGEST = new Viewer("token:sms", 1, Set.of(), Set.of(Permissions.INGEST));

    /** A pool whose database is down: every connection request times out, as HikariCP's does. */
    private final DataSource down = mock(DataSource.class);
    private final DataSource up = mock(DataSource.class);
    private final IngestService ingest = mock(IngestService.class);
    private final WidgetRegistry registry = mock(WidgetRegistry.class);
    private ApplicationHandler downApp;
    private ApplicationHandler upApp;

    @Before
    public void setUp() throws Exception {
        when(down.getConnection()).thenThrow(new SQLTransientConnectionException(HIKARI));
        Connection c = mock(Connection.class);
        when(c.isValid(any(Integer.class))).thenReturn(true);
        when(up.getConnection()).thenReturn(c);
        downApp = app(down);
        upApp = app(up);
    }

    private ApplicationHandler app(DataSource ds) {
        ResourceConfig rc = new ResourceConfig();
        rc.register(JacksonFeature.withoutExceptionMappers());
        rc.register(new AuthFilter());
        rc.register(ProblemMapper.class);
        rc.register(new HealthResource(new DatabaseReadiness(ds)));
        rc.register(new ApiResource(mock(DashboardService.class), registry, mock(org.sightline.core.ProductCatalogue.class), ingest, new JsonFactory(), mock(org.sightline.core.Caches.class)));
        rc.register(new AdminResource(AuditLogImpl.on(ds), mock(TokenService.class), mock(org.sightline.core.StaffAdmin.class),
                mock(org.sightline.core.PartnerLogos.class)));
        return new ApplicationHandler(rc);
    }

    private static ContainerResponse call(ApplicationHandler app, String method, String path, Viewer viewer, String body)
            throws Exception {
        MapPropertiesDelegate properties = new MapPropertiesDelegate();
        if (viewer != null) {
            properties.setProperty(Gate.VIEWER, viewer);
        }
        ContainerRequest req = new ContainerRequest(URI.create("http://localhost/api/"), URI.create("http://localhost/api" + path),
                method, null, properties, null);
        if (body != null) {
            req.getHeaders().putSingle("Content-Type", "application/x-ndjson");
            req.setEntityStream(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
        }
        return app.apply(req).get();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> problem(ContainerResponse r) {
        assertEquals("application/problem+json", r.getMediaType().toString());
        return (Map<String, Object>) r.getEntity();
    }

    private static void assertUnavailable(ContainerResponse r) {
        assertEquals(503, r.getStatus());
        assertEquals("5", r.getHeaderString("Retry-After"));
        Map<String, Object> p = problem(r);
        assertEquals("Service unavailable", p.get("title"));
        assertEquals("The database is unavailable.", p.get("detail"));
        assertFalse(p.toString(), p.toString().contains("Hikari"));
    }

    @Test
    public void aServiceOnADatabaseThatRefusesConnectionsIs503WithRetryAfter() throws Exception {
        assertUnavailable(call(downApp, "GET", "/v1/audit", ADMIN, null));
    }

    @Test
    public void ingestionIs503WhenTheDatabaseIsDownSoSendersRetry() throws Exception {
        // what the core's tenancy threw before it had UnavailableException: driver text in a wrapper
        when(ingest.ingest(any(Viewer.class), anyString(), any())).thenThrow(
                new IllegalStateException("cannot check token: " + HIKARI, new SQLTransientConnectionException(HIKARI)));
        assertUnavailable(call(downApp, "POST", "/v1/ingest/sms", INGEST, "{\"id\":\"1\"}\n"));
    }

    @Test
    public void readinessIs503NamingTheDatabaseWhileLivenessStaysUpWithoutAskingIt() throws Exception {
        ContainerResponse ready = call(downApp, "GET", "/v1/health/ready", null, null);
        assertUnavailable(ready);
        assertEquals(Map.of("database", "down"), problem(ready).get("checks"));

        ContainerResponse live = call(downApp, "GET", "/v1/health", null, null);
        assertEquals(200, live.getStatus());
        assertEquals(new HealthResource.Live("up"), live.getEntity());
    }

    @Test
    public void livenessNeverTouchesTheDatabase() throws Exception {
        DataSource watched = mock(DataSource.class);
        assertEquals(200, call(app(watched), "GET", "/v1/health", null, null).getStatus());
        verify(watched, never()).getConnection();
    }

    @Test
    public void readinessIs200WhenTheDatabaseAnswers() throws Exception {
        ContainerResponse r = call(upApp, "GET", "/v1/health/ready", null, null);
        assertEquals(200, r.getStatus());
        assertEquals(new HealthResource.Ready("ready", Map.of("database", "up")), r.getEntity());
    }

    @Test
    public void anUnexpectedFailureIs500WithAnIncidentIdAndNoneOfItsText() throws Exception {
        when(registry.products(any())).thenThrow(new IllegalStateException(
                "cannot read customer: Table \"CUSTOMER\" not found; SQL statement: SELECT id, name FROM customer [42102-224]"));
        ContainerResponse r = call(upApp, "GET", "/v1/products", ADMIN, null);
        assertEquals(500, r.getStatus());
        Map<String, Object> p = problem(r);
        assertEquals("Internal server error", p.get("title"));
        String incident = (String) p.get("incident");
        assertTrue(incident, incident.matches("[0-9a-f-]{36}"));
        assertEquals("Something went wrong on the server. It was logged as incident " + incident + ".", p.get("detail"));
        assertFalse(p.toString(), p.toString().contains("CUSTOMER") || p.toString().contains("SQL"));
    }

    @Test
    public void productModuleRoutesAre503NamingTheFeatureWhileTheLifecycleIsNotInstalled() throws Exception {
        AtomicReference<ProductLifecycle> lifecycle = new AtomicReference<>();
        ResourceConfig rc = new ResourceConfig();
        rc.register(JacksonFeature.withoutExceptionMappers());
        rc.register(new JsonBodies());
        rc.register(ProblemMapper.class);
        rc.register(new ProductModuleResource(lifecycle::get));
        ApplicationHandler app = new ApplicationHandler(rc);

        ContainerResponse r = callJson(app, "/v1/admin/products/check", "{\"url\":\"file:/tmp/x.jar\"}");
        assertEquals(503, r.getStatus());
        assertEquals("Product module management is not installed (feature sightline-lifecycle).", problem(r).get("detail"));

        ProductLifecycle installed = mock(ProductLifecycle.class);
        when(installed.read(any(Viewer.class), anyString())).thenThrow(new InvalidParameterException("url", "no such file"));
        lifecycle.set(installed); // the feature comes up: the same routes reach it, no restart of the API
        r = callJson(app, "/v1/admin/products/check", "{\"url\":\"file:/tmp/x.jar\"}");
        assertEquals(400, r.getStatus());
        assertEquals("url", problem(r).get("parameter"));
    }

    private static ContainerResponse callJson(ApplicationHandler app, String path, String json) throws Exception {
        MapPropertiesDelegate properties = new MapPropertiesDelegate();
        properties.setProperty(Gate.VIEWER, ADMIN);
        ContainerRequest req = new ContainerRequest(URI.create("http://localhost/api/"), URI.create("http://localhost/api" + path),
                "POST", null, properties, null);
        req.getHeaders().putSingle("Content-Type", "application/json");
        req.setEntityStream(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
        return app.apply(req).get();
    }

    @Test
    public void timesOutsideTheYears1To9999Are400NamingTheParameter() throws Exception {
        ContainerResponse r = call(upApp, "GET", "/v1/audit?from=%2B1000000000-12-31T23:59:59Z", ADMIN, null);
        assertEquals(400, r.getStatus());
        assertEquals("from", problem(r).get("parameter"));
        r = call(upApp, "GET", "/v1/customers/7/widgets/sms.log?from=2026-01-01&to=%2B999999999-12-31T23:59:59Z", ADMIN, null);
        assertEquals(400, r.getStatus());
        assertEquals("to", problem(r).get("parameter"));
    }
}
