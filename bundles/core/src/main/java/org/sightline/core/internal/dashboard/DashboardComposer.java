package org.sightline.core.internal.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.sightline.api.CustomerRef;
import org.sightline.api.Viewer;
import org.sightline.api.Permissions;
import org.sightline.api.view.LinksView;
import org.sightline.api.view.WidgetView;
import org.sightline.api.widget.ActionResult;
import org.sightline.api.widget.PageRequest;
import org.sightline.api.widget.WidgetActions;
import org.sightline.api.widget.BadWidgetRequestException;
import org.sightline.api.widget.Placement;
import org.sightline.api.widget.Sections;
import org.sightline.api.widget.TimeRange;
import org.sightline.api.widget.WidgetDescriptor;
import org.sightline.api.widget.WidgetRequest;
import org.sightline.core.ActionFailedException;
import org.sightline.core.AuditLog;
import org.sightline.core.Caches;
import org.sightline.core.Changes;
import org.sightline.core.Changes.Change;
import org.sightline.core.CustomerDirectory;
import org.sightline.core.ForbiddenException;
import org.sightline.core.Dashboard;
import org.sightline.core.DashboardQuery;
import org.sightline.core.DashboardService;
import org.sightline.core.InvalidParameterException;
import org.sightline.core.NotFoundException;
import org.sightline.core.ProductInfo;
import org.sightline.core.RenderedWidget;
import org.sightline.core.internal.cache.CacheDirectory;
import org.sightline.core.internal.privacy.PrivacyFilter;
import org.sightline.core.internal.registry.WidgetEntry;
import org.sightline.core.internal.registry.WidgetRegistryImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

/**
 * Composes dashboards: picks the widgets a customer and viewer may see, renders them in parallel on a
 * bounded pool with a per-widget deadline, turns every failure into an error card, and passes every
 * view through the {@link PrivacyFilter} before it is cached or returned.
 */
@Component(service = {DashboardService.class, DashboardComposer.class}, configurationPid = "org.sightline.core")
@Designate(ocd = DashboardComposer.Config.class)
public class DashboardComposer implements DashboardService {

    @ObjectClassDefinition(name = "Sightline core", description = "Dashboard composition")
    public @interface Config {
        @AttributeDefinition(name = "Widget deadline (ms)", description = "A widget still rendering after this long is shown as an error card.")
        long widget_deadline_ms() default 2000;

        @AttributeDefinition(name = "Widget pool size", description = "Threads rendering widgets, shared by all requests.")
        int widget_pool_size() default 16;

        @AttributeDefinition(name = "Renders in flight per widget", description = "More concurrent renders of one widget are refused with an error card, so a hanging widget cannot take the pool.")
        int widget_max_in_flight() default 4;

        @AttributeDefinition(name = "Default range (days)", description = "Length of the default time range, in whole days up to today.")
        int range_default_days() default 30;

        @AttributeDefinition(name = "Maximum range (days)", description = "The longest time range a dashboard or widget may be "
                + "asked for (from/to); a longer one is refused with 400.")
        int range_max_days() default 3660;

        @AttributeDefinition(name = "Composed dashboard reuse (ms)", description = "A composed dashboard is served again "
                + "to the same viewer while nothing it was made from has changed (widgets deployed or removed, the "
                + "customer's data, subscriptions or assignments, each widget's refresh interval), for at most this "
                + "long. 0 composes every request.")
        long dashboard_reuse_ms() default 10_000;

        @AttributeDefinition(name = "Report deadline (ms)", description = "A widget's PDF report still being produced after "
                + "this long is abandoned and the user told it failed.")
        long report_deadline_ms() default 15_000;
    }

