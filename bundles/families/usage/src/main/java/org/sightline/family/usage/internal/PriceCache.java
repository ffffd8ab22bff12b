package org.sightline.family.usage.internal;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.sightline.api.usage.PriceList;
import org.sightline.core.CacheStats;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Committed price lists (cache {@code usage.prices}), so that storing a batch does not read every
 * customer's prices again: at most {@link #MAX_ENTRIES}, each for {@link #TTL_MILLIS} in case the table is
 * edited by hand.
 * <p>
 * All price writes go through {@link UsageLogService}, which calls {@link #changing} before each. A
 * changed list is then <em>unstable</em> for {@link #UNSTABLE_MILLIS}: its writer's transaction may not
 * have committed (or may roll back), so stores read it in their own transaction and nothing caches it.
 * Entries are only filled from reads through the pool (committed data) that began after the last change
 * ({@link #stamp}). This is the family's own transaction rule, not a change of the core's: it stays here.
 */
final class PriceCache {
    static final long TTL_MILLIS = 60_000;
    static final long UNSTABLE_MILLIS = 600_000;
    static final long MAX_ENTRIES = 100_000;
    /** What {@link #get} answers for a list changed lately. */
    static final Lookup UNSTABLE = new Lookup(null);

    /** A cached list ({@code null}: the customer has none). */
    record Lookup(PriceList list) {
    }

    private record Key(long customerId, String productId) {
    }

    private final Cache<Key, Lookup> entries = Caffeine.newBuilder()
            .maximumSize(MAX_ENTRIES)
            .expireAfterWrite(Duration.ofMillis(TTL_MILLIS))
            .recordStats()
            .build();
    /** Lists changed lately; bounded by time only: dropping one early could cache an uncommitted list. */
    private final Cache<Key, Boolean> unstable = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofMillis(UNSTABLE_MILLIS))
            .build();
    private final AtomicLong changes = new AtomicLong();

    /** The cached entry, {@link #UNSTABLE}, or {@code null} when it must be read through the pool. */
    Lookup get(long customerId, String productId) {
        Key key = new Key(customerId, productId);
        if (unstable.getIfPresent(key) != null) {
            return UNSTABLE;
        }
        return entries.getIfPresent(key);
    }

    /** A stamp to take before reading through the pool; pass it to {@link #put}. */
    long stamp() {
        return changes.get();
    }

    /** Caches a committed list read after {@code stamp}, unless a change came in meanwhile. */
    void put(long customerId, String productId, PriceList list, long stamp) {
        Key key = new Key(customerId, productId);
        if (changes.get() == stamp && unstable.getIfPresent(key) == null) {
            entries.put(key, new Lookup(list));
        }
    }

    /** Called before a price list is written or deleted. */
    void changing(long customerId, String productId) {
        Key key = new Key(customerId, productId);
        unstable.put(key, Boolean.TRUE);
        changes.incrementAndGet();
        entries.invalidate(key);
    }

    /** The cache's figures, for the core's {@code Caches}. */
    Supplier<CacheStats> stats() {
        return () -> {
            com.github.benmanes.caffeine.cache.stats.CacheStats s = entries.stats();
            return new CacheStats("usage.prices", entries.estimatedSize(), MAX_ENTRIES, s.hitCount(), s.missCount(),
                    s.evictionCount());
        };
    }
}
