package org.sightline.core.internal.dashboard;

import java.time.Duration;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.sightline.api.view.WidgetView;
import org.sightline.core.Caches;
import org.sightline.core.Changes;
import org.sightline.core.Changes.Change;
import org.sightline.core.internal.cache.CacheDirectory;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

/**
 * Rendered, filtered widget views (cache {@code core.views}), kept for the widget's refresh interval, at
 * most {@link #MAX_ENTRIES}, and dropped as soon as {@link Changes} announces a change of what they show:
 * the customer's data of the product, the customer, the product, or the widget's service gone.
 * Writers never call it: they announce what changed through {@link Changes}, and every cache that
 * depends on it hears of it, not only this one.
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

    static final int MAX_ENTRIES = 20_000;
    private final Changes changes;
    private final Cache<Key, Entry> entries = Caffeine.newBuilder()
            .maximumSize(MAX_ENTRIES)
            .expireAfter(new Expiry<Key, Entry>() {
                @Override
                public long expireAfterCreate(Key key, Entry e, long now) {
                    return Math.max(0, e.expiresAt() - System.nanoTime());
                }

                @Override
                public long expireAfterUpdate(Key key, Entry e, long now, long current) {
                    return expireAfterCreate(key, e, now);
                }

                @Override
                public long expireAfterRead(Key key, Entry e, long now, long current) {
                    return current;
                }
            })
            .recordStats()
            .build();
    private final AutoCloseable subscription;
    private final AutoCloseable registration;

    @Activate
    public ViewCache(@Reference Changes changes, @Reference Caches caches) {
        this.changes = changes;
        this.subscription = changes.subscribe(c -> entries.asMap().keySet().removeIf(k -> affects(c, k)));
        this.registration = caches.register(CacheDirectory.of("core.views", entries, MAX_ENTRIES));
    }

    @Deactivate
    void deactivate() {
        CacheDirectory.close(subscription);
        CacheDirectory.close(registration);
    }

    /** Whether the change may alter the view kept under the key. */
    static boolean affects(Change change, Key k) {
        if (change instanceof Changes.CustomerData d) {
            return d.customerId() == k.customerId() && d.productId().equals(k.productId());
        }
        if (change instanceof Changes.Customer c) {
            return c.customerId() == k.customerId();
        }
        if (change instanceof Changes.WidgetGone w) {
            return w.widgetServiceId() == k.widgetServiceId();
        }
        if (change instanceof Changes.Product p) {
            // The core's subscriptions card lists every product's catalogue entry.
            return p.productId().equals(k.productId()) || DashboardComposer.CORE_PRODUCT.equals(k.productId());
        }
        return change instanceof Changes.Everything;
    }

    /** The cached view with its expiry, if fresh. */
    public Entry entry(Key key) {
        Entry e = entries.getIfPresent(key);
        return e == null || System.nanoTime() - e.expiresAt() > 0 ? null : e;
    }

    /** Caches a view for {@code ttl}. */
    public void put(Key key, WidgetView view, Duration ttl) {
        if (ttl.isZero() || ttl.isNegative()) {
            return;
        }
        entries.put(key, new Entry(view, System.nanoTime() + ttl.toNanos()));
    }

    /**
     * Caches a view for {@code ttl} unless a change that affects it was announced after {@code sequence}
     * ({@link Changes#sequence()}, noted before rendering): the view may show the old data.
     */
    public void put(Key key, WidgetView view, Duration ttl, long sequence) {
        put(key, view, ttl);
        if (changes.changedSince(sequence, c -> affects(c, key))) {
            entries.invalidate(key);
        }
    }
}
