package org.sightline.core;

/**
 * One cache's figures since the server started, for operators.
 *
 * @param name        what the cache holds, e.g. {@code core.views}
 * @param size        entries held now (approximate)
 * @param maximumSize the bound on entries, or -1 when only time bounds it
 * @param hits        lookups answered from the cache
 * @param misses      lookups that had to compute or read
 * @param evictions   entries dropped for size or age (not for a change)
 */
public record CacheStats(String name, long size, long maximumSize, long hits, long misses, long evictions) {

    /** Hits per lookup, 0 to 1; 1 when there was no lookup yet. */
    public double hitRatio() {
        long total = hits + misses;
        return total == 0 ? 1.0 : (double) hits / total;
    }
}
