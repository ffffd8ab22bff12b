package org.sightline.api.usage;

import java.time.Instant;
import java.util.Objects;
import java.util.random.RandomGenerator;

import org.osgi.annotation.versioning.ConsumerType;
import org.sightline.api.CustomerRef;

/**
 * A product's part in making sample usage with {@link UsageLog#writeSample}: the core decides when
 * events happen (weekday and office-hour peaks, failure bursts, heavier customers at larger scales)
 * and which status each gets; the product fills in the rest of the record.
 */
@ConsumerType
public interface UsageSampleFactory {

    /** How many records a typical customer (scale 1) has on a busy weekday. */
    int weekdayVolume();

    /** The price list to give a sample customer that has none, in the customer's currency. */
    PriceList samplePrices(String currency);

    /**
     * Makes one sample record. Use only {@link Event#random()} for chance, so the data is deterministic.
     *
     * @param event the customer, record id, time and status the record must have
     * @return the record
     */
    UsageRecord create(Event event);

    /**
     * One sample event.
     *
     * @param customer the customer
     * @param recordId the record id to use
     * @param time     the time to use
     * @param status   the status code to use
     * @param random   a seeded random source for the remaining fields
     */
    record Event(CustomerRef customer, String recordId, Instant time, String status, RandomGenerator random) {
        public Event {
            Objects.requireNonNull(customer, "customer");
            Objects.requireNonNull(recordId, "recordId");
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(random, "random");
        }
    }
}