    private static final Logger LOG = LoggerFactory.getLogger(DashboardComposer.class);
    private final WidgetRegistryImpl registry;
    private final CustomerDirectory customers;
    private final ViewCache cache;
    private final ThreadPoolExecutor pool;
    private final long deadlineMs;
    private final int maxInFlight;
    private final int defaultDays;
    private final int maxDays;
    private final AuditLog audit;
    private final long reuseNanos;
    private final Changes changes;
    private final AutoCloseable subscription;
    private final AutoCloseable registration;
    /** Composed dashboards (cache {@code core.dashboards}), dropped by {@link #affects}. */
    private final Cache<ReuseKey, Composed> composed = Caffeine.newBuilder()
            .maximumSize(MAX_COMPOSED)
            .expireAfter(new Expiry<ReuseKey, Composed>() {
                @Override
                public long expireAfterCreate(ReuseKey key, Composed c, long now) {
                    return Math.max(0, c.expiresAt() - System.nanoTime());
                }

                @Override
                public long expireAfterUpdate(ReuseKey key, Composed c, long now, long current) {
                    return expireAfterCreate(key, c, now);
                }

                @Override
                public long expireAfterRead(ReuseKey key, Composed c, long now, long current) {
                    return current;
                }
            })
            .recordStats()
            .build();

    /** What a composed dashboard was asked with; the viewer decides which customers and widgets it may see. */
    private record ReuseKey(Viewer viewer, long customerId, DashboardQuery query) {
    }

    /**
     * A composed dashboard and what it was composed from: the registry generation, noted before composing,
     * and the plan it followed (the customer's subscriptions, the widgets and products it chose), so that a
     * change in the registry that does not touch this dashboard (another product swapped) leaves it
     * reusable. Changes of the customer, its data or its partner's tenancy drop it (see {@link #affects}).
     */
    private record Composed(Dashboard dashboard, long generation, long expiresAt, Plan plan) {
    }

    /**
     * Whether a change may alter a composed dashboard: a change of the customer or its data, of the
     * viewer's partner's tenancy (which customers and widgets the viewer may see) or of a product. A widget
     * service gone is found out by the registry's generation and the plan.
     */
    private static boolean affects(Change change, ReuseKey k) {
        if (change instanceof Changes.CustomerData d) {
            return d.customerId() == k.customerId();
        }
        if (change instanceof Changes.Customer c) {
            return c.customerId() == k.customerId();
        }
        if (change instanceof Changes.Partner p) {
            return p.partnerId() == k.viewer().partnerId();
        }
        return !(change instanceof Changes.WidgetGone);
    }

    /**
     * What a dashboard shows, decided from the registry and the customer's subscriptions alone (no I/O).
     *
     * @param subscribed the customer's subscribed products
     * @param navigation the subscribed products that are deployed, in navigation order
     * @param widgets    the widgets to render, in order
     */
    private record Plan(Set<String> subscribed, List<ProductInfo> navigation, List<WidgetEntry> widgets) {
        boolean sameChoice(Plan other) {
            return navigation.equals(other.navigation) && ids(widgets).equals(ids(other.widgets));
        }

        private static List<Long> ids(List<WidgetEntry> entries) {
            return entries.stream().map(WidgetEntry::serviceId).toList();
        }
    }

    /** Composed dashboards kept at most (each holds its views, some tens of KB). */
    private static final int MAX_COMPOSED = 1_000;

