package org.sightline.core;

import java.util.List;
import java.util.function.Supplier;

import org.osgi.annotation.versioning.ProviderType;

/** Every cache of the server with its figures, for the admin API and the shell. */
@ProviderType
public interface Caches {

    /** The registered caches' figures, by name. */
    List<CacheStats> caches();

    /** Lists a cache; closing the result removes it (when its component goes away). */
    AutoCloseable register(Supplier<CacheStats> stats);
}
