package org.sightline.core.internal.dashboard;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.service.component.annotations.Component;
import org.sightline.api.view.WidgetView;

/**
 * Rendered, filtered widget views, kept for the widget's refresh interval and dropped as soon as
 * ingestion touches the customer and product, or the widget's service goes away.
 */
@Component(service = ViewCache.class)
public class ViewCache {
    /** Everything a rendered view depends on. */
    public record Key(long widgetServiceId, String productId, long customerId, String request, int permissions) {
    }

    private record Entry(WidgetView view, long expiresAt) {
    }

    private static final int MAX_ENTRIES = 20_000;
    private final Map<Key, Entry> entries = new ConcurrentHashMap<>();

    /** The cached view, if fresh. */
    public WidgetView get(Key key) {
        Entry e = entries.get(key);
        if (e == null) {
            return null;
        }
        if (System.nanoTime() - e.expiresAt > 0) {
            entries.remove(key, e);
            return null;
        }
        return e.view;
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

    /** Drops the views of the customer's widgets of the product. */
    public void invalidate(long customerId, String productId) {
        entries.keySet().removeIf(k -> k.customerId() == customerId && k.productId().equals(productId));
    }

    /** Drops every view of the customer (its subscriptions, flags or data changed). */
    public void invalidateCustomer(long customerId) {
        entries.keySet().removeIf(k -> k.customerId() == customerId);
    }

    /** Drops every view of a widget service. */
    public void invalidateWidget(long widgetServiceId) {
        entries.keySet().removeIf(k -> k.widgetServiceId() == widgetServiceId);
    }

    /** Drops everything. */
    public void clear() {
        entries.clear();
    }
}
