package org.sightline.core;

import java.time.LocalDate;

/**
 * New values for a subscription; a {@code null} field keeps the current value (or the default, when
 * adding a service: status {@code not-started}, starting today).
 *
 * @param productId the product (when adding)
 * @param status    new status
 * @param startsOn  new first day
 * @param endsOn    new last day
 * @param quantity  new quantity
 * @param quota     new quota
 */
public record SubscriptionChange(String productId, String status, LocalDate startsOn, LocalDate endsOn, Long quantity,
                                 Long quota) {
}
