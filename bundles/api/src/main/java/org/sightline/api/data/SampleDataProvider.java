package org.sightline.api.data;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;

import javax.sql.DataSource;

import org.osgi.annotation.versioning.ConsumerType;
import org.sightline.api.CustomerRef;

/**
 * Writes realistic sample data for a customer, for the sample dashboard and for benchmarks, and says which
 * of the sample partner's customers subscribe to the product ({@link #sampleSubscription}). Output must
 * be deterministic for a given {@link Request#seed()} and {@link Request#now()}.
 */
@ConsumerType
public interface SampleDataProvider {

    /** The id of the product the data belongs to; the core subscribes the customer to it. */
    String productId();

    /**
     * Writes the sample data. Called again for the same customer, it must not duplicate data.
     *
     * @param request     the customer, seed, scale and clock
     * @param transaction connections in the core's transaction; do not commit or roll back
     * @throws Exception to roll back this customer's sample data
     */
    void writeSample(Request request, DataSource transaction) throws Exception;

    /**
     * The subscription that one of the sample partner's customers has to this product, or empty when that
     * customer does not subscribe to it. The core asks every deployed provider about every sample customer
     * (when it creates the customers, and when the provider is deployed later), so each product decides
     * how common it is among the sample customers and what its subscriptions look like. Use only
     * {@link SampleCustomer#random()} for chance: the answer must be the same for the same customer.
     * <p>
     * The default is empty: a product that does not say is not among the sample customers' subscriptions.
     *
     * @param customer which sample customer, its day and its seeded random source
     * @return the customer's subscription to {@link #productId()}, or empty
     * @since 1.1
     */
    default Optional<SampleSubscription> sampleSubscription(SampleCustomer customer) {
        return Optional.empty();
    }

    /**
     * @param customer the customer to write for
     * @param seed     the random seed
     * @param scale    1 for a typical customer; larger for heavy customers in benchmarks
     * @param now      the end of the sample period
     * @param zone     the zone whose weekdays and office hours the data follows
     */
    record Request(CustomerRef customer, long seed, int scale, Instant now, ZoneId zone) {
        public Request {
            Objects.requireNonNull(customer, "customer");
            Objects.requireNonNull(now, "now");
            Objects.requireNonNull(zone, "zone");
            if (scale < 1) {
                throw new IllegalArgumentException("scale must be at least 1");
            }
        }
    }

    /**
     * One of the sample partner's customers, as a {@link SampleDataProvider} is asked about it.
     *
     * @param number the customer's number among the sample customers, from 1
     * @param today  the day the sample data is as of (fixed, so that the data does not depend on the clock)
     * @param random a random source seeded with the sample seed, the customer's number and the product id
     * @since 1.1
     */
    record SampleCustomer(int number, LocalDate today, RandomGenerator random) {
        public SampleCustomer {
            if (number < 1) {
                throw new IllegalArgumentException("number must be at least 1");
            }
            Objects.requireNonNull(today, "today");
            Objects.requireNonNull(random, "random");
        }
    }

    /**
     * A sample customer's subscription to the provider's product.
     *
     * @param status   one of {@link #STATUSES}
     * @param startsOn first day, or {@code null}
     * @param endsOn   last day, or {@code null}
     * @param quantity units in use (licences, seats, GB, messages), or {@code null}
     * @param quota    units bought, or {@code null}
     * @since 1.1
     */
    record SampleSubscription(String status, LocalDate startsOn, LocalDate endsOn, Long quantity, Long quota) {
        /** The statuses a subscription can have. */
        public static final List<String> STATUSES = List.of("active", "trial", "expired", "not-started",
                "partially-started", "suspended");

        public SampleSubscription {
            if (!STATUSES.contains(status)) {
                throw new IllegalArgumentException("status must be one of " + STATUSES);
            }
            if (startsOn != null && endsOn != null && endsOn.isBefore(startsOn)) {
                throw new IllegalArgumentException("endsOn must not be before startsOn");
            }
        }

        /**
         * The usual shape of a sample subscription: a status drawn from {@code statuses} (list one several
         * times to make it more likely), a start in the 900 days before the customer's day, a term of one to
         * three years, a quota of 1 to 100 times {@code quotaStep} and part of it in use.
         *
         * @param customer  the sample customer, whose random source is used
         * @param statuses  the statuses to draw from, each one of {@link #STATUSES}
         * @param quotaStep the quota's unit, at least 1
         * @return the subscription
         */
        public static SampleSubscription drawn(SampleCustomer customer, List<String> statuses, long quotaStep) {
            if (statuses.isEmpty() || quotaStep < 1) {
                throw new IllegalArgumentException("statuses must not be empty and quotaStep must be at least 1");
            }
            RandomGenerator r = customer.random();
            String status = statuses.get(r.nextInt(statuses.size()));
            LocalDate start = customer.today().minusDays(r.nextInt(900));
            LocalDate end = start.plusYears(1 + r.nextInt(3));
            long quota = quotaStep * (1 + r.nextInt(100));
            return new SampleSubscription(status, start, end, (long) (quota * r.nextDouble()), quota);
        }
    }
}
