package org.sightline.core;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Partner staff as the sign-in path sees them: a user by username and a password check (bcrypt). The
 * {@code sightline} JAAS realm and the web layer's front door use it; they take no id and change nothing.
 * Changes to staff (create, passwords, enabling, roles, assignments) go through {@link StaffAdmin}, which
 * checks the caller's permission and scope and audits; since 4.0 this interface has no writing methods.
 */
@ProviderType
public interface StaffDirectory {

    /** The user with that username, enabled or not. */
    Optional<StaffUser> find(String username);

    /**
     * The enabled user whose password matches. Takes about as long for an unknown user as for a known
     * one, so response times do not reveal which usernames exist.
     */
    Optional<StaffUser> checkPassword(String username, char[] password);

    /**
     * The user's assignments.
     *
     * @param customers the customers assigned directly, by id
     * @param groups    the customer groups ("pods") assigned, by id
     */
    record Assignments(List<Long> customers, List<Long> groups) {
    }
}
