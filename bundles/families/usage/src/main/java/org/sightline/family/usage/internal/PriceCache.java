package org.sightline.family.usage.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.sightline.api.usage.PriceList;

/**
 * Committed price lists, so that storing a batch does not read every customer's prices again.
 * <p>
 * All price writes go through {@link UsageLogService}, which calls {@link #changing} before each. A
 * changed list is then <em>unstable</em> for {@link #UNSTABLE_MILLIS}: its writer's transaction may not
 * have committed (or may roll back), so stores read it in their own transaction and nothing caches it.
 * Entries are only filled from reads through the pool (committed data) that began after the last change
 * ({@link #stamp}), and expire after {@link #TTL_MILLIS} in case the table is edited by hand.
 */
final class PriceCache {
    static final long TTL_MILLIS = 60_000;
    static final long UNSTABLE_MILLIS = 600_000;
    /** What {@link #get} answers for a list changed lately. */
    static final Lookup UNSTABLE = new Lookup(null, 0);

    /** A cached list ({@code null}: the customer has none) and when it expires. */
    record Lookup(PriceList list, long expires) {
    }

    private record Key(long customerId, String productId) {
    }

    private final Map<Key, Lookup> entries = new ConcurrentHashMap<>();
    private final Map<Key, Long> unstable = new ConcurrentHashMap<>();
    private final AtomicLong changes = new AtomicLong();

    /** The cached entry, {@link #UNSTABLE}, or {@code null} when it must be read through the pool. */
    Lookup get(long customerId, String productId) {
        Key key = new Key(customerId, productId);
        long now = System.currentTimeMillis();
        Long until = unstable.get(key);
        if (until != null) {
            if (now < until) {
                return UNSTABLE;
            }
            unstable.remove(key, until);
        }
        Lookup hit = entries.get(key);
        return hit == null || hit.expires() < now ? null : hit;
    }

    /** A stamp to take before reading through the pool; pass it to {@link #put}. */
    long stamp() {
        return changes.get();
    }

    /** Caches a committed list read after {@code stamp}, unless a change came in meanwhile. */
    void put(long customerId, String productId, PriceList list, long stamp) {
        Key key = new Key(customerId, productId);
        if (changes.get() == stamp && !unstable.containsKey(key)) {
            entries.put(key, new Lookup(list, System.currentTimeMillis() + TTL_MILLIS));
        }
    }

    /** Called before a price list is written or deleted. */
    void changing(long customerId, String productId) {
        Key key = new Key(customerId, productId);
        unstable.put(key, System.currentTimeMillis() + UNSTABLE_MILLIS);
        changes.incrementAndGet();
        entries.remove(key);
    }
}