    @Activate
    public DashboardComposer(@Reference WidgetRegistryImpl registry, @Reference CustomerDirectory customers,
                             @Reference ViewCache cache, @Reference Changes changes, @Reference Caches caches,
                             @Reference AuditLog audit, Config config) {
        this.audit = audit;
        this.changes = changes;
        this.registry = registry;
        this.customers = customers;
        this.cache = cache;
        this.reuseNanos = TimeUnit.MILLISECONDS.toNanos(Math.max(0, config.dashboard_reuse_ms()));
        this.deadlineMs = Math.max(50, config.widget_deadline_ms());
        this.maxInFlight = Math.max(1, config.widget_max_in_flight());
        this.defaultDays = Math.max(1, config.range_default_days());
        this.maxDays = Math.max(1, config.range_max_days());
        int threads = Math.max(2, config.widget_pool_size());
        AtomicInteger n = new AtomicInteger();
        ThreadFactory tf = r -> {
            Thread t = new Thread(r, "sightline-widget-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(threads * 64), tf);
        this.pool.allowCoreThreadTimeOut(true);
        registry.onRemoval(e -> cache.invalidateWidget(e.serviceId()));
        this.subscription = changes.subscribe(c -> composed.asMap().keySet().removeIf(k -> affects(c, k)));
        this.registration = caches.register(CacheDirectory.of("core.dashboards", composed, MAX_COMPOSED));
    }

    @Deactivate
    void deactivate() {
        CacheDirectory.close(subscription);
        CacheDirectory.close(registration);
        pool.shutdownNow();
    }

    @Override
    public Dashboard dashboard(Viewer viewer, long customerId, DashboardQuery query) {
        checkRange(query);
        if (reuseNanos == 0) {
            return compose(viewer, customerId, query, null, null);
        }
        ReuseKey key = new ReuseKey(viewer, customerId, query);
        Composed c = composed.getIfPresent(key);
        if (c != null && System.nanoTime() - c.expiresAt < 0) {
            long generation = registry.generation();
            if (c.generation == generation) {
                return c.dashboard;
            }
            // The registry changed (a bundle came, went or was swapped): still good if this dashboard would
            // show the same widgets of the same live services and the same navigation.
            Plan now = plan(viewer, c.dashboard.customer(), query, c.plan.subscribed());
            if (now.sameChoice(c.plan) && now.widgets().stream().allMatch(WidgetEntry::live)) {
                composed.asMap().replace(key, c, new Composed(c.dashboard, generation, c.expiresAt, c.plan));
                return c.dashboard;
            }
        }
        // Noted before anything is read: a change committed meanwhile makes the result stale at once.
        long generation = registry.generation();
        long sequence = changes.sequence();
        long[] expiresAt = {System.nanoTime() + reuseNanos};
        Plan[] plan = new Plan[1];
        Dashboard d = compose(viewer, customerId, query, expiresAt, plan);
        if (expiresAt[0] != 0) {
            if (query.range() == null) {
                // The default range ends with today: a new day is a new range.
                long newDay = System.nanoTime() + Duration.between(Instant.now(), d.range().to()).toNanos();
                if (newDay - expiresAt[0] < 0) {
                    expiresAt[0] = newDay;
                }
            }
            composed.put(key, new Composed(d, generation, expiresAt[0], plan[0]));
            if (changes.changedSince(sequence, ch -> affects(ch, key))) {
                // A change was committed while composing: the dashboard may show the old data.
                composed.invalidate(key);
            }
        }
        return d;
    }

    /**
     * Composes a dashboard. {@code expiresAt}, when given, is lowered to when the first of its views
     * stops being fresh, or set to 0 when the result must not be reused (an error card, a view that is
     * never cached). {@code planOut}, when given, receives the plan it followed.
     * <p>
     * A product page of a product the customer subscribes to whose bundle is still installed but whose
     * product service is not registered at this moment (a {@code bundle:update}, a refresh) is an empty page,
     * not a {@code 404}: the product is gone for a few hundred milliseconds, and a page that is open must stay.
     * Once its bundle is uninstalled, the page is {@code 404}.
     */
    private Dashboard compose(Viewer viewer, long customerId, DashboardQuery query, long[] expiresAt, Plan[] planOut) {
        CustomerRef customer = customer(viewer, customerId);
        Plan plan = plan(viewer, customer, query, Set.copyOf(customers.subscribedProducts(customer.id())));
        if (planOut != null) {
            planOut[0] = plan;
        }
        if (query.product() != null && plan.navigation().stream().noneMatch(p -> p.id().equals(query.product()))) {
            if (!plan.subscribed().contains(query.product()) || !registry.expectedBack(query.product())) {
                throw new NotFoundException("customer " + customerId + " has no product '" + query.product() + "'");
            }
            notReusable(expiresAt);
        }
        TimeRange range = range(query);
        List<RenderedWidget> rendered = renderAll(plan.widgets(), customer, viewer, range, query, false, expiresAt);
        return new Dashboard(customer, range, customer.accessEnabled() ? plan.navigation() : List.of(), query.product(), rendered);
    }

    /** The navigation and widgets of a dashboard, from the registry and the given subscriptions. */
    private Plan plan(Viewer viewer, CustomerRef customer, DashboardQuery query, Set<String> subscribed) {
        List<ProductInfo> navigation = registry.products().stream().filter(p -> subscribed.contains(p.id())).toList();
        Set<String> visibleProducts = new HashSet<>();
        navigation.forEach(p -> visibleProducts.add(p.id()));
        Placement placement = query.product() == null ? Placement.OVERVIEW : Placement.PRODUCT_PAGE;
        List<WidgetEntry> chosen = new ArrayList<>();
        for (WidgetEntry e : registry.entries()) {
            WidgetDescriptor d = e.descriptor();
            if (d.placement().contains(placement) && visible(d, customer, viewer, visibleProducts)
                    && (query.product() == null || d.productId().equals(query.product()))) {
                chosen.add(e);
            }
        }
        return new Plan(subscribed, navigation, List.copyOf(chosen));
    }

    @Override
    public RenderedWidget widget(Viewer viewer, long customerId, String widgetId, DashboardQuery query) {
        checkRange(query);
        CustomerRef customer = customer(viewer, customerId);
        WidgetEntry entry = visibleWidget(customer, viewer, widgetId);
        return renderAll(List.of(entry), customer, viewer, range(query), query, true, null).get(0);
    }

    @Override
    public String act(Viewer viewer, long customerId, String widgetId, String actionId, String confirmation) {
        CustomerRef customer = customer(viewer, customerId);
        String what = widgetId + ": " + actionId;
        String label = customer.name() + " (" + customer.accountId() + ")";
        if (!viewer.can(Permissions.CUSTOMER_ACT)) {
            audit.record(viewer, "widget.action", customer.id(), label, AuditLog.DENIED, what);
            throw new ForbiddenException("this needs the '" + Permissions.CUSTOMER_ACT + "' permission");
        }
        WidgetEntry entry = visibleWidget(customer, viewer, widgetId);
        // Only what the widget's current view offers this viewer can be run.
        TimeRange range = range(DashboardQuery.overview());
        RenderedWidget shown = renderAll(List.of(entry), customer, viewer, range, DashboardQuery.overview(), true, null).get(0);
        LinksView.Action action = shown.view() instanceof LinksView links ? links.actions().stream()
                .filter(a -> a.id().equals(actionId)).findFirst().orElse(null) : null;
        if (action == null || !(entry.widget() instanceof WidgetActions handler)) {
            throw new NotFoundException("widget '" + widgetId + "' offers no action '" + actionId + "'"
                    + (shown.error() != null ? " (it " + shown.error() + ")" : ""));
        }
        if (!viewer.can(action.permission())) {
            audit.record(viewer, "widget.action", customer.id(), label, AuditLog.DENIED, what);
            throw new ForbiddenException("this action needs the '" + action.permission() + "' permission");
        }
        if (action.confirm() != null && !action.confirm().equals(confirmation)) {
            throw new InvalidParameterException("confirm", "type '" + action.confirm() + "' to confirm '" + action.label() + "'");
        }
        WidgetRequest request = new WidgetRequest(customer, viewer, range, ZoneId.of("UTC"), PageRequest.first(), Map.of(), null);
        Future<ActionResult> f;
        try {
            f = pool.submit(() -> handler.run(request, actionId));
        } catch (RejectedExecutionException e) {
            throw new ActionFailedException("the action was not run: the server is too busy");
        }
        try {
            ActionResult result = f.get(deadlineMs, TimeUnit.MILLISECONDS);
            if (result == null) {
                throw new IllegalStateException("returned no result");
            }
            audit.record(viewer, "widget.action", customer.id(), label, AuditLog.OK, what);
            return PrivacyFilter.scrub(result.message());
        } catch (TimeoutException e) {
            f.cancel(true);
            audit.record(viewer, "widget.action", customer.id(), label, AuditLog.FAILED, what + ": no answer within " + deadlineMs + " ms");
            throw new ActionFailedException("'" + action.label() + "' did not finish within " + deadlineMs + " ms");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof BadWidgetRequestException bad) {
                String parameter = PrivacyFilter.scrub(bad.parameter());
                audit.record(viewer, "widget.action", customer.id(), label, AuditLog.DENIED, what + ": " + parameter);
                throw new InvalidParameterException(parameter, PrivacyFilter.scrub(bad.getMessage()));
            }
            LOG.warn("Action {} of widget {} failed for customer {}", actionId, widgetId, customer.id(), cause);
            audit.record(viewer, "widget.action", customer.id(), label, AuditLog.FAILED,
                    what + ": " + cause.getClass().getSimpleName());
            throw new ActionFailedException("'" + action.label() + "' failed (" + cause.getClass().getSimpleName()
                    + "); the details are in the server log");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ActionFailedException("interrupted");
        } finally {
            // Whatever the action did (or did part of) shows in the next render.
            cache.invalidateCustomer(customer.id());
        }
    }

    /**
     * Runs other work of a widget (a report) on the widget pool, so that products' code runs on the same bounded
     * threads as their renders; the caller waits with its own deadline and cancels on overrun.
     *
     * @throws RejectedExecutionException when the pool is full
     */
    public <T> Future<T> submit(java.util.concurrent.Callable<T> task) {
        return pool.submit(task);
    }

    /**
     * The range a query asks for, or the default range, checked as for a dashboard.
     *
     * @throws InvalidParameterException naming {@code from} or {@code to}
     */
    public TimeRange rangeOf(DashboardQuery query) {
        checkRange(query);
        return range(query);
    }

    /** The live widget with that id, if the customer and viewer may see it; 404 otherwise. */
    public WidgetEntry visibleWidget(CustomerRef customer, Viewer viewer, String widgetId) {
        Set<String> visibleProducts = new HashSet<>();
        navigation(customer).forEach(p -> visibleProducts.add(p.id()));
        return registry.entries().stream()
                .filter(e -> e.descriptor().id().equals(widgetId))
                .filter(e -> visible(e.descriptor(), customer, viewer, visibleProducts))
                .findFirst()
                .orElseThrow(() -> new NotFoundException("customer " + customer.id() + " has no widget '" + widgetId + "'"));
    }

    private CustomerRef customer(Viewer viewer, long customerId) {
        return customers.find(viewer, customerId)
                .orElseThrow(() -> new NotFoundException("no customer with id " + customerId));
    }

    /** The customer's products: subscribed and deployed, in navigation order. */
    private List<ProductInfo> navigation(CustomerRef customer) {
        Set<String> subscribed = new HashSet<>(customers.subscribedProducts(customer.id()));
        return registry.products().stream().filter(p -> subscribed.contains(p.id())).toList();
    }

    private static boolean visible(WidgetDescriptor d, CustomerRef customer, Viewer viewer, Set<String> products) {
        if (!viewer.can(d.permission())) {
            return false;
        }
        if (!customer.accessEnabled()) {
            // Access to the customer's tenant is disabled: products & subscriptions only.
            return Sections.SUBSCRIPTIONS.equals(d.section()) && CORE_PRODUCT.equals(d.productId());
        }
        return CORE_PRODUCT.equals(d.productId()) || products.contains(d.productId());
    }

    /** Product id of the core's own widgets (products & subscriptions, report activity). */
    public static final String CORE_PRODUCT = "core";

    /** Earliest and (exclusive) latest instant a range may touch: the years 1 to 9999. */
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("+10000-01-01T00:00:00Z");

    /**
     * Refuses a range that no widget should have to walk: longer than {@code range.max.days}, or outside the
     * years 1 to 9999 (a daily series over it would fill the heap).
     *
     * @throws InvalidParameterException naming {@code from} or {@code to}
     */
    private void checkRange(DashboardQuery q) {
        TimeRange r = q.range();
        if (r == null) {
            return;
        }
        if (r.from().isBefore(EARLIEST)) {
            throw new InvalidParameterException("from", "'from' must be in the years 1 to 9999");
        }
        if (!r.to().isBefore(LATEST)) {
            throw new InvalidParameterException("to", "'to' must be in the years 1 to 9999");
        }
        if (Duration.between(r.from(), r.to()).compareTo(Duration.ofDays(maxDays)) > 0) {
            throw new InvalidParameterException("from", "the range from 'from' to 'to' is at most " + maxDays + " days");
        }
    }

    private TimeRange range(DashboardQuery q) {
        if (q.range() != null) {
            return q.range();
        }
        ZoneId zone = q.zone();
        LocalDate tomorrow = LocalDate.now(zone).plusDays(1);
        Instant to = tomorrow.atStartOfDay(zone).toInstant();
        Instant from = tomorrow.minusDays(defaultDays).atStartOfDay(zone).toInstant();
        return new TimeRange(from, to);
    }

    /**
     * Renders the widgets (or takes their fresh views from the cache). {@code expiresAt}, when given, is
     * lowered to the earliest expiry of the views, or set to 0 if any of them cannot be reused.
     * <p>
     * A render is shared: a request that needs a view which another request is rendering at that moment
     * (same widget service, customer, request and permissions) waits for that render instead of starting
     * its own, so that a burst of identical dashboards (after a hot swap, say) costs each widget one render
     * and never trips {@code widget.max.in.flight}. Only the render's owner records its latency and caches
     * its view.
     */
    private List<RenderedWidget> renderAll(List<WidgetEntry> entries, CustomerRef customer, Viewer viewer,
                                           TimeRange range, DashboardQuery q, boolean single, long[] expiresAt) {
        long sequence = changes.sequence();
        WidgetRequest base = new WidgetRequest(customer, viewer, range, q.zone(), q.page(), q.filters(), q.panel());
        String requestKey = requestKey(base);
        List<RenderedWidget> out = new ArrayList<>(entries.size());
        List<Future<WidgetView>> futures = new ArrayList<>(entries.size());
        List<ViewCache.Key> keys = new ArrayList<>(entries.size());
        long[] started = new long[entries.size()];
        boolean[] owner = new boolean[entries.size()];
        for (int i = 0; i < entries.size(); i++) {
            WidgetEntry e = entries.get(i);
            ViewCache.Key key = new ViewCache.Key(e.serviceId(), e.descriptor().productId(), customer.id(), requestKey,
                    viewer.permissions());
            keys.add(key);
            ViewCache.Entry cached = cache.entry(key);
            if (cached != null) {
                futures.add(CompletableFuture.completedFuture(cached.view()));
                if (expiresAt != null && expiresAt[0] != 0 && cached.expiresAt() - expiresAt[0] < 0) {
                    expiresAt[0] = cached.expiresAt();
                }
                continue;
            }
            started[i] = System.nanoTime();
            Flight mine = new Flight();
            Flight running = inFlight.putIfAbsent(key, mine);
            if (running != null) {
                futures.add(running.result);
                continue;
            }
            owner[i] = true;
            mine.result.whenComplete((v, t) -> inFlight.remove(key, mine));
            futures.add(submit(e, base, mine));
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(deadlineMs);
        for (int i = 0; i < entries.size(); i++) {
            WidgetEntry e = entries.get(i);
            Future<WidgetView> f = futures.get(i);
            boolean fromCache = started[i] == 0;
            try {
                WidgetView view = f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                long took = System.nanoTime() - started[i];
                if (owner[i]) {
                    e.succeeded(took);
                    Duration refresh = e.descriptor().refresh();
                    cache.put(keys.get(i), view, refresh, sequence);
                }
                if (!fromCache && expiresAt != null && expiresAt[0] != 0) {
                    Duration refresh = e.descriptor().refresh();
                    long viewExpiry = System.nanoTime() + refresh.toNanos();
                    expiresAt[0] = refresh.isZero() || refresh.isNegative() ? 0
                            : viewExpiry - expiresAt[0] < 0 ? viewExpiry : expiresAt[0];
                }
                out.add(new RenderedWidget(e.descriptor(), view, null, fromCache ? 0 : TimeUnit.NANOSECONDS.toMillis(took)));
            } catch (TimeoutException ex) {
                notReusable(expiresAt);
                if (owner[i]) {
                    f.cancel(true);
                }
                out.add(failed(e, started[i], owner[i], "did not answer within " + deadlineMs + " ms"));
            } catch (ExecutionException ex) {
                Throwable cause = ex.getCause();
                if (single && cause instanceof BadWidgetRequestException bad) {
                    if (owner[i]) {
                        e.succeeded(System.nanoTime() - started[i]);
                    }
                    throw new InvalidParameterException(PrivacyFilter.scrub(bad.parameter()), PrivacyFilter.scrub(bad.getMessage()));
                }
                notReusable(expiresAt);
                out.add(failed(e, started[i], owner[i], reason(cause)));
                if (owner[i] && !(cause instanceof RefusedException)) {
                    if (e.shouldLogFailure()) {
                        LOG.warn("Widget {} failed for customer {} (further failures of it are logged at debug "
                                + "level for a minute)", e.descriptor().id(), customer.id(), cause);
                    } else {
                        LOG.debug("Widget {} failed for customer {}", e.descriptor().id(), customer.id(), cause);
                    }
                }
            } catch (CancellationException ex) {
                // A shared render whose owner gave up at its own deadline.
                notReusable(expiresAt);
                out.add(failed(e, started[i], owner[i], "did not answer within " + deadlineMs + " ms"));
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                for (int j = 0; j < futures.size(); j++) {
                    if (owner[j]) {
                        futures.get(j).cancel(true);
                    }
                }
                throw new IllegalStateException("interrupted while rendering the dashboard");
            }
        }
        return out;
    }

    /**
     * One render of one view that several requests may wait for: {@code result} completes when the render
     * does; cancelling it (the owner's deadline) interrupts the rendering thread.
     */
    private static final class Flight {
        final CompletableFuture<WidgetView> result = new CompletableFuture<>() {
            @Override
            public boolean cancel(boolean mayInterruptIfRunning) {
                Future<?> t = task;
                if (t != null) {
                    t.cancel(mayInterruptIfRunning);
                }
                return super.cancel(mayInterruptIfRunning);
            }
        };
        volatile Future<?> task;
    }

    /** Renders in progress, by what they render; see {@link #renderAll}. */
    private final Map<ViewCache.Key, Flight> inFlight = new ConcurrentHashMap<>();

    private static void notReusable(long[] expiresAt) {
        if (expiresAt != null) {
            expiresAt[0] = 0;
        }
    }

    private Future<WidgetView> submit(WidgetEntry e, WidgetRequest request, Flight flight) {
        if (!e.tryEnter(maxInFlight)) {
            flight.result.completeExceptionally(
                    new RefusedException("is not responding: " + maxInFlight + " earlier renders are still running"));
            return flight.result;
        }
        try {
            flight.task = pool.submit(() -> {
                try {
                    if (!e.live()) {
                        throw new RefusedException("was removed while rendering");
                    }
                    WidgetView v = e.widget().render(request);
                    if (v == null) {
                        throw new IllegalStateException("returned no view");
                    }
                    flight.result.complete(PrivacyFilter.filter(v));
                } catch (Throwable t) {
                    flight.result.completeExceptionally(t);
                } finally {
                    e.exit();
                }
            });
        } catch (RejectedExecutionException ex) {
            e.exit();
            flight.result.completeExceptionally(new RefusedException("was not rendered: the server is too busy"));
        }
        return flight.result;
    }

    /** An error card; only the render's owner counts it in the widget's health. */
    private static RenderedWidget failed(WidgetEntry e, long started, boolean owner, String reason) {
        String masked = PrivacyFilter.scrub(reason);
        long took = started == 0 ? 0 : System.nanoTime() - started;
        if (owner) {
            e.failed(took, masked);
        }
        return new RenderedWidget(e.descriptor(), null, masked, TimeUnit.NANOSECONDS.toMillis(took));
    }

    private static String reason(Throwable t) {
        if (t instanceof RefusedException) {
            return t.getMessage();
        }
        if (t instanceof NoClassDefFoundError || t instanceof IllegalStateException && t.getMessage() != null
                && t.getMessage().contains("Invalid BundleContext")) {
            return "was removed while rendering";
        }
        // The vendor's message stays in the server log: free text may carry personal data.
        return "failed with " + t.getClass().getSimpleName();
    }

    private static String requestKey(WidgetRequest r) {
        return r.range().from() + "|" + r.range().to() + "|" + r.zone() + "|" + r.page().cursor() + "|"
                + r.page().limit() + "|" + new TreeMap<>(r.filters()) + "|" + r.panel();
    }

    /** A render the composer refused or abandoned itself; logged without a stack trace. */
    private static final class RefusedException extends Exception {
        private static final long serialVersionUID = 1L;

        RefusedException(String message) {
            super(message, null, false, false);
        }
    }
}
