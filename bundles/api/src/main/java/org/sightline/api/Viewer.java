package org.sightline.api;

import java.util.Objects;
import java.util.Set;

/**
 * The signed-in portal user (or machine client) on whose behalf a request runs.
 *
 * @param user        the user name, as recorded in the audit log
 * @param partnerId   the partner (tenant) the user belongs to
 * @param roles       the user's roles, for example {@code admin}, {@code engineer}, {@code viewer}
 * @param permissions the permissions those roles grant, see {@link Permissions}
 */
public record Viewer(String user, long partnerId, Set<String> roles, Set<String> permissions) {
    public Viewer {
        Objects.requireNonNull(user, "user");
        roles = Set.copyOf(roles);
        permissions = Set.copyOf(permissions);
    }

    /** Whether the viewer holds the given permission. */
    public boolean can(String permission) {
        return permissions.contains(permission);
    }
}
