package org.sightline.product.m365.sharepoint;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.SplittableRandom;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sightline.api.CustomerRef;

/**
 * Sample SharePoint storage: 90 days of use that grows with noise, and the app profile's permission. Deterministic
 * for a seed and day; written through {@link StorageStore}; writing again stores nothing twice.
 */
@Component(service = StorageSample.class)
public class StorageSample {
    /** Days of sample data. */
    public static final int DAYS = 90;

    /** What a sample tenant's storage looks like. */
    public enum Shape {
        /** Use grows fast enough to pass the quota within the forecast. */
        HEADING_OVER_QUOTA,
        /** Use well below the quota, growing slowly. */
        QUIET,
        /** The app profile lacks Reports.Read.All: no storage was reported. */
        NO_PERMISSION
    }

    /** The account of the sample partner's "Sample Customer", the one the sample dashboard shows. */
    public static final String SAMPLE_CUSTOMER_ACCOUNT = "SAMPLE-0001";

    private final StorageStore store;

    @Activate
    public StorageSample(@Reference StorageStore store) {
        this.store = store;
    }

    /**
     * The shape of a customer's sample: the Sample Customer's tenant heads over its quota; of the other customers,
     * about one in six lacks the permission (drawn from the seed and account, so the same every time), the rest are
     * quiet.
     */
    public static Shape shape(CustomerRef customer, long seed) {
        if (SAMPLE_CUSTOMER_ACCOUNT.equals(customer.accountId())) {
            return Shape.HEADING_OVER_QUOTA;
        }
        return new SplittableRandom(seed ^ customer.accountId().hashCode()).nextInt(6) == 0
                ? Shape.NO_PERMISSION : Shape.QUIET;
    }

    /**
     * Writes the customer's sample data in the caller's transaction.
     *
     * @param c          the transaction's connection
     * @param customerId the customer
     * @param seed       the sample seed
     * @param today      the last day of the sample period
     * @param now        when the app profile was observed
     * @param shape      what the storage looks like
     */
    public void write(Connection c, long customerId, long seed, LocalDate today, Instant now, Shape shape)
            throws SQLException {
        store.storePermission(c, customerId, shape != Shape.NO_PERMISSION, now);
        if (shape == Shape.NO_PERMISSION) {
            return;
        }
        SplittableRandom random = new SplittableRandom(seed * 17 + customerId);
        double quotaGb;
        double startGb;
        double slope;
        if (shape == Shape.HEADING_OVER_QUOTA) {
            quotaGb = 1024 + 10 * 150;
            startGb = 2180;
            slope = 3.2;
        } else {
            quotaGb = 1024 + 10 * (20 + random.nextInt(400));
            startGb = quotaGb * (0.3 + 0.3 * random.nextDouble());
            slope = quotaGb * 0.0005 * random.nextDouble();
        }
        double noise = Math.max(1, slope * 2);
        for (int i = DAYS - 1; i >= 0; i--) {
            LocalDate day = today.minusDays(i);
            double used = startGb + slope * (DAYS - 1 - i) + noise * (random.nextDouble() * 2 - 1);
            store.store(c, customerId, new StorageDay(day, (long) (used * StorageDay.GB), (long) (quotaGb * StorageDay.GB)));
        }
    }
}
