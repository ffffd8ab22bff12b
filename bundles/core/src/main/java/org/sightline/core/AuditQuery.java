package org.sightline.core;

import java.time.Instant;

/**
 * Filters of the audit log, newest first.
 *
 * @param from       earliest time (inclusive), or {@code null}
 * @param to         latest time (exclusive), or {@code null}
 * @param actor      only this user, or {@code null}
 * @param customerId only this customer, or {@code null}
 * @param action     only this action, or actions starting with it when it ends in {@code .}, or {@code null}
 * @param cursor     where the previous page ended, or {@code null}
 * @param limit      page size, 1 to 1000
 */
public record AuditQuery(Instant from, Instant to, String actor, Long customerId, String action, String cursor,
                         int limit) {
}
