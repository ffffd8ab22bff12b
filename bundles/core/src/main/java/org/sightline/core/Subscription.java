package org.sightline.core;

import java.time.LocalDate;

/**
 * A customer's subscription to a product.
 *
 * @param productId product id
 * @param status    {@code active}, {@code trial}, {@code expired}, {@code not-started},
 *                  {@code partially-started} or {@code suspended}
 * @param startsOn  first day, or {@code null}
 * @param endsOn    last day, or {@code null}
 * @param quantity  units in use (licences, seats, GB), or {@code null}
 * @param quota     units bought, or {@code null}
 */
public record Subscription(String productId, String status, LocalDate startsOn, LocalDate endsOn, Long quantity,
                           Long quota) {
    /** The statuses a subscription can have. */
    public static final java.util.List<String> STATUSES = java.util.List.of("active", "trial", "expired",
            "not-started", "partially-started", "suspended");
}
