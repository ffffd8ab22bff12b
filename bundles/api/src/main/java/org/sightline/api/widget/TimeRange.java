package org.sightline.api.widget;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A half-open time range {@code [from, to)}.
 *
 * @param from inclusive start
 * @param to   exclusive end, after {@code from}
 */
public record TimeRange(Instant from, Instant to) {
    public TimeRange {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("the end of a time range must be after its start");
        }
    }

    /** The range that ends at {@code end} and lasts {@code length}. */
    public static TimeRange ending(Instant end, Duration length) {
        return new TimeRange(end.minus(length), end);
    }

    /** Whether the instant falls in the range. */
    public boolean contains(Instant t) {
        return !t.isBefore(from) && t.isBefore(to);
    }

    /** The range's length. */
    public Duration length() {
        return Duration.between(from, to);
    }
}
