package org.sightline.core;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Partner staff: the portal's own users, their roles, passwords (bcrypt) and assignments to customers
 * and customer groups. The {@code sightline} JAAS realm checks passwords here.
 */
@ProviderType
public interface StaffDirectory {

    /**
     * Creates a staff user.
     *
     * @param password the initial password, or {@code null} for a user whose password an external realm
     *                 (LDAP) checks
     * @throws InvalidParameterException naming the field at fault
     * @throws ConflictException           when the username cannot be used (taken, in any partner: usernames are
     *                                     what people sign in with, so they are unique in the server; the answer
     *                                     does not say whose it is)
     */
    StaffUser create(long partnerId, String username, String displayName, String role, char[] password);

    /** The user with that username, enabled or not. */
    Optional<StaffUser> find(String username);

    /**
     * The enabled user whose password matches. Takes about as long for an unknown user as for a known
     * one, so response times do not reveal which usernames exist.
     */
    Optional<StaffUser> checkPassword(String username, char[] password);

    /** Sets a new password; credentials verified with the old one stop working at once. */
    void setPassword(String username, char[] password);

    /**
     * Enables or disables a user; a disabled user's sessions end, and credentials verified before stop
     * working at once. Not scope-checked: for operators; partner admins go through {@link StaffAdmin}.
     */
    void setEnabled(String username, boolean enabled);

    /** Makes the user a server operator ({@link Roles#OPERATOR}), or no longer one. For operators (the shell) only. */
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

    /**
     * The user's assignments.
     *
     * @param customers the customers assigned directly, by id
     * @param groups    the customer groups ("pods") assigned, by id
     */
    record Assignments(List<Long> customers, List<Long> groups) {
    }

    /** The user's direct and group assignments. */
    Assignments assignments(long staffId);
}
