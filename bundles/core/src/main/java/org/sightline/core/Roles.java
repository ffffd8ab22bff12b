package org.sightline.core;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.sightline.api.Permissions;
import org.sightline.api.Viewer;

/**
 * Portal roles and the permissions they grant. A partner admin sees all of the partner's customers and
 * may do everything; an engineer sees the customers assigned to them (directly or through a group) and
 * may act on them; a viewer sees the assigned customers read-only. Staff of a view-only partner never
 * get {@link Permissions#CUSTOMER_ACT}. Operating the server ({@link Permissions#ADMIN}) is not a partner role:
 * it is the {@link #OPERATOR} flag of a user.
 */
public final class Roles {
    /** Partner administrator: every customer of the partner, every action, staff and token management. */
    public static final String ADMIN = "admin";
    /** Engineer: assigned customers, actions. */
    public static final String ENGINEER = "engineer";
    /** Viewer: assigned customers, read only. */
    public static final String VIEWER = "viewer";
    /**
     * Server operator: an extra role of a portal user that grants {@link Permissions#ADMIN} (widget health
     * and the admin page, across every partner). Granted from the Karaf shell only.
     */
    public static final String OPERATOR = "operator";
    /** The roles of a read-only API token (partner-wide read access). */
    public static final String TOKEN_READ = "read";
    /** The role of an ingestion token. */
    public static final String TOKEN_INGEST = "ingest";
    /** The portal roles, most powerful first. */
    public static final List<String> PORTAL = List.of(ADMIN, ENGINEER, VIEWER);

    /** Read the audit log and export it. */
    public static final String AUDIT_READ = "audit.read";
    /** Create staff users, manage API tokens. */
    public static final String PARTNER_ADMIN = "partner.admin";

    private Roles() {
    }

    /**
     * The permissions of a portal role. A partner admin administers the partner only; the server's
     * permission ({@link Permissions#ADMIN}) comes with {@code operator} alone.
     *
     * @param role     {@link #ADMIN}, {@link #ENGINEER} or {@link #VIEWER}
     * @param viewOnly whether the user's partner is view-only (then no customer actions)
     * @param operator whether the user operates the server
     */
    public static Set<String> permissions(String role, boolean viewOnly, boolean operator) {
        Set<String> p = new HashSet<>();
        if (operator) {
            p.add(Permissions.ADMIN);
        }
        switch (role) {
            case ADMIN -> p.addAll(Set.of(Permissions.CUSTOMER_READ, Permissions.CUSTOMER_ACT, Permissions.USAGE_READ,
                    AUDIT_READ, PARTNER_ADMIN));
            case ENGINEER -> p.addAll(Set.of(Permissions.CUSTOMER_READ, Permissions.CUSTOMER_ACT, Permissions.USAGE_READ));
            case VIEWER -> p.addAll(Set.of(Permissions.CUSTOMER_READ, Permissions.USAGE_READ));
            default -> {
                // unknown role: nothing
            }
        }
        if (viewOnly) {
            p.remove(Permissions.CUSTOMER_ACT);
        }
        return p;
    }

    /**
     * The permissions of an API token of the scope: an ingestion token only ingests; a read-only token
     * reads every customer of its partner.
     *
     * @param scope {@link TokenService#SCOPE_INGEST} or {@link TokenService#SCOPE_READ}
     */
    public static Set<String> tokenPermissions(String scope) {
        return TokenService.SCOPE_INGEST.equals(scope) ? Set.of(Permissions.INGEST)
                : Set.of(Permissions.CUSTOMER_READ, Permissions.USAGE_READ);
    }

    /**
     * The one permission check of the core's services: the viewer, if it holds the permission.
     *
     * @throws ForbiddenException otherwise
     */
    public static Viewer require(Viewer viewer, String permission) {
        if (viewer == null || !viewer.can(permission)) {
            throw new ForbiddenException("this needs the '" + permission + "' permission");
        }
        return viewer;
    }

    /** Whether the viewer sees every customer of its partner (an admin, or a read-only token). */
    public static boolean partnerWide(Viewer viewer) {
        return viewer.roles().contains(ADMIN) || viewer.roles().contains(TOKEN_READ);
    }
}
