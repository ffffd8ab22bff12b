package org.sightline.core;

import java.time.Instant;

/**
 * One audit log entry: who did what, when, to which customer, and how it ended.
 *
 * @param id         entry id (0 before it is stored)
 * @param at         when
 * @param partnerId  the partner the actor acted for, or {@code null} (an unknown user's failed sign-in)
 * @param actor      the username, {@code token:<name>} for an API token, or the name tried at sign-in
 * @param action     what, such as {@code customer.pin} (see {@link AuditLog})
 * @param customerId the customer acted on, or {@code null}
 * @param customer   the customer's name and account id at the time, or {@code null}
 * @param outcome    {@link AuditLog#OK}, {@link AuditLog#DENIED} or {@link AuditLog#FAILED}
 * @param detail     a short description (never a password or personal data of the customer's users)
 * @param address    the client address, when known
 */
public record AuditEntry(long id, Instant at, Long partnerId, String actor, String action, Long customerId,
                         String customer, String outcome, String detail, String address) {
}
