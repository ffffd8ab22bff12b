package org.sightline.core.internal.dashboard;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

import org.osgi.service.component.annotations.Component;
import org.sightline.api.view.WidgetView;

/**
 * Rendered, filtered widget views, kept for the widget's refresh interval and dropped as soon as
 * ingestion touches the customer and product, or the widget's service goes away.
 * <p>
 * Every invalidation also advances an epoch ({@link #epoch(long)}): per customer (a fixed number of
 * slots that customers share by id) and for everything. Whoever keeps something derived from the views,
 * such as a composed dashboard, notes the epoch before reading and keeps its result only while the epoch
 * is unchanged. Epochs advance after the change they announce is committed, so a reader that noted the
 * old epoch and read old data is found out.
 */
@Component(service = ViewCache.class)
public class ViewCache {
    /**
     * Everything a rendered view depends on: the widget service, the customer, the request (range, zone,
     * paging, filters, panel) and the viewer's permissions themselves (not a hash of them: two sets with
     * equal hashes must not share views).
     */
    public record Key(long widgetServiceId, String productId, long customerId, String request, Set<String> permissions) {
        public Key {
            permissions = Set.copyOf(permissions);
        }
    }

    /**
     * A cached view.
     *
     * @param view      the filtered view
     * @param expiresAt {@link System#nanoTime()} at which it stops being fresh
     */
    public record Entry(WidgetView view, long expiresAt) {
    }

    private static final int MAX_ENTRIES = 20_000;
    private static final int EPOCH_SLOTS = 1024;
    private final Map<Key, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong everything = new AtomicLong();
    private final AtomicLongArray customers = new AtomicLongArray(EPOCH_SLOTS);

    /** The cached view with its expiry, if fresh. */
    public Entry entry(Key key) {
        Entry e = entries.get(key);
        if (e == null) {
            return null;
        }
        if (System.nanoTime() - e.expiresAt > 0) {
            entries.remove(key, e);
            return null;
        }
        return e;
    }

    /**
     * The customer's epoch: it changes whenever views of the customer (or all views) are dropped. Note it
     * before rendering or reading; a result is current while the epoch has not changed.
     */
    public long epoch(long customerId) {
        return everything.get() + customers.get(slot(customerId));
    }

    private static int slot(long customerId) {
        return (int) Math.floorMod(customerId ^ (customerId >>> 32), (long) EPOCH_SLOTS);
    }

    /** Caches a view for {@code ttl}. */
    public void put(Key key, WidgetView view, Duration ttl) {
        if (ttl.isZero() || ttl.isNegative()) {
            return;
        }
        if (entries.size() >= MAX_ENTRIES) {
            long now = System.nanoTime();
            entries.values().removeIf(e -> now - e.expiresAt > 0);
            if (entries.size() >= MAX_ENTRIES) {
                entries.clear();
            }
        }
        entries.put(key, new Entry(view, System.nanoTime() + ttl.toNanos()));
    }

    /** Caches a view for {@code ttl} if the customer's epoch is still {@code epoch} (nothing changed meanwhile). */
    public void put(Key key, WidgetView view, Duration ttl, long epoch) {
        put(key, view, ttl);
        if (epoch(key.customerId()) != epoch) {
            // An invalidation ran while this view was rendered: it may show the old data.
            entries.remove(key);
        }
    }

    /** Drops the views of the customer's widgets of the product. */
    public void invalidate(long customerId, String productId) {
        entries.keySet().removeIf(k -> k.customerId() == customerId && k.productId().equals(productId));
        customers.incrementAndGet(slot(customerId));
    }

    /** Drops every view of the customer (its subscriptions, flags or data changed). */
    public void invalidateCustomer(long customerId) {
        entries.keySet().removeIf(k -> k.customerId() == customerId);
        customers.incrementAndGet(slot(customerId));
    }

    /**
     * Drops every view of a widget service. Other widgets' views and the epochs stay: nobody asks for a
     * departed service's views again, and a composed dashboard that showed it is found out by the registry
     * (see {@code DashboardComposer}), so a hot swap costs the views of the swapped widgets only.
     */
    public void invalidateWidget(long widgetServiceId) {
        entries.keySet().removeIf(k -> k.widgetServiceId() == widgetServiceId);
    }

    /**
     * Drops the views of one product's widgets for every customer (the core's subscriptions card when a
     * product comes or goes, say) and announces it to everything derived from views.
     */
    public void invalidateProduct(String productId) {
        entries.keySet().removeIf(k -> k.productId().equals(productId));
        everything.incrementAndGet();
    }

    /** Drops everything. */
    public void clear() {
        entries.clear();
        everything.incrementAndGet();
    }
}
