package org.sightline.core.internal.auth;

import java.util.List;

import org.sightline.core.StaffDirectory;
import org.sightline.core.StaffUser;

/**
 * The staff directory's writing side, inside the core only (never exported): {@link org.sightline.core.StaffAdmin}
 * (which checks the caller and audits) and the sample-data loader use it. It takes raw ids and checks nothing.
 */
public interface StaffAccounts extends StaffDirectory {

    /**
     * Creates a staff user.
     *
     * @param password the initial password, or {@code null} for a user whose password an external realm
     *                 (LDAP) checks
     * @throws org.sightline.core.InvalidParameterException naming the field at fault
     * @throws org.sightline.core.ConflictException         when the username cannot be used (taken, in any partner: usernames are
     *                                     what people sign in with, so they are unique in the server; the answer
     *                                     does not say whose it is)
     */
    StaffUser create(long partnerId, String username, String displayName, String role, char[] password);

    /** Sets a new password; credentials verified with the old one stop working at once. */
    void setPassword(String username, char[] password);

    /**
     * Enables or disables a user; a disabled user's sessions end, and credentials verified before stop
     * working at once. Not scope-checked: for operators; partner admins go through {@link org.sightline.core.StaffAdmin}.
     */
    void setEnabled(String username, boolean enabled);

    /** Makes the user a server operator ({@link org.sightline.core.Roles#OPERATOR}), or no longer one. For operators (the shell) only. */
    void setOperator(String username, boolean operator);

    /** The partner's staff, by username. */
    List<StaffUser> list(long partnerId);

    /** Assigns the user to a customer of the same partner. */
    void assignCustomer(long staffId, long customerId);

    /** Assigns the user to a customer group of the same partner. */
    void assignGroup(long staffId, long groupId);

    /** Ends the user's direct assignment to a customer; {@code false} if there was none. */
    boolean unassignCustomer(long staffId, long customerId);

    /** Ends the user's assignment to a customer group; {@code false} if there was none. */
    boolean unassignGroup(long staffId, long groupId);

    /** The user's direct and group assignments. */
    Assignments assignments(long staffId);
}
