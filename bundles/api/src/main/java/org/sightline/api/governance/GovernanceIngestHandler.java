package org.sightline.api.governance;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import javax.sql.DataSource;

import org.osgi.annotation.versioning.ConsumerType;
import org.sightline.api.ingest.IngestBatch;
import org.sightline.api.ingest.IngestHandler;
import org.sightline.api.ingest.IngestRecord;
import org.sightline.api.ingest.IngestResult;
import org.sightline.api.ingest.InvalidRecordException;
import org.sightline.api.ingest.Rejection;

/**
 * The ingest handler of a governance product, whose backend sends lines of several types (rules and
 * violations; daily counts, workspaces and service accounts) to one endpoint, told apart by their
 * {@code type} field. Every line is checked first ({@link #check}); a line that does not pass is rejected
 * with its reason and the others are written ({@link Write#write}), in the core's transaction.
 *
 * <pre>{@code
 * protected Write check(String type, IngestRecord r) throws InvalidRecordException {
 *     String name = r.string("name", 200);
 *     boolean compliant = r.fields().get("compliant") == Boolean.TRUE;
 *     return tx -> rules.upsert(r.customer(), r.recordId(), name, compliant, tx);
 * }
 * }</pre>
 */
@ConsumerType
public abstract class GovernanceIngestHandler implements IngestHandler {
    private final String productId;
    private final Set<String> types;

    /**
     * @param productId the product whose records this handler takes
     * @param types     the line types it takes (the {@code type} field)
     */
    protected GovernanceIngestHandler(String productId, Set<String> types) {
        this.productId = Objects.requireNonNull(productId, "productId");
        this.types = Set.copyOf(types);
    }

    @Override
    public final String productId() {
        return productId;
    }

    /** Checks every line, then writes those that passed, in line order. */
    @Override
    public IngestResult ingest(IngestBatch batch, DataSource transaction) throws Exception {
        List<Write> writes = new ArrayList<>(batch.records().size());
        List<Rejection> rejected = new ArrayList<>();
        for (IngestRecord r : batch.records()) {
            try {
                writes.add(check(r.oneOf("type", types), r));
            } catch (InvalidRecordException e) {
                rejected.add(e.rejection(r.line()));
            }
        }
        int stored = 0;
        int duplicates = 0;
        for (Write w : writes) {
            if (w.write(transaction)) {
                stored++;
            } else {
                duplicates++;
            }
        }
        return new IngestResult(stored, duplicates, rejected);
    }

    /**
     * Checks one line of a type this handler takes and returns what writing it does; writes nothing.
     *
     * @param type the line's type, one of those given to the constructor
     * @param r    the line
     * @return the write, run after every line of the batch was checked
     * @throws InvalidRecordException naming the field at fault; the line is rejected with that reason
     */
    protected abstract Write check(String type, IngestRecord r) throws InvalidRecordException;

    /** Writing one checked line. */
    @FunctionalInterface
    public interface Write {
        /**
         * Writes the line in the core's transaction.
         *
         * @return {@code true} when something changed, {@code false} when the same state was stored already
         *         (the line counts as a duplicate)
         * @throws Exception to roll back the whole batch
         */
        boolean write(DataSource transaction) throws Exception;
    }
}
