package org.sightline.lifecycle.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Set;

import org.junit.Before;
import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.sightline.api.Permissions;
import org.sightline.api.Product;
import org.sightline.api.Viewer;
import org.sightline.core.AuditLog;
import org.sightline.core.ForbiddenException;
import org.sightline.core.InvalidParameterException;
import org.sightline.core.ModuleJar;
import org.sightline.core.NotFoundException;
import org.sightline.core.WidgetRegistry;

/**
 * Which bundle an update replaces: the active bundle whose {@code Product} service has the product's id, as the
 * framework lists it (two modules here: {@code org.acme.backup} provides {@code acme}, {@code org.other} provides
 * {@code other}).
 */
public class ProductLifecycleImplTest {
    private static final Viewer OPERATOR = new Viewer("shell:karaf", 0, Set.of("admin"), Set.of(Permissions.ADMIN));

    private final BundleContext context = mock(BundleContext.class);
    private final AuditLog audit = mock(AuditLog.class);
    private final Bundle acme = bundle(42, "org.acme.backup");
    private ProductLifecycleImpl lifecycle;

    @Before
    public void twoModulesProvideAProductEach() throws Exception {
        List<ServiceReference<Product>> products = List.of(product(7, "acme", acme), product(8, "other", bundle(43, "org.other")));
        when(context.getServiceReferences(Product.class, null)).thenReturn(products);
        lifecycle = new ProductLifecycleImpl(context, mock(WidgetRegistry.class), audit, config());
    }

    @Test
    public void aJarOfAnotherBundleThanTheProductsIsRefusedNamingBoth() throws Exception {
        ModuleJar other = ModuleJars.of("Bundle-SymbolicName", "org.other", "Bundle-Version", "2.0.0");
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> lifecycle.update(OPERATOR, "acme", other));
        assertEquals("acme.jar is org.other, but product 'acme' comes from org.acme.backup", e.getMessage());
    }

    @Test
    public void aProductThatNoActiveBundleProvidesHasNothingToUpdate() throws Exception {
        ModuleJar jar = ModuleJars.of("Bundle-SymbolicName", "org.acme.backup", "Bundle-Version", "2.0.0");
        NotFoundException unknown = assertThrows(NotFoundException.class, () -> lifecycle.update(OPERATOR, "nope", jar));
        assertEquals("no deployed module provides product 'nope'", unknown.getMessage());

        when(acme.getState()).thenReturn(Bundle.RESOLVED);
        assertThrows(NotFoundException.class, () -> lifecycle.update(OPERATOR, "acme", jar));
    }

    @Test
    public void onlyServerOperatorsMayUpdateAndNothingIsAuditedForOthers() throws Exception {
        Viewer partnerAdmin = new Viewer("alice", 1, Set.of("admin"), Set.of(Permissions.CUSTOMER_READ));
        ModuleJar jar = ModuleJars.of("Bundle-SymbolicName", "org.acme.backup", "Bundle-Version", "2.0.0");
        assertThrows(ForbiddenException.class, () -> lifecycle.update(partnerAdmin, "acme", jar));
        verify(audit, never()).record(any(), any(), any(), any(), any(), any());
    }

    private static Bundle bundle(long id, String symbolicName) {
        Bundle b = mock(Bundle.class);
        when(b.getBundleId()).thenReturn(id);
        when(b.getSymbolicName()).thenReturn(symbolicName);
        when(b.getState()).thenReturn(Bundle.ACTIVE);
        return b;
    }

    @SuppressWarnings("unchecked")
    private ServiceReference<Product> product(long serviceId, String productId, Bundle bundle) {
        ServiceReference<Product> ref = mock(ServiceReference.class);
        when(ref.getProperty(Constants.SERVICE_ID)).thenReturn(serviceId);
        when(ref.getBundle()).thenReturn(bundle);
        Product p = mock(Product.class);
        when(p.id()).thenReturn(productId);
        when(context.getService(ref)).thenReturn(p);
        return ref;
    }

    /** The configuration with its defaults, as DS builds it without an {@code etc/} file. */
    private static LifecycleConfig config() {
        return (LifecycleConfig) Proxy.newProxyInstance(LifecycleConfig.class.getClassLoader(), new Class<?>[] {LifecycleConfig.class},
                (proxy, m, args) -> m.getDefaultValue());
    }
}
