package org.sightline.core.internal.dashboard;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotSame;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.sightline.core.internal.auth.StaffDirectoryImpl;
import org.sightline.core.internal.auth.Passwords;
import org.sightline.api.CustomerRef;
import org.sightline.api.Permissions;
import org.sightline.api.Product;
import org.sightline.api.Viewer;
import org.sightline.api.view.Cell;
import org.sightline.api.view.CellType;
import org.sightline.api.view.Kpi;
import org.sightline.api.view.KpiView;
import org.sightline.api.view.TableView;
import org.sightline.api.widget.BadWidgetRequestException;
import org.sightline.api.widget.DashboardWidget;
import org.sightline.api.widget.TimeRange;
import org.sightline.api.view.LinksView;
import org.sightline.api.widget.ActionResult;
import org.sightline.api.widget.WidgetActions;
import org.sightline.core.ActionFailedException;
import org.sightline.core.AuditLog;
import org.sightline.core.CustomerDirectory;
import org.sightline.core.internal.tenancy.Tenancy;
import org.sightline.core.ForbiddenException;
import org.sightline.core.Dashboard;
import org.sightline.core.DashboardQuery;
import org.sightline.core.InvalidParameterException;
import org.sightline.core.NotFoundException;
import org.sightline.core.RenderedWidget;
import org.sightline.core.internal.cache.CacheDirectory;
import org.sightline.core.internal.cache.ChangeNotes;
import org.sightline.core.internal.registry.WidgetRegistryImpl;
import org.sightline.core.internal.tenancy.CustomerIndex;

public class DashboardComposerTest {
    private static final Viewer ADMIN = new Viewer("anna", 1, Set.of("admin"),
            Set.of(Permissions.CUSTOMER_READ, Permissions.CUSTOMER_ACT, Permissions.USAGE_READ, Permissions.ADMIN));
    private static final Viewer READER = new Viewer("vic", 1, Set.of("viewer"), Set.of(Permissions.CUSTOMER_READ));
    private static final CustomerRef ACME = new CustomerRef(7, 1, "ACME-1", "Acme", "EUR", true);
    private static final CustomerRef LOCKED = new CustomerRef(8, 1, "LOCK-1", "Locked", "EUR", false);

    private final WidgetRegistryImpl registry = new WidgetRegistryImpl();
    private final ChangeNotes changes = new ChangeNotes();
    private final CacheDirectory caches = new CacheDirectory();
    private final ViewCache cache = new ViewCache(changes, caches);
    private final CustomerDirectory customers = mock(CustomerDirectory.class);
    private final Tenancy tenancy = mock(Tenancy.class);
    private final AtomicInteger renders = new AtomicInteger();
    private final CustomerIndex index = CustomerIndex.on(mock(DataSource.class), changes, StaffDirectoryImpl.on(mock(DataSource.class), new Passwords(4), changes));
    private final List<String> audited = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final AuditLog audit = mock(AuditLog.class);
    private final Map<String, ServiceReference<DashboardWidget>> refs = new HashMap<>();
    private DashboardComposer composer;
    private long nextServiceId = 1;

