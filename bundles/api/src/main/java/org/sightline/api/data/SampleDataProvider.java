package org.sightline.api.data;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

import javax.sql.DataSource;

import org.osgi.annotation.versioning.ConsumerType;
import org.sightline.api.CustomerRef;

/**
 * Writes realistic sample data for a customer, for the sample dashboard and for benchmarks. Output must
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
}
