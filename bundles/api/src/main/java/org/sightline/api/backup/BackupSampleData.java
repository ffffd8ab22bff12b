package org.sightline.api.backup;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import javax.sql.DataSource;

import org.osgi.annotation.versioning.ConsumerType;
import org.sightline.api.data.SampleDataProvider;

/**
 * The sample data of a backup product: the family's nightly jobs, protected objects and storage for every
 * workload ({@link BackupStore#writeSample}), then whatever the product adds in {@link #writeMoreSample}.
 *
 * <pre>{@code
 * @Component(service = SampleDataProvider.class)
 * public class DynamicsSampleData extends BackupSampleData {
 *     @Activate
 *     public DynamicsSampleData(@Reference BackupStore store) {
 *         super(store, DynamicsProduct.SPEC);
 *     }
 * }
 * }</pre>
 */
@ConsumerType
public abstract class BackupSampleData implements SampleDataProvider {
    /** Sample subscription statuses: mostly active, some not or partially started (the status widget then offers to start the service). */
    protected static final List<String> SAMPLE_STATUSES = List.of("active", "active", "active", "active", "active",
            "trial", "not-started", "partially-started", "expired", "suspended");

    private final BackupStore store;
    private final BackupSpec spec;

    /**
     * @param store the family's backup store
     * @param spec  the product's workloads
     */
    protected BackupSampleData(BackupStore store, BackupSpec spec) {
        this.store = Objects.requireNonNull(store, "store");
        this.spec = Objects.requireNonNull(spec, "spec");
    }

    @Override
    public final String productId() {
        return spec.productId();
    }

    /** The product's workloads. */
    protected final BackupSpec spec() {
        return spec;
    }

    /** Writes the family's sample data, then {@link #writeMoreSample}'s. */
    @Override
    public void writeSample(Request request, DataSource transaction) throws Exception {
        store.writeSample(request, spec, transaction);
        writeMoreSample(request, transaction);
    }

    /**
     * Writes the product's own sample data (such as records of its own kinds) after the family's, in the same
     * transaction, deterministic for the request and idempotent like the rest. The default writes nothing.
     */
    protected void writeMoreSample(Request request, DataSource transaction) throws Exception {
    }

    /**
     * The share of sample customers, in percent, that subscribe to the product; 40 unless overridden. The Sample
     * Customer subscribes to every deployed product whatever this says.
     */
    protected int sampleShare() {
        return 40;
    }

    /** The quota unit of sample subscriptions (seats, licences); 25 unless overridden. */
    protected long sampleQuotaStep() {
        return 25;
    }

    @Override
    public Optional<SampleSubscription> sampleSubscription(SampleCustomer customer) {
        return customer.random().nextInt(100) < sampleShare()
                ? Optional.of(SampleSubscription.drawn(customer, SAMPLE_STATUSES, sampleQuotaStep()))
                : Optional.empty();
    }
}
