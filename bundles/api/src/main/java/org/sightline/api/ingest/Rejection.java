package org.sightline.api.ingest;

import java.util.Objects;

/**
 * A line that was not stored, and why.
 *
 * @param line   1-based line number
 * @param field  the field at fault, or {@code null} when the whole line is
 * @param reason what is wrong, for the sender's logs
 */
public record Rejection(int line, String field, String reason) {
    public Rejection {
        Objects.requireNonNull(reason, "reason");
    }
}