    @Before
    public void setUp() {
        org.mockito.Mockito.doAnswer(inv -> {
            org.sightline.core.AuditEntry e = inv.getArgument(0);
            return audited.add(e.action() + " " + e.outcome() + " " + e.detail());
        }).when(audit).record(any(org.sightline.core.AuditEntry.class));
        org.mockito.Mockito.doCallRealMethod().when(audit).record(any(Viewer.class), any(), any(), any(), any(), any());
        when(customers.find(any(), anyLong())).thenReturn(Optional.empty());
        when(customers.find(any(), org.mockito.ArgumentMatchers.eq(7L))).thenReturn(Optional.of(ACME));
        when(customers.find(any(), org.mockito.ArgumentMatchers.eq(8L))).thenReturn(Optional.of(LOCKED));
        when(tenancy.subscribedProducts(anyLong())).thenReturn(List.of("sms"));
        product("sms");
        product("voice");
        composer = new DashboardComposer(registry, customers, tenancy, cache, changes, caches, audit, config(300));
        widget("sms.kpi", "sms", "usage", 10, Permissions.CUSTOMER_READ, 60, r -> {
            renders.incrementAndGet();
            return new KpiView(List.of(new Kpi("n", "Sent", Cell.number(42))));
        });
        widget("sms.log", "sms", "usage", 20, Permissions.USAGE_READ, 0, r -> {
            if ("bad".equals(r.filters().get("status"))) {
                throw new BadWidgetRequestException("status", "unknown status 'bad'");
            }
            return new TableView(List.of(new TableView.Column("to", "To", CellType.PHONE)),
                    List.of(new TableView.Row(List.of(Cell.phone("+15551234567")))), null, 1L);
        });
        widget("sms.broken", "sms", "backup", 5, Permissions.CUSTOMER_READ, 0, r -> {
            throw new IllegalStateException("boom for Jane Roe");
        });
        widget("sms.slow", "sms", "risk", 5, Permissions.CUSTOMER_READ, 0, r -> {
            Thread.sleep(5_000);
            return new KpiView(List.of());
        });
        widget("voice.kpi", "voice", "usage", 1, Permissions.CUSTOMER_READ, 0, r -> new KpiView(List.of()));
        widget("core.subs", "core", "subscriptions", 1, Permissions.CUSTOMER_READ, 0, r -> new KpiView(List.of()));
    }

    @After
    public void tearDown() {
        composer.deactivate();
    }

    @Test
    public void failingAndSlowWidgetsBecomeErrorCardsAndTheRestRenders() {
        long start = System.nanoTime();
        Dashboard d = composer.dashboard(ADMIN, 7, DashboardQuery.overview());
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        assertTrue("took " + tookMs + " ms", tookMs < 2_000);
        assertEquals(List.of("core.subs", "sms.broken", "sms.slow", "sms.kpi", "sms.log"), ids(d));
        assertEquals("failed with IllegalStateException", byId(d, "sms.broken").error());
        assertEquals("did not answer within 300 ms", byId(d, "sms.slow").error());
        assertNull(byId(d, "sms.kpi").error());
        TableView log = (TableView) byId(d, "sms.log").view();
        assertEquals(new Cell.Redacted(CellType.PHONE, "••••4567"), log.rows().get(0).cells().get(0));
    }

    @Test
    public void widgetsOfProductsTheCustomerDoesNotSubscribeToOrTheViewerMayNotSeeAreLeftOut() {
        assertEquals(List.of("core.subs", "sms.broken", "sms.slow", "sms.kpi"), ids(composer.dashboard(READER, 7, DashboardQuery.overview())));
    }

    @Test
    public void aCustomerWithAccessDisabledShowsOnlySubscriptions() {
        Dashboard d = composer.dashboard(ADMIN, 8, DashboardQuery.overview());
        assertEquals(List.of("core.subs"), ids(d));
        assertTrue(d.navigation().isEmpty());
    }

    @Test
    public void aProductPageShowsOnlyThatProductAndUnknownOnesAreNotFound() {
        Dashboard d = composer.dashboard(ADMIN, 7, new DashboardQuery("sms", null, null, null, null, null));
        assertTrue(ids(d).stream().allMatch(id -> id.startsWith("sms.")));
        expect(NotFoundException.class, () -> composer.dashboard(ADMIN, 7, new DashboardQuery("voice", null, null, null, null, null))); // voice is deployed but not subscribed
    }

    @Test
    public void anotherPartnersCustomerIsNotFound() {
        expect(NotFoundException.class, () -> composer.dashboard(ADMIN, 99, DashboardQuery.overview())); // scoped
    }

    @Test
    public void aWidgetsBadFilterIsA400NamingIt() {
        try {
            composer.widget(ADMIN, 7, "sms.log", new DashboardQuery(null, null, null, null, Map.of("status", "bad"), null));
            fail();
        } catch (InvalidParameterException e) {
            assertEquals("status", e.parameter());
        }
    }

