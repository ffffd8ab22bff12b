package org.sightline.api.governance;

import java.time.LocalDate;
import java.util.Objects;

import org.sightline.api.CustomerRef;

/**
 * One day's count of one measure of a governance product for a customer, such as the high-risk items in
 * the customer's Teams on 2026-11-30.
 *
 * @param customer the customer
 * @param day      the day (in the sender's reckoning; the portal shows it as that date)
 * @param measure  the measure's id, such as {@code high-risk}: lower case letters, digits and dashes
 * @param kind     what the count is about within the customer, such as {@code teams}, or {@link #ALL}
 * @param value    the count, zero or more
 */
public record DailyCount(CustomerRef customer, LocalDate day, String measure, String kind, long value) {
    /** The kind of a count that is not broken down. */
    public static final String ALL = "all";

    public DailyCount {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(measure, "measure");
        Objects.requireNonNull(kind, "kind");
        if (!measure.matches("[a-z0-9-]{1,40}") || !kind.matches("[a-z0-9-]{1,40}")) {
            throw new IllegalArgumentException("measure and kind are lower case letters, digits and dashes (1-40)");
        }
        if (value < 0) {
            throw new IllegalArgumentException("a count is zero or more");
        }
    }
}
