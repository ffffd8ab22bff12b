package org.sightline.family.usage.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * A usage-log page cursor: the key (time, row id) of the last row shown. Opaque to callers: URL-safe
 * Base64 of {@code u1:<epoch micros>:<id>}.
 */
record Cursor(Instant time, long id) {
    private static final String PREFIX = "u1:";
    /** The instants a cursor may carry: what both databases store (and what the API accepts elsewhere). */
    private static final Instant FIRST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LAST = Instant.parse("9999-12-31T23:59:59.999999Z");

    String encode() {
        long micros = Math.addExact(Math.multiplyExact(time.getEpochSecond(), 1_000_000L), time.getNano() / 1000);
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((PREFIX + micros + ":" + id).getBytes(StandardCharsets.US_ASCII));
    }

    /** @throws IllegalArgumentException when the text is not a cursor this class made */
    static Cursor decode(String text) {
        try {
            String s = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.US_ASCII);
            if (!s.startsWith(PREFIX)) {
                throw new IllegalArgumentException("not a usage cursor");
            }
            String[] parts = s.substring(PREFIX.length()).split(":");
            if (parts.length != 2) {
                throw new IllegalArgumentException("not a usage cursor");
            }
            long micros = Long.parseLong(parts[0]);
            Instant time = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
            if (time.isBefore(FIRST) || time.isAfter(LAST)) {
                throw new IllegalArgumentException("not a usage cursor: its time is outside the years 1 to 9999");
            }
            return new Cursor(time, Long.parseLong(parts[1]));
        } catch (IllegalArgumentException e) { // also NumberFormatException
            throw new IllegalArgumentException("not a usage cursor", e);
        }
    }
}