    @Test
    public void aRangeLongerThanTheMaximumOrOutsideTheYears1To9999IsA400AndNoWidgetRenders() {
        Instant to = Instant.parse("2026-11-21T00:00:00Z");
        assertEquals("from", rangeRefused(new TimeRange(to.minus(Duration.ofDays(3661)), to)));
        assertEquals("from", rangeRefused(new TimeRange(Instant.parse("-999999999-01-01T00:00:00Z"), to)));
        assertEquals("to", rangeRefused(new TimeRange(to, Instant.parse("+999999999-12-31T23:59:59Z"))));
        assertEquals(0, renders.get());
        composer.dashboard(ADMIN, 7, new DashboardQuery(null, new TimeRange(to.minus(Duration.ofDays(3660)), to), null, null, null, null));
        assertEquals(1, renders.get());
    }

    private String rangeRefused(TimeRange range) {
        DashboardQuery q = new DashboardQuery(null, range, null, null, null, null);
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> composer.dashboard(ADMIN, 7, q));
        assertThrows(InvalidParameterException.class, () -> composer.widget(ADMIN, 7, "sms.kpi", q));
        return e.parameter();
    }

    @Test
    public void viewsAreCachedUntilIngestionTouchesTheCustomerAndProduct() {
        composer.widget(ADMIN, 7, "sms.kpi", DashboardQuery.overview());
        composer.widget(ADMIN, 7, "sms.kpi", DashboardQuery.overview());
        assertEquals(1, renders.get());
        changes.announce(new org.sightline.core.Changes.CustomerData(7, "sms"));
        composer.widget(ADMIN, 7, "sms.kpi", DashboardQuery.overview());
        assertEquals(2, renders.get());
    }

    @Test
    public void rendersStuckInAReplacedVersionStillCountAgainstTheWidgetsCap() throws Exception {
        // A widget that ignores interruption stays stuck past its deadline; the cap is 2 renders per widget id.
        Render stuck = r -> {
            long until = System.nanoTime() + 1_500_000_000L;
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            return new KpiView(List.of());
        };
        widget("sms.stuck", "sms", "risk", 6, Permissions.CUSTOMER_READ, 0, stuck);
        composer.widget(ADMIN, 7, "sms.stuck", DashboardQuery.overview());
        widget("sms.stuck", "sms", "risk", 6, Permissions.CUSTOMER_READ, 0, stuck); // a new version
        composer.widget(ADMIN, 7, "sms.stuck", DashboardQuery.overview());
        RenderedWidget third = composer.widget(ADMIN, 7, "sms.stuck", DashboardQuery.overview());
        assertTrue(third.error(), third.error().startsWith("is not responding"));
    }

    @Test
    public void aComposedDashboardIsServedAgainUntilSomethingItWasMadeFromChanges() {
        for (String id : List.of("sms.broken", "sms.slow", "sms.log", "voice.kpi", "core.subs")) {
            remove(id);
        }
        Dashboard first = composer.dashboard(ADMIN, 7, DashboardQuery.overview());
        assertEquals(List.of("sms.kpi"), ids(first));
        assertSame(first, composer.dashboard(ADMIN, 7, DashboardQuery.overview()));
        assertEquals(1, renders.get());
        // Another viewer is composed for itself: what it may see differs.
        assertNotSame(first, composer.dashboard(READER, 7, DashboardQuery.overview()));
        renders.set(1);

        // The customer's data changed (ingestion, an action): composed again, rendered again.
        changes.announce(new org.sightline.core.Changes.CustomerData(7, "sms"));
        Dashboard second = composer.dashboard(ADMIN, 7, DashboardQuery.overview());
        assertNotSame(first, second);
        assertEquals(2, renders.get());
        assertSame(second, composer.dashboard(ADMIN, 7, DashboardQuery.overview()));

        // A widget deployed: it shows up at once.
        widget("sms.new", "sms", "usage", 30, Permissions.CUSTOMER_READ, 60, r -> new KpiView(List.of()));
        assertEquals(List.of("sms.kpi", "sms.new"), ids(composer.dashboard(ADMIN, 7, DashboardQuery.overview())));

        // The subscription ended (a portal write announces it through the index): the product is gone.
        when(tenancy.subscribedProducts(7)).thenReturn(List.of());
        changes.announce(new org.sightline.core.Changes.Partner(1));
        Dashboard third = composer.dashboard(ADMIN, 7, DashboardQuery.overview());
        assertEquals(List.of(), ids(third));
        assertTrue(third.navigation().isEmpty());

        // The viewer lost access to the customer (an assignment removed): not found, not a stale copy.
        when(customers.find(any(), org.mockito.ArgumentMatchers.eq(7L))).thenReturn(Optional.empty());
        changes.announce(new org.sightline.core.Changes.AllPartners());
        expect(NotFoundException.class, () -> composer.dashboard(ADMIN, 7, DashboardQuery.overview())); // scoped again
    }

    @Test
    public void aDashboardComposedWhileItsCustomerChangedIsComposedAgainNextTime() {
        for (String id : List.of("sms.broken", "sms.slow", "sms.log", "voice.kpi", "core.subs")) {
            remove(id);
        }
        AtomicInteger changing = new AtomicInteger(1);
        widget("sms.racy", "sms", "usage", 40, Permissions.CUSTOMER_READ, 60, r -> {
            if (changing.getAndDecrement() > 0) {
                // A portal write commits and announces while this widget renders.
                changes.announce(new org.sightline.core.Changes.Customer(7));
            }
            return new KpiView(List.of());
        });
        Dashboard first = composer.dashboard(ADMIN, 7, DashboardQuery.overview());
        Dashboard second = composer.dashboard(ADMIN, 7, DashboardQuery.overview());
        assertNotSame("composed from data older than the change", first, second);
        assertSame(second, composer.dashboard(ADMIN, 7, DashboardQuery.overview()));
    }

    @Test
    public void aPartnersTenancyChangeDropsItsViewersDashboardsOnly() {
        for (String id : List.of("sms.broken", "sms.slow", "sms.log", "voice.kpi", "core.subs")) {
            remove(id); // error cards and never-cached views make a dashboard not reusable
        }
        Dashboard mine = composer.dashboard(ADMIN, 7, DashboardQuery.overview());
        Viewer other = new Viewer("olga", 2, Set.of("admin"), ADMIN.permissions());
        when(customers.find(org.mockito.ArgumentMatchers.eq(other), org.mockito.ArgumentMatchers.eq(7L))).thenReturn(Optional.of(ACME));
        Dashboard theirs = composer.dashboard(other, 7, DashboardQuery.overview());
        changes.announce(new org.sightline.core.Changes.Partner(2));
        assertSame(mine, composer.dashboard(ADMIN, 7, DashboardQuery.overview()));
        assertNotSame(theirs, composer.dashboard(other, 7, DashboardQuery.overview()));
    }

    @Test
    public void composedDashboardsAreListedWithTheirHitRatio() {
        for (String id : List.of("sms.broken", "sms.slow", "sms.log", "voice.kpi", "core.subs")) {
            remove(id); // error cards and never-cached views make a dashboard not reusable
        }
        composer.dashboard(ADMIN, 7, DashboardQuery.overview());
        composer.dashboard(ADMIN, 7, DashboardQuery.overview());
        org.sightline.core.CacheStats s = caches.caches().stream().filter(c -> c.name().equals("core.dashboards"))
                .findFirst().orElseThrow();
        assertEquals(1, s.hits());
        assertEquals(1, s.misses());
        assertEquals(1, s.size());
    }

    @Test
    public void concurrentRequestsForTheSameViewShareOneRenderAndTripNoCap() throws Exception {
        // Twelve viewers open the same widget at once (after a hot swap emptied the caches, say); the cap is 2.
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        AtomicInteger slowRenders = new AtomicInteger();
        widget("sms.shared", "sms", "usage", 7, Permissions.CUSTOMER_READ, 60, r -> {
            slowRenders.incrementAndGet();
            release.await(250, java.util.concurrent.TimeUnit.MILLISECONDS);
            return new KpiView(List.of(new Kpi("n", "Sent", Cell.number(1))));
        });
        java.util.concurrent.ExecutorService clients = java.util.concurrent.Executors.newFixedThreadPool(12);
        try {
            List<java.util.concurrent.Future<RenderedWidget>> answers = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                answers.add(clients.submit(() -> composer.widget(ADMIN, 7, "sms.shared", DashboardQuery.overview())));
            }
            Thread.sleep(100);
            release.countDown();
            for (var a : answers) {
                RenderedWidget w = a.get();
                assertNull(w.error(), w.error());
                assertTrue(w.view() instanceof KpiView);
            }
        } finally {
            clients.shutdownNow();
        }
        assertEquals("one render served all twelve", 1, slowRenders.get());
        var shared = registry.widgets().stream().filter(w -> w.descriptor().id().equals("sms.shared")).findFirst().orElseThrow();
        assertEquals(0, shared.failures());
    }

    @Test
    public void swappingAnotherProductsWidgetKeepsTheComposedDashboard() {
        for (String id : List.of("sms.broken", "sms.slow", "sms.log", "voice.kpi", "core.subs")) {
            remove(id);
        }
        Dashboard first = composer.dashboard(ADMIN, 7, DashboardQuery.overview());
        // voice (deployed, not subscribed by this customer) is updated: a new widget service, the old one gone.
        widget("voice.kpi", "voice", "usage", 1, Permissions.CUSTOMER_READ, 0, r -> new KpiView(List.of()));
        remove("voice.kpi");
        assertSame(first, composer.dashboard(ADMIN, 7, DashboardQuery.overview()));
        assertEquals(1, renders.get());
        // sms itself swapped: the dashboard is made again with the new service.
        remove("sms.kpi");
        widget("sms.kpi", "sms", "usage", 10, Permissions.CUSTOMER_READ, 60, r -> {
            renders.incrementAndGet();
            return new KpiView(List.of());
        });
        Dashboard second = composer.dashboard(ADMIN, 7, DashboardQuery.overview());
        assertNotSame(first, second);
        assertEquals(2, renders.get());
    }

    @Test
    public void aSubscribedProductsPageStaysWhileItsBundleIsBeingUpdated() {
        when(productBundles.get("sms").getState()).thenReturn(org.osgi.framework.Bundle.RESOLVED);
        removeProduct("sms"); // bundle:update: the product service is gone for a moment, its bundle stays installed
        Dashboard page = composer.dashboard(ADMIN, 7, new DashboardQuery("sms", null, null, null, null, null));
        assertEquals(List.of(), ids(page));
        assertTrue(page.navigation().isEmpty());
        product("sms"); // back: the page fills again, nothing of the gap was kept
        assertTrue(ids(composer.dashboard(ADMIN, 7, new DashboardQuery("sms", null, null, null, null, null))).contains("sms.kpi"));
        // A product the customer does not subscribe to is still not found.
        expect(NotFoundException.class, () -> composer.dashboard(ADMIN, 7, new DashboardQuery("voice", null, null, null, null, null)));
        // Uninstalled (feature:uninstall): gone, not found.
        when(productBundles.get("sms").getState()).thenReturn(org.osgi.framework.Bundle.UNINSTALLED);
        removeProduct("sms");
        expect(NotFoundException.class, () -> composer.dashboard(ADMIN, 7, new DashboardQuery("sms", null, null, null, null, null)));
    }

    @Test
    public void aDashboardWithAnErrorCardIsComposedAgainNextTime() {
        composer.dashboard(ADMIN, 7, DashboardQuery.overview());
        composer.dashboard(ADMIN, 7, DashboardQuery.overview());
        var broken = registry.widgets().stream().filter(w -> w.descriptor().id().equals("sms.broken")).findFirst().orElseThrow();
        assertEquals(2, broken.calls());
    }

    @Test
    public void registryRecordsHealth() {
        composer.dashboard(ADMIN, 7, DashboardQuery.overview());
        var broken = registry.widgets().stream().filter(w -> w.descriptor().id().equals("sms.broken")).findFirst().orElseThrow();
        assertEquals(1, broken.calls());
        assertEquals(1, broken.failures());
    }

    private interface Render {
        org.sightline.api.view.WidgetView render(org.sightline.api.widget.WidgetRequest r) throws Exception;
    }

    /** A widget offering actions: "ping" (anyone who may act), "purge" (typed "Yes"), "boom" (fails). */
    private final class ActionsWidget implements DashboardWidget, WidgetActions {
        final AtomicInteger pings = new AtomicInteger();

        @Override
        public org.sightline.api.view.WidgetView render(org.sightline.api.widget.WidgetRequest r) {
            return new LinksView(List.of(), List.of(
                    new LinksView.Action("ping", "Ping (" + pings.get() + ")", Permissions.CUSTOMER_ACT, null),
                    new LinksView.Action("purge", "Purge", Permissions.CUSTOMER_ACT, "Yes"),
                    new LinksView.Action("boom", "Boom", Permissions.CUSTOMER_ACT, null),
                    new LinksView.Action("admin-only", "Admin only", Permissions.ADMIN, null)));
        }

        @Override
        public ActionResult run(org.sightline.api.widget.WidgetRequest r, String actionId) {
            if (actionId.equals("boom")) {
                throw new IllegalStateException("boom for Jane Roe");
            }
            pings.incrementAndGet();
            return new ActionResult("Done for " + r.customer().name() + ", we called +1 415 555 0123");
        }
    }

    @Test
    public void aWidgetActionRunsOnlyAsItsViewOffersItAndIsAudited() {
        ActionsWidget w = new ActionsWidget();
        bind("sms.actions", "sms", 60, w);
        Viewer engineer = new Viewer("eve", 1, Set.of("engineer"), Set.of(Permissions.CUSTOMER_READ, Permissions.CUSTOMER_ACT));
        assertEquals("Done for Acme, we called ••••0123", composer.act(engineer, 7, "sms.actions", "ping", null));
        assertEquals(1, w.pings.get());
        // the customer's views were dropped: the label shows the new count at once
        LinksView v = (LinksView) composer.widget(engineer, 7, "sms.actions", DashboardQuery.overview()).view();
        assertEquals("Ping (1)", v.actions().get(0).label());
        assertEquals(List.of("widget.action ok sms.actions: ping"), audited);

        expect(NotFoundException.class, () -> composer.act(engineer, 7, "sms.actions", "no-such", null));
        expect(NotFoundException.class, () -> composer.act(engineer, 7, "sms.kpi", "ping", null));
        expect(NotFoundException.class, () -> composer.act(engineer, 99, "sms.actions", "ping", null));
        expect(ForbiddenException.class, () -> composer.act(READER, 7, "sms.actions", "ping", null));
        expect(ForbiddenException.class, () -> composer.act(engineer, 7, "sms.actions", "admin-only", null));
        InvalidParameterException bad = expect(InvalidParameterException.class,
                () -> composer.act(engineer, 7, "sms.actions", "purge", "yes"));
        assertEquals("confirm", bad.parameter());
        composer.act(engineer, 7, "sms.actions", "purge", "Yes");
        ActionFailedException failed = expect(ActionFailedException.class, () -> composer.act(engineer, 7, "sms.actions", "boom", null));
        assertTrue(failed.getMessage(), !failed.getMessage().contains("Jane"));
        assertEquals("widget.action failed sms.actions: boom: IllegalStateException", audited.get(audited.size() - 1));
        assertTrue(audited.toString(), audited.contains("widget.action denied sms.actions: ping"));
    }

    private static <T extends Throwable> T expect(Class<T> type, Runnable r) {
        try {
            r.run();
        } catch (Throwable t) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            throw new AssertionError("expected " + type.getSimpleName() + " but got " + t, t);
        }
        throw new AssertionError("expected " + type.getSimpleName());
    }

    private void bind(String id, String product, int refresh, DashboardWidget w) {
        Map<String, Object> props = new HashMap<>();
        props.put(Constants.SERVICE_ID, nextServiceId++);
        props.put("sightline.widget.id", id);
        props.put("sightline.widget.title", id);
        props.put("sightline.widget.product", product);
        props.put("sightline.widget.section", "usage");
        props.put("sightline.widget.order", 50);
        props.put("sightline.widget.permission", Permissions.CUSTOMER_READ);
        props.put("sightline.widget.refreshSeconds", refresh);
        @SuppressWarnings("unchecked")
        ServiceReference<DashboardWidget> ref = mock(ServiceReference.class);
        when(ref.getProperty(any())).thenAnswer(inv -> props.get(inv.getArgument(0)));
        registry.bindWidget(ref, w);
        refs.put(id, ref);
    }

    private void widget(String id, String product, String section, int order, String permission, int refresh, Render r) {
        Map<String, Object> props = new HashMap<>();
        props.put(Constants.SERVICE_ID, nextServiceId++);
        props.put("sightline.widget.id", id);
        props.put("sightline.widget.title", id);
        props.put("sightline.widget.product", product);
        props.put("sightline.widget.section", section);
        props.put("sightline.widget.order", order);
        props.put("sightline.widget.permission", permission);
        props.put("sightline.widget.refreshSeconds", refresh);
        @SuppressWarnings("unchecked")
        ServiceReference<DashboardWidget> ref = mock(ServiceReference.class);
        when(ref.getProperty(any())).thenAnswer(inv -> props.get(inv.getArgument(0)));
        registry.bindWidget(ref, r::render);
        refs.put(id, ref);
    }

    private void remove(String id) {
        registry.unbindWidget(refs.remove(id));
    }

    private final Map<String, ServiceReference<Product>> productRefs = new HashMap<>();

    private void removeProduct(String id) {
        registry.unbindProduct(productRefs.remove(id));
    }

    private final Map<String, org.osgi.framework.Bundle> productBundles = new HashMap<>();

    private void product(String id) {
        @SuppressWarnings("unchecked")
        ServiceReference<Product> ref = mock(ServiceReference.class);
        when(ref.getProperty(Constants.SERVICE_ID)).thenReturn(nextServiceId++);
        org.osgi.framework.Bundle bundle = productBundles.computeIfAbsent(id, x -> {
            org.osgi.framework.Bundle b = mock(org.osgi.framework.Bundle.class);
            when(b.getState()).thenReturn(org.osgi.framework.Bundle.ACTIVE);
            when(b.getSymbolicName()).thenReturn("product." + x);
            when(b.getVersion()).thenReturn(org.osgi.framework.Version.parseVersion("1.0.0"));
            return b;
        });
        when(ref.getBundle()).thenReturn(bundle);
        productRefs.put(id, ref);
        registry.bindProduct(ref, new Product() {
            @Override public String id() { return id; }
            @Override public String displayName() { return id.toUpperCase(); }
            @Override public String family() { return FAMILY_COMMUNICATIONS; }
        });
    }

    private static List<String> ids(Dashboard d) {
        return d.widgets().stream().map(w -> w.descriptor().id()).toList();
    }

    private static RenderedWidget byId(Dashboard d, String id) {
        return d.widgets().stream().filter(w -> w.descriptor().id().equals(id)).findFirst().orElseThrow();
    }

    private static DashboardComposer.Config config(long deadline) {
        return new DashboardComposer.Config() {
            @Override public Class<? extends Annotation> annotationType() { return DashboardComposer.Config.class; }
            @Override public long widget_deadline_ms() { return deadline; }
            @Override public int widget_pool_size() { return 4; }
            @Override public int widget_max_in_flight() { return 2; }
            @Override public int range_default_days() { return 30; }
            @Override public int range_max_days() { return 3660; }
            @Override public long dashboard_reuse_ms() { return 10_000; }
            @Override public long report_deadline_ms() { return 15_000; }
        };
    }
}
