package org.sightline.api.usage;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.sightline.api.view.Severity;

/**
 * What a usage product's records look like, so that {@link UsageViews} can draw its KPI tiles, daily
 * series and log table, and {@link UsageLog#writeSample} can make up plausible traffic.
 *
 * @param productId       the product id
 * @param volumeLabel     what one record is, plural, such as {@code "Messages"}, {@code "Calls"}
 * @param quantityLabel   what the billable units are, such as {@code "Segments"} or {@code "Minutes"},
 *                        or {@code null} when each record is one unit and no column is needed
 * @param pricingKeyLabel the column title of the pricing key, such as {@code "Country"} or
 *                        {@code "Channel"}, or {@code null} to hide it
 * @param directional     whether records have a direction (a column and a filter)
 * @param numbers         whether records have from and to numbers (two masked columns)
 * @param durations       whether records have a duration (a column)
 * @param statuses        the status codes, in the order tiles, series and filters show them
 * @param attributes      attribute columns to show after the standard ones
 */
public record UsageSpec(String productId, String volumeLabel, String quantityLabel, String pricingKeyLabel,
                        boolean directional, boolean numbers, boolean durations, List<StatusSpec> statuses,
                        List<AttributeSpec> attributes) {
    public UsageSpec {
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(volumeLabel, "volumeLabel");
        statuses = List.copyOf(statuses);
        attributes = List.copyOf(attributes);
        if (statuses.isEmpty()) {
            throw new IllegalArgumentException("a usage product needs at least one status");
        }
    }

    /**
     * A status code.
     *
     * @param code     the code records carry, such as {@code delivered}
     * @param label    what users read, such as {@code "Delivered"}
     * @param severity the badge colour
     * @param outcome  whether it counts as success, failure or neither
     */
    public record StatusSpec(String code, String label, Severity severity, Outcome outcome) {
        public StatusSpec {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(severity, "severity");
            Objects.requireNonNull(outcome, "outcome");
        }
    }

    /**
     * An attribute shown as a column of the log table.
     *
     * @param key     the attribute key in {@link UsageRecord#attributes()}
     * @param label   the column title
     * @param numeric whether values are whole numbers (a number column) rather than text
     */
    public record AttributeSpec(String key, String label, boolean numeric) {
        public AttributeSpec {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(label, "label");
        }
    }

    /** The status codes, in spec order; what ingestion accepts. */
    public Set<String> statusCodes() {
        Set<String> codes = new LinkedHashSet<>();
        statuses.forEach(s -> codes.add(s.code()));
        return codes;
    }

    /** The spec of a status code. */
    public Optional<StatusSpec> status(String code) {
        return statuses.stream().filter(s -> s.code().equals(code)).findFirst();
    }
}
