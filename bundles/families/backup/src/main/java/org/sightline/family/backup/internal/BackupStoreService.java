package org.sightline.family.backup.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.sightline.api.CustomerRef;
import org.sightline.api.backup.BackupException;
import org.sightline.api.backup.BackupIngestHandler;
import org.sightline.api.backup.BackupRecord;
import org.sightline.api.backup.BackupSpec;
import org.sightline.api.backup.BackupStore;
import org.sightline.api.backup.JobRun;
import org.sightline.api.backup.OtherKinds;
import org.sightline.api.backup.ProtectedObjects;
import org.sightline.api.backup.StorageUse;
import org.sightline.api.backup.StoreResult;
import org.sightline.api.backup.Stored;
import org.sightline.api.data.CustomerDataOwner;
import org.sightline.api.data.MigrationException;
import org.sightline.api.data.ModuleStorage;
import org.sightline.api.data.SampleDataProvider;
import org.sightline.api.ingest.IngestBatch;
import org.sightline.api.ingest.IngestRecord;
import org.sightline.api.ingest.IngestResult;
import org.sightline.api.ingest.InvalidRecordException;
import org.sightline.api.ingest.Rejection;
import org.sightline.core.Transactions;

/**
 * The backup store of every backup product, on the tables of {@code db/migration/backup}: validates lines,
 * stores records through {@link BackupWriter} in the caller's transaction with their roll-up changes journalled
 * there too ({@link PendingRollUps}, applied to the roll-ups about a second later on the family's own thread),
 * writes sample backups, and deletes a disconnected customer's backup data of every product, deployed or not.
 */
@Component(service = {BackupStore.class, CustomerDataOwner.class})
public class BackupStoreService implements BackupStore, CustomerDataOwner {
    static final String MODULE = "backup";
    private final PendingRollUps rollUps;

    /**
     * @param storage      the server's database; the backup tables are migrated on activation
     * @param transactions the core's transactions, in which the roll-up applier runs
     * @throws MigrationException when the backup tables cannot be created or upgraded
     */
    @Activate
    public BackupStoreService(@Reference ModuleStorage storage, @Reference Transactions transactions)
            throws MigrationException {
        this(storage, transactions, true);
    }

    /**
     * A store whose roll-ups are applied on a thread of its own ({@code background}), or only by
     * {@link #applyPendingRollUps()} and a customer's deletion (benchmarks and tests that want to say when).
     */
    BackupStoreService(ModuleStorage storage, Transactions transactions, boolean background) throws MigrationException {
        storage.migrate(MODULE, getClass());
        this.rollUps = new PendingRollUps(transactions, background);
    }

    /** Stops the roll-up applier; what is pending is applied after the next start. */
    @Deactivate
    void deactivate() {
        rollUps.close();
    }

    /**
     * Applies every committed pending roll-up change now, in transactions of its own.
     *
     * @return how many stored batches were applied
     */
    int applyPendingRollUps() throws SQLException {
        return rollUps.applyAll();
    }

    @Override
    public IngestResult ingest(BackupSpec spec, IngestBatch batch, OtherKinds others, DataSource transaction)
            throws BackupException {
        List<Rejection> rejected = new ArrayList<>();
        List<BackupRecord> records = new ArrayList<>();
        int stored = 0;
        int duplicates = 0;
        try (Connection c = transaction.getConnection()) {
            for (IngestRecord r : batch.records()) {
                String kind;
                try {
                    kind = Lines.kind(r);
                    if (BackupIngestHandler.FAMILY_KINDS.contains(kind)) {
                        records.add(Lines.parse(kind, r, spec));
                        continue;
                    }
                } catch (InvalidRecordException e) {
                    rejected.add(e.rejection(r.line()));
                    continue;
                }
                Savepoint sp = c.setSavepoint();
                try {
                    if (others.store(kind, r, transaction) == Stored.STORED) {
                        stored++;
                    } else {
                        duplicates++;
                    }
                } catch (InvalidRecordException e) {
                    c.rollback(sp);
                    rejected.add(e.rejection(r.line()));
                }
            }
            StoreResult result = store(c, spec, records);
            return new IngestResult(stored + result.stored(), duplicates + result.duplicates(), rejected);
        } catch (SQLException e) {
            throw new BackupException("storing backup records failed: " + e.getMessage(), e);
        } catch (BackupException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new BackupException("storing a product's own backup records failed: " + e.getMessage(), e);
        }
    }

    @Override
    public StoreResult store(BackupSpec spec, List<? extends BackupRecord> records, DataSource transaction)
            throws BackupException {
        for (BackupRecord r : records) {
            if (spec.workload(r.workload()).isEmpty()) {
                throw new IllegalArgumentException(spec.productId() + " has no workload " + r.workload());
            }
        }
        try (Connection c = transaction.getConnection()) {
            return store(c, spec, records);
        } catch (SQLException e) {
            throw new BackupException("storing backup records failed: " + e.getMessage(), e);
        }
    }

    private StoreResult store(Connection c, BackupSpec spec, List<? extends BackupRecord> records)
            throws SQLException {
        List<JobRun> jobs = new ArrayList<>();
        List<ProtectedObjects> counts = new ArrayList<>();
        List<StorageUse> storage = new ArrayList<>();
        for (BackupRecord r : records) {
            if (r instanceof JobRun j) {
                jobs.add(j);
            } else if (r instanceof ProtectedObjects p) {
                counts.add(p);
            } else if (r instanceof StorageUse s) {
                storage.add(s);
            }
        }
        PendingRollUps.Changes changes = new PendingRollUps.Changes(new LinkedHashMap<>(), new LinkedHashSet<>());
        List<Stored> all = new ArrayList<>(BackupWriter.storeJobs(c, spec.productId(), jobs, changes));
        rollUps.journal(c, spec.productId(), changes);
        all.addAll(BackupWriter.storeProtected(c, spec.productId(), counts));
        all.addAll(BackupWriter.storeStorage(c, spec.productId(), storage));
        int stored = (int) all.stream().filter(s -> s == Stored.STORED).count();
        return new StoreResult(stored, all.size() - stored);
    }

    @Override
    public StoreResult writeSample(SampleDataProvider.Request request, BackupSpec spec, DataSource transaction)
            throws BackupException {
        return store(spec, SampleBackups.of(request, spec), transaction);
    }

    @Override
    public String module() {
        return MODULE;
    }

    @Override
    public void deleteCustomerData(CustomerRef customer, DataSource transaction) throws SQLException {
        rollUps.applyAllIn(transaction); // so that nothing pending recreates the customer's roll-ups afterwards
        try (Connection c = transaction.getConnection()) {
            BackupWriter.deleteCustomer(c, customer.id());
        }
    }
}
