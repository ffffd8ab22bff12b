package org.sightline.core;

import org.osgi.annotation.versioning.ProviderType;
import org.sightline.api.Viewer;

/**
 * Staff administration with the caller's rights: a partner admin creates, disables and re-enables the
 * partner's own staff; an operator (the Karaf shell) any user's. Every method checks the caller's
 * permission and scope (a user of another partner is {@link NotFoundException}, as if it did not exist)
 * and writes the audit entry itself.
 */
@ProviderType
public interface StaffAdmin {

    /**
     * Creates a user in the caller's partner.
     *
     * @throws ForbiddenException        without {@link Roles#PARTNER_ADMIN}
     * @throws InvalidParameterException naming the field at fault
     * @throws ConflictException         when the username cannot be used (in this partner or any other: the
     *                                   answer is the same)
     */
    StaffUser create(Viewer caller, String username, String displayName, String role, char[] password);

    /**
     * Disables or re-enables a user of the caller's partner. Disabling ends the user's sessions and revokes
     * the API tokens the user created, and their credentials stop working on the next request.
     *
     * @throws ForbiddenException without {@link Roles#PARTNER_ADMIN}, or when admins disable themselves
     * @throws NotFoundException  when there is no such user in the caller's partner
     */
    StaffUser setEnabled(Viewer caller, String username, boolean enabled);

    /**
     * Disables or re-enables any user, as a server operator (the Karaf shell): the same effects as
     * {@link #setEnabled(Viewer, String, boolean)}, audited in the user's partner with the operator's name.
     *
     * @param operator who runs it ({@code server.admin}), named in the audit log (the shell user)
     * @throws ForbiddenException without {@code server.admin}
     * @throws NotFoundException when there is no such user
     */
    StaffUser setEnabledAsOperator(Viewer operator, String username, boolean enabled);

    /**
     * Creates a portal user in any partner, as a server operator (the shell's {@code user-add}); audited as
     * {@code staff.create} in that partner under the operator's name.
     *
     * @param serverOperator whether the user is also a server operator ({@code server.admin})
     * @param password       the password, or {@code null} for a user who signs in through LDAP only
     * @throws ForbiddenException        without {@code server.admin}
     * @throws InvalidParameterException naming the field at fault
     * @throws ConflictException         when the username cannot be used
     */
    StaffUser createAsOperator(Viewer operator, long partnerId, String username, String displayName, String role,
                               char[] password, boolean serverOperator);

    /**
     * Sets any user's password (and unlocks the user), as a server operator; audited as {@code staff.password}.
     *
     * @throws ForbiddenException without {@code server.admin}
     * @throws NotFoundException  when there is no such user
     */
    void setPasswordAsOperator(Viewer operator, String username, char[] password);

    /**
     * Grants or revokes a user's server-operator role ({@code server.admin}); audited as {@code staff.operator}.
     *
     * @throws ForbiddenException without {@code server.admin}
     * @throws NotFoundException  when there is no such user
     */
    void setServerOperator(Viewer operator, String username, boolean serverOperator);

    /**
     * The staff of the caller's partner, by username.
     *
     * @throws ForbiddenException without {@link Roles#PARTNER_ADMIN}
     */
    java.util.List<StaffUser> list(Viewer caller);

    /**
     * The assignments of a user of the caller's partner, or of any partner for a server operator.
     *
     * @throws ForbiddenException without {@link Roles#PARTNER_ADMIN} or {@code server.admin}
     * @throws NotFoundException  when there is no such user in the caller's partner
     */
    StaffDirectory.Assignments assignments(Viewer caller, String username);

    /** What a user is assigned to. */
    enum Target {
        /** one customer, directly */
        CUSTOMER,
        /** a customer group (a "pod") */
        GROUP
    }

    /**
     * Assigns a user of the caller's partner to a customer or customer group the caller sees (idempotent), or
     * ends that assignment; audited ({@code staff.assign}, {@code staff.unassign}). A server operator (the
     * shell) does the same for a user of any partner, as if an admin of the user's partner, audited in that
     * partner under the operator's name.
     *
     * @throws ForbiddenException without {@link Roles#PARTNER_ADMIN} or {@code server.admin}
     * @throws NotFoundException  when the user, customer or group is not the caller's partner's, or, when
     *                            unassigning, the user was not assigned to it
     */
    void assign(Viewer caller, String username, Target target, long id, boolean assign);
}
