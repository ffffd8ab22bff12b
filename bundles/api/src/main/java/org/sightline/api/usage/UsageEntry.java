package org.sightline.api.usage;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

import org.sightline.api.view.Money;

/**
 * A stored usage record, as {@link UsageLog#page} reads it back. Phone numbers are held as their last
 * four digits only; show them with {@code Cell.phone(...)} all the same, so the core's privacy filter
 * handles them as phone numbers.
 *
 * @param recordId   the upstream id
 * @param time       when it happened
 * @param direction  the direction
 * @param status     the product's status code
 * @param fromLast4  the last four digits of the calling or sending number, or {@code null}
 * @param toLast4    the last four digits of the called or receiving number, or {@code null}
 * @param pricingKey the destination country or channel, lower case, or {@code null}
 * @param quantity   billable units
 * @param duration   length of the call or session, or {@code null}
 * @param attributes further product fields
 * @param price      what the customer pays for it, in the customer's currency
 */
public record UsageEntry(String recordId, Instant time, Direction direction, String status, String fromLast4,
                         String toLast4, String pricingKey, long quantity, Duration duration,
                         Map<String, String> attributes, Money price) {
    public UsageEntry {
        Objects.requireNonNull(recordId, "recordId");
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(price, "price");
        attributes = Map.copyOf(attributes);
    }
}
