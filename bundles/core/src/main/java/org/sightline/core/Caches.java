package org.sightline.core;

import java.util.List;
import java.util.function.Supplier;

import org.osgi.annotation.versioning.ProviderType;
import org.sightline.api.Permissions;
import org.sightline.api.Viewer;

/** Every cache of the server with its figures, for the admin API and the shell. */
@ProviderType
public interface Caches {

    /** The registered caches' figures, by name. */
    List<CacheStats> caches();

    /** The registered caches' figures, for a server operator ({@code server.admin}). @throws ForbiddenException otherwise */
    default List<CacheStats> caches(Viewer caller) {
        Roles.require(caller, Permissions.ADMIN);
        return caches();
    }

    /** Lists a cache; closing the result removes it (when its component goes away). */
    AutoCloseable register(Supplier<CacheStats> stats);
}
