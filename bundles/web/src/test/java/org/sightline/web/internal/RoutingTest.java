package org.sightline.web.internal;

import static org.junit.Assert.assertEquals;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.net.URI;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonFactory;

import org.glassfish.jersey.jackson.JacksonFeature;
import org.glassfish.jersey.server.ApplicationHandler;
import org.glassfish.jersey.server.ContainerRequest;
import org.glassfish.jersey.server.ContainerResponse;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.internal.MapPropertiesDelegate;
import org.junit.Test;
import org.sightline.api.Permissions;
import org.sightline.api.Viewer;
import org.sightline.core.CacheStats;
import org.sightline.core.Caches;
import org.sightline.core.DashboardService;
import org.sightline.core.CustomerActions;
import org.sightline.core.CustomerDirectory;
import org.sightline.core.IngestService;
import org.sightline.core.Readiness;
import org.sightline.core.KnownProduct;
import org.sightline.core.ProductCatalogue;
import org.sightline.core.Subscription;
import org.sightline.core.TableExport;
import org.sightline.core.WidgetRegistry;

public class RoutingTest {
    private final ProductCatalogue catalogue = mock(ProductCatalogue.class);
    private final Caches caches = mock(Caches.class);

    private ContainerResponse get(String path) throws Exception {
        TableExport exports = mock(TableExport.class);
        ResourceConfig rc = new ResourceConfig();
        rc.register(JacksonFeature.withoutExceptionMappers());
        rc.register(new AuthFilter());
        rc.register(ProblemMapper.class);
        rc.register(new HealthResource(mock(Readiness.class)));
        rc.register(new ApiResource(mock(DashboardService.class), mock(WidgetRegistry.class), catalogue, mock(IngestService.class),
                new JsonFactory(), caches));
        rc.register(new ExportResource(exports));
        ApplicationHandler app = new ApplicationHandler(rc);
        // The front door (Gate) has put the caller on the request.
        MapPropertiesDelegate properties = new MapPropertiesDelegate();
        properties.setProperty(Gate.VIEWER, new Viewer("u", 1, Set.of("admin"), Set.of(Permissions.CUSTOMER_READ, Permissions.ADMIN)));
        ContainerRequest req = new ContainerRequest(URI.create("http://localhost/api/"), URI.create("http://localhost/api" + path),
                "GET", null, properties, null);
        return app.apply(req).get();
    }

    @Test
    public void exportRoutesToTheExportResource() throws Exception {
        assertEquals(200, get("/v1/customers/2/widgets/itest-demo.leaky/export?format=csv").getStatus());
    }

    @Test
    public void knownProductsIncludeThoseNoLongerDeployed() throws Exception {
        KnownProduct gone = new KnownProduct("google-workspace-backup", "Cloud Backup for Google Workspace", "backup", null, false);
        when(catalogue.products(any())).thenReturn(List.of(gone));
        ContainerResponse r = get("/v1/products/known");
        assertEquals(200, r.getStatus());
        assertEquals(List.of(gone), r.getEntity());
    }

    @Test
    public void aSubscriptionCarriesItsProductsRememberedName() {
        when(catalogue.displayName("google-workspace-backup")).thenReturn("Cloud Backup for Google Workspace");
        CustomerResource customers = new CustomerResource(mock(CustomerDirectory.class), mock(CustomerActions.class), catalogue);
        assertEquals("Cloud Backup for Google Workspace", customers.subscription(
                new Subscription("google-workspace-backup", "active", null, null, null, null)).productName());
    }

    @Test
    public void operatorsSeeEachCachesHitRatio() throws Exception {
        when(caches.caches(any())).thenReturn(List.of(new CacheStats("core.views", 12, 20_000, 3, 1, 5)));
        ContainerResponse r = get("/v1/admin/caches");
        assertEquals(200, r.getStatus());
        assertEquals(List.of(new ApiResource.CacheFigures("core.views", 12, 20_000, 0.75, 3, 1, 5)), r.getEntity());
    }

    @Test
    public void healthIsOpen() throws Exception {
        assertEquals(200, get("/v1/health").getStatus());
    }
}
