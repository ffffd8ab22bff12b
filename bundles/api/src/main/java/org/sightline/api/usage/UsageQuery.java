package org.sightline.api.usage;

import java.util.Objects;

import org.sightline.api.widget.TimeRange;

/**
 * Which usage records to list, newest first.
 *
 * @param range     records whose time falls in this range
 * @param direction only this direction, or {@code null} for all
 * @param status    only this status code, or {@code null} for all
 * @param cursor    {@link UsagePage#nextCursor()} of the previous page, or {@code null} for the first
 * @param limit     page size, 1 to 500
 */
public record UsageQuery(TimeRange range, Direction direction, String status, String cursor, int limit) {
    public UsageQuery {
        Objects.requireNonNull(range, "range");
        if (limit < 1 || limit > 500) {
            throw new IllegalArgumentException("limit must be between 1 and 500");
        }
    }
}
