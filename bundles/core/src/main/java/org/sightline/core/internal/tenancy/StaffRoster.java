package org.sightline.core.internal.tenancy;

import java.util.Collection;
import java.util.Map;

/**
 * What tenancy needs to know about staff users, whose table ({@code staff_user}) it does not own: the staff
 * directory (package {@code internal.auth}) implements it. Tenancy keeps who is assigned to what
 * ({@code staff_customer}, {@code staff_group}, {@code customer_pin}) by staff id, and asks here for a user's id and
 * for the names shown in the customer list.
 */
public interface StaffRoster {

    /** The id of the partner's user with that username, or -1 when the partner has none. */
    long idOf(long partnerId, String username);

    /** The username and display name of each of the partner's users, by id. */
    Map<Long, StaffName> ofPartner(long partnerId);

    /** The username and display name of each of these users that exists, by id. */
    Map<Long, StaffName> named(Collection<Long> staffIds);

    /** A staff user as the customer list shows them. */
    record StaffName(String username, String displayName) {
    }
}
