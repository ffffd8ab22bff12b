package org.sightline.api.report;

import java.time.YearMonth;
import java.util.List;
import java.util.Objects;

import org.osgi.annotation.versioning.ConsumerType;
import org.sightline.api.CustomerRef;
import org.sightline.api.view.Money;

/**
 * Where a customer's charges come from, for the monthly billing report: a family that prices its products'
 * usage (the communications usage family from its daily roll-ups) registers one as an OSGi service. The core
 * asks every source for the month and lists the charges per product in the customer's currency.
 *
 * <pre>{@code
 * @Component(service = ChargesSource.class)
 * public class UsageCharges implements ChargesSource {
 *     public List<Charge> charges(CustomerRef customer, YearMonth month) { ... one row per product ... }
 * }}</pre>
 *
 * @since 1.1
 */
@ConsumerType
public interface ChargesSource {

    /**
     * The customer's charges for the month (in the customer's time of the roll-ups: UTC days), one per product
     * that had any; an empty list when there were none.
     *
     * @throws Exception when the charges cannot be read; the billing report is then not sent for this period
     */
    List<Charge> charges(CustomerRef customer, YearMonth month) throws Exception;

    /**
     * A product's charge for the month.
     *
     * @param productId the product's id
     * @param quantity  what was used (messages, minutes...), as the product counts it
     * @param amount    the charge, in the customer's currency
     */
    record Charge(String productId, long quantity, Money amount) {
        public Charge {
            Objects.requireNonNull(productId, "productId");
            Objects.requireNonNull(amount, "amount");
        }
    }
}
