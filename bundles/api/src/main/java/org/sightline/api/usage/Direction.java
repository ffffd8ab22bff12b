package org.sightline.api.usage;

/** Which way a message or call went, seen from the customer. */
public enum Direction {
    /** Received by the customer. */
    INBOUND,
    /** Sent or placed by the customer. */
    OUTBOUND,
    /** Not directional, such as a video session. */
    NONE;

    /** The lower-case name used in filters and ingested records: {@code inbound}, {@code outbound}, {@code none}. */
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The direction whose {@link #code()} is {@code code}, ignoring case. */
    public static Direction ofCode(String code) {
        for (Direction d : values()) {
            if (d.code().equalsIgnoreCase(code)) {
                return d;
            }
        }
        throw new IllegalArgumentException("not a direction: " + code);
    }
}
