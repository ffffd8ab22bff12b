package org.sightline.core;

import java.util.Set;

import org.sightline.api.Viewer;

/**
 * A partner's staff member (a portal user).
 *
 * @param id              user id
 * @param partnerId       the partner the user works for
 * @param partnerName     that partner's name
 * @param partnerViewOnly whether that partner is view-only (its staff never act on customers)
 * @param username        the sign-in name, unique in the server
 * @param displayName     the name shown to other staff
 * @param role            {@link Roles#ADMIN}, {@link Roles#ENGINEER} or {@link Roles#VIEWER}
 * @param enabled         whether the user may sign in
 * @param localPassword   whether the portal holds a password for the user (false: an external realm checks it)
 * @param operator        whether the user also operates the server ({@link Roles#OPERATOR}: widget health, the
 *                        admin page); granted from the Karaf shell only, never by a partner admin
 * @param credentialVersion grows whenever the password, {@code enabled} or {@code operator} changes: a cache of
 *                        verified credentials holds only while it is unchanged
 */
public record StaffUser(long id, long partnerId, String partnerName, boolean partnerViewOnly, String username,
                        String displayName, String role, boolean enabled, boolean localPassword, boolean operator,
                        long credentialVersion) {

    /** The permissions the user's role grants in the user's partner, and the server's to an operator. */
    public Set<String> permissions() {
        return Roles.permissions(role, partnerViewOnly, operator);
    }

    /** The user as the viewer of a request. */
    public Viewer viewer() {
        return new Viewer(username, partnerId, operator ? Set.of(role, Roles.OPERATOR) : Set.of(role), permissions());
    }
}
