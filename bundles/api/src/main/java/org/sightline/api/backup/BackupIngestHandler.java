package org.sightline.api.backup;

import java.util.Objects;
import java.util.Set;

import javax.sql.DataSource;

import org.osgi.annotation.versioning.ConsumerType;
import org.sightline.api.ingest.IngestBatch;
import org.sightline.api.ingest.IngestHandler;
import org.sightline.api.ingest.IngestRecord;
import org.sightline.api.ingest.IngestResult;
import org.sightline.api.ingest.InvalidRecordException;

/**
 * The ingest handler of a backup product: the family's {@link BackupStore} validates and stores the family's
 * kinds of line ({@code job}, {@code protected}, {@code storage}); a product that sends kinds of its own overrides
 * {@link #ingestOther}.
 *
 * <pre>{@code
 * @Component(service = IngestHandler.class)
 * public class DynamicsIngest extends BackupIngestHandler {
 *     @Activate
 *     public DynamicsIngest(@Reference BackupStore store) {
 *         super(store, DynamicsProduct.SPEC);
 *     }
 * }
 * }</pre>
 */
@ConsumerType
public abstract class BackupIngestHandler implements IngestHandler {
    /** The kinds of line the family stores. */
    public static final Set<String> FAMILY_KINDS = Set.of("job", "protected", "storage");

    private final BackupStore store;
    private final BackupSpec spec;

    /**
     * @param store the family's backup store
     * @param spec  the product's workloads
     */
    protected BackupIngestHandler(BackupStore store, BackupSpec spec) {
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

    @Override
    public IngestResult ingest(IngestBatch batch, DataSource transaction) throws Exception {
        return store.ingest(spec, batch, this::ingestOther, transaction);
    }

    /**
     * Stores a line whose {@code kind} is not one of {@link #FAMILY_KINDS}; see {@link OtherKinds#store}. The
     * default rejects it.
     *
     * @throws InvalidRecordException to reject the line; what was written for it is rolled back
     */
    protected Stored ingestOther(String kind, IngestRecord record, DataSource transaction) throws Exception {
        throw new InvalidRecordException("kind", "must be one of [job, protected, storage], was '" + kind + "'");
    }
}
