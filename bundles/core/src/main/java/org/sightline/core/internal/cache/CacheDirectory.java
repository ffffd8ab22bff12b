package org.sightline.core.internal.cache;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import org.osgi.service.component.annotations.Component;
import org.sightline.core.CacheStats;
import org.sightline.core.Caches;

import com.github.benmanes.caffeine.cache.Cache;

/** The caches that registered themselves, for operators. */
@Component(service = Caches.class)
public class CacheDirectory implements Caches {
    private final List<Supplier<CacheStats>> caches = new CopyOnWriteArrayList<>();

    @Override
    public List<CacheStats> caches() {
        return caches.stream().map(Supplier::get).sorted(Comparator.comparing(CacheStats::name)).toList();
    }

    @Override
    public AutoCloseable register(Supplier<CacheStats> stats) {
        Objects.requireNonNull(stats, "stats");
        caches.add(stats);
        return () -> caches.remove(stats);
    }

    /** The figures of a Caffeine cache built with {@code recordStats()}. */
    public static Supplier<CacheStats> of(String name, Cache<?, ?> cache, long maximumSize) {
        return () -> {
            com.github.benmanes.caffeine.cache.stats.CacheStats s = cache.stats();
            return new CacheStats(name, cache.estimatedSize(), maximumSize, s.hitCount(), s.missCount(), s.evictionCount());
        };
    }

    /** Closes a registration, ignoring what cannot fail. */
    public static void close(AutoCloseable registration) {
        try {
            registration.close();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
