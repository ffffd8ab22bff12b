package org.sightline.api.ingest;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;

import org.sightline.api.CustomerRef;

/**
 * One parsed NDJSON line: its line number, the customer it belongs to (resolved by the core from the
 * line's {@code customer} field), its {@code id} and its other fields as parsed JSON values
 * ({@code String}, {@code BigDecimal}, {@code Long}, {@code Boolean}, {@code Map}, {@code List} or
 * {@code null}).
 * <p>
 * The typed getters throw {@link InvalidRecordException} naming the field, which a handler can turn
 * into a {@link Rejection} with {@link InvalidRecordException#rejection(int)}.
 *
 * @param line     1-based line number in the request body
 * @param customer the customer the record belongs to
 * @param recordId the record's id, unique per customer and product
 * @param fields   the line's fields other than {@code id} and {@code customer}
 */
public record IngestRecord(int line, CustomerRef customer, String recordId, Map<String, Object> fields) {
    public IngestRecord {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(recordId, "recordId");
        fields = Collections.unmodifiableMap(fields);
    }

    /** A required, non-blank string of at most {@code maxLength} characters. */
    public String string(String field, int maxLength) throws InvalidRecordException {
        Object v = fields.get(field);
        if (!(v instanceof String s) || s.isBlank()) {
            throw new InvalidRecordException(field, v == null ? "is missing" : "must be a non-empty string");
        }
        if (s.length() > maxLength) {
            throw new InvalidRecordException(field, "is longer than " + maxLength + " characters");
        }
        return s;
    }

    /** An optional string: {@code null} when absent. */
    public String optionalString(String field, int maxLength) throws InvalidRecordException {
        return fields.get(field) == null ? null : string(field, maxLength);
    }

    /** A required string that is one of {@code allowed}. */
    public String oneOf(String field, java.util.Set<String> allowed) throws InvalidRecordException {
        String s = string(field, 64);
        if (!allowed.contains(s)) {
            throw new InvalidRecordException(field, "must be one of " + new java.util.TreeSet<>(allowed) + ", was '" + s + "'");
        }
        return s;
    }

    /** Records may be no older than this: the start of the year 2000. */
    public static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

    /** Records may be at most this far in the future (clocks that run ahead). */
    public static final java.time.Duration AHEAD = java.time.Duration.ofDays(1);

    /**
     * A required ISO-8601 instant, such as {@code 2026-11-21T10:15:30Z}, from {@link #EARLIEST} to {@link #AHEAD}
     * after now: a time outside that window is a sender's mistake that would break paging and daily series.
     */
    public Instant instant(String field) throws InvalidRecordException {
        String s = string(field, 64);
        Instant t;
        try {
            t = Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw new InvalidRecordException(field, "must be an ISO-8601 instant such as 2026-11-21T10:15:30Z");
        }
        if (t.isBefore(EARLIEST) || t.isAfter(Instant.now().plus(AHEAD))) {
            throw new InvalidRecordException(field, "must be between 2000-01-01T00:00:00Z and one day from now, was " + s);
        }
        return t;
    }

    /** A required number. */
    public BigDecimal decimal(String field) throws InvalidRecordException {
        Object v = fields.get(field);
        if (v instanceof BigDecimal d) {
            return d;
        }
        if (v instanceof Long l) {
            return BigDecimal.valueOf(l);
        }
        throw new InvalidRecordException(field, v == null ? "is missing" : "must be a number");
    }

    /** A required whole number between {@code min} and {@code max}. */
    public long integer(String field, long min, long max) throws InvalidRecordException {
        Object v = fields.get(field);
        if (!(v instanceof Long l)) {
            throw new InvalidRecordException(field, v == null ? "is missing" : "must be a whole number");
        }
        if (l < min || l > max) {
            throw new InvalidRecordException(field, "must be between " + min + " and " + max);
        }
        return l;
    }
}
