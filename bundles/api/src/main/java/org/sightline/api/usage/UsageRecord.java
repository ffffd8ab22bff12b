package org.sightline.api.usage;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.sightline.api.CustomerRef;
import org.sightline.api.ingest.IngestRecord;
import org.sightline.api.ingest.InvalidRecordException;

/**
 * One usage event to store: a message, a call, a session.
 * <p>
 * <b>Data minimisation.</b> The portal may only ever show the last four digits of a phone number, so a
 * usage record keeps nothing more: the constructor reduces {@code from} and {@code to} to their last
 * four digits and the full number is never stored. There is no field for message content or contact
 * names; do not put them in {@code attributes}.
 *
 * @param customer   the customer the usage belongs to
 * @param recordId   the upstream id, unique per customer and product, at most {@value #MAX_ID} characters;
 *                   storing the same id again stores nothing
 * @param time       when the message was sent, the call or session started
 * @param direction  the direction ({@link Direction#NONE} when not directional)
 * @param status     the product's status code, such as {@code delivered}, at most 20 characters
 * @param from       the calling or sending number, or {@code null}; only its last four digits are kept
 * @param to         the called or receiving number, or {@code null}; only its last four digits are kept
 * @param pricingKey what the price depends on: an ISO 3166 destination country such as {@code DE}, or
 *                   a channel such as {@code whatsapp}, lower or upper case, at most 20 characters;
 *                   {@code null} for the price list's default
 * @param quantity   the billable units: segments, minutes, sessions; zero or more
 * @param duration   the call's or session's length, or {@code null}
 * @param attributes up to {@value #MAX_ATTRIBUTES} further product fields (such as {@code participants}),
 *                   never personal data: keys are lower-case identifiers of at most 32 characters,
 *                   values at most 64 characters without {@code ;} or {@code =}
 */
public record UsageRecord(CustomerRef customer, String recordId, Instant time, Direction direction, String status,
                          String from, String to, String pricingKey, long quantity, Duration duration,
                          Map<String, String> attributes) {

    /** The longest record id. */
    public static final int MAX_ID = 100;
    /** The most attributes a record carries. */
    public static final int MAX_ATTRIBUTES = 4;

    private static final Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 ().\\-/]{1,30}");
    private static final Pattern STATUS = Pattern.compile("[a-z][a-z0-9_-]{0,19}");
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_*.-]{1,20}");
    private static final Pattern ATTRIBUTE = Pattern.compile("[a-z][a-z0-9_]{0,31}");

    public UsageRecord {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(recordId, "recordId");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(status, "status");
        if (recordId.isBlank() || recordId.length() > MAX_ID) {
            throw new IllegalArgumentException("recordId must have 1 to " + MAX_ID + " characters");
        }
        if (!STATUS.matcher(status).matches()) {
            throw new IllegalArgumentException("not a status code: " + status);
        }
        from = lastFourDigits(from);
        to = lastFourDigits(to);
        if (pricingKey != null) {
            if (!KEY.matcher(pricingKey).matches()) {
                throw new IllegalArgumentException("not a pricing key: " + pricingKey);
            }
            pricingKey = pricingKey.toLowerCase(java.util.Locale.ROOT);
        }
        if (quantity < 0) {
            throw new IllegalArgumentException("quantity must not be negative");
        }
        if (duration != null && duration.isNegative()) {
            throw new IllegalArgumentException("duration must not be negative");
        }
        attributes = attributes == null ? Map.of() : Map.copyOf(new TreeMap<>(attributes));
        if (attributes.size() > MAX_ATTRIBUTES) {
            throw new IllegalArgumentException("at most " + MAX_ATTRIBUTES + " attributes");
        }
        attributes.forEach((k, v) -> {
            if (!ATTRIBUTE.matcher(k).matches() || v.length() > 64 || v.indexOf(';') >= 0 || v.indexOf('=') >= 0) {
                throw new IllegalArgumentException("attribute not allowed: " + k);
            }
        });
    }

    /**
     * The last four digits of a phone number, the most the portal keeps: {@code "+49 170 1234567"} gives
     * {@code "4567"}. {@code null} or a value without digits gives {@code null}.
     */
    public static String lastFourDigits(String number) {
        if (number == null) {
            return null;
        }
        char[] tail = new char[4];
        int n = 0;
        for (int i = number.length() - 1; i >= 0 && n < 4; i--) {
            char c = number.charAt(i);
            if (c >= '0' && c <= '9') {
                tail[3 - n++] = c;
            }
        }
        return n == 0 ? null : new String(tail, 4 - n, n);
    }

    /**
     * Reads a required phone number from an ingested record: digits with an optional leading {@code +}
     * and the usual separators, 3 to 15 digits (E.164). Pass the result to the constructor, which keeps
     * only its last four digits.
     *
     * @throws InvalidRecordException naming the field when it is missing or not a phone number
     */
    public static String phoneNumber(IngestRecord record, String field) throws InvalidRecordException {
        String s = record.string(field, 32);
        long digits = s.chars().filter(c -> c >= '0' && c <= '9').count();
        if (!PHONE.matcher(s).matches() || digits < 3 || digits > 15) {
            throw new InvalidRecordException(field, "must be a phone number such as +4915112345678");
        }
        return s;
    }
}
