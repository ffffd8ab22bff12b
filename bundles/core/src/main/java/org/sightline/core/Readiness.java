package org.sightline.core;

import java.util.Map;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Whether the server can serve requests now, as opposed to merely running: what {@code GET /api/v1/health/ready}
 * answers. Liveness ({@code GET /api/v1/health}) does not ask this.
 */
@ProviderType
public interface Readiness {

    /** The name of the database check. */
    String DATABASE = "database";

    /**
     * Runs every check, each within a few seconds.
     *
     * @return each check's name and whether it passed, in a stable order
     */
    Map<String, Boolean> checks();
}
