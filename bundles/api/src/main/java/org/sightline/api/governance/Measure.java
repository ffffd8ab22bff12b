package org.sightline.api.governance;

import java.util.Objects;

/**
 * A measure of a governance product, as series and tables name it.
 *
 * @param id    the id counts are stored under, such as {@code high-risk}
 * @param label what portal users read, such as "High-risk items"
 */
public record Measure(String id, String label) {
    public Measure {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(label, "label");
    }
}
