package org.sightline.family.backup.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
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
import org.sightline.core.CustomerDirectory;
import org.sightline.core.Transactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The backup store of every backup product, on the tables of {@code db/migration/backup}: validates lines,
 * stores records through {@link BackupWriter} in the caller's transaction with their roll-up changes journalled
 * there too ({@link PendingRollUps}, applied to the roll-ups about a second later on the family's own thread),
 * writes sample backups, and deletes a disconnected customer's backup data of every product, deployed or not.
 * <p>
 * Sample backups: the core asks a backup product for the Sample Customer's sample data only; the store writes it in
 * the core's transaction, then writes the same kind of data for every other sample customer of the sample partner
 * whose dashboard shows the product ({@link SampleSubscribers}; at most {@code sample.customers} of them), on a thread of
 * its own once the core has stopped asking for a few seconds, one transaction per customer. At the default 200 sample
 * customers that is 295 subscriptions and 464 130 records over the five products: 29.7 s in the assembled server on
 * H2 (2 cores shared with other builds), against 1.4 s for the Sample Customer's — far too long to hold up the
 * sample dashboard.
 */
@Component(service = {BackupStore.class, CustomerDataOwner.class}, configurationPid = BackupStoreService.PID)
@Designate(ocd = BackupStoreService.Config.class)
public class BackupStoreService implements BackupStore, CustomerDataOwner {
    /** The family's configuration ({@code etc/org.sightline.family.backup.cfg}). */
    static final String PID = "org.sightline.family.backup";

    @ObjectClassDefinition(name = "Sightline backup family", description = "The backup products' shared store")
    public @interface Config {
        @AttributeDefinition(name = "Sample customers", min = "0", max = "1000", description = "How many of the sample "
                + "partner's other customers subscribed to a backup product get its 90 days of sample backups too, "
                + "written in the background after the Sample Customer's (0 to 1000; the Sample Customer always does)")
        int sample_customers() default SampleSubscribers.MAX_CUSTOMERS;
    }

    static final String MODULE = "backup";
    /** How long after the Sample Customer's sample backups the other sample customers' are written. */
    static final long SAMPLE_DELAY_MS = 5_000;
    /** How long a deactivation waits for the queued sample customers before it stops writing them. */
    static final long SAMPLE_FLUSH_SECONDS = 5;
    private static final Logger LOG = LoggerFactory.getLogger(BackupStoreService.class);
    private final PendingRollUps rollUps;
    private final Transactions transactions;
    private final CustomerDirectory customers;
    private final ScheduledExecutorService ownSampleWriter;
    private final Executor sampleWriter;
    private final int sampleCustomers;
    private final Queue<Runnable> queuedSamples = new ConcurrentLinkedQueue<>();
    private ScheduledFuture<?> sampleDrain; // guarded by this
    private volatile boolean closed;

    /**
     * @param storage      the server's database; the backup tables are migrated on activation
     * @param transactions the core's transactions, in which the roll-up applier and the sample writer run
     * @param customers    the core's customer directory, which names the sample customers subscribed to a product
     * @param config       how many other sample customers get sample backups
     * @throws MigrationException when the backup tables cannot be created or upgraded
     */
    @Activate
    public BackupStoreService(@Reference ModuleStorage storage, @Reference Transactions transactions,
                              @Reference CustomerDirectory customers, Config config) throws MigrationException {
        this(storage, transactions, customers, true, null,
                Math.max(0, Math.min(SampleSubscribers.MAX_CUSTOMERS, config.sample_customers())));
    }

    /**
     * A store without a customer directory (benchmarks): {@link #writeSample} writes the request's customer only.
     */
    public BackupStoreService(ModuleStorage storage, Transactions transactions) throws MigrationException {
        this(storage, transactions, null, true, null, 0);
    }

    /**
     * A store whose roll-ups are applied on a thread of its own ({@code background}), or only by
     * {@link #applyPendingRollUps()} and a customer's deletion (benchmarks and tests that want to say when).
     */
    BackupStoreService(ModuleStorage storage, Transactions transactions, boolean background) throws MigrationException {
        this(storage, transactions, null, background, null, 0);
    }

    /**
     * @param customers    the directory of the sample customers, or {@code null} to write the request's customer only
     * @param background   whether roll-ups are applied on a thread of their own
     * @param sampleWriter runs the other sample customers' writes (tests: at once, on the caller's thread), or
     *                     {@code null} for a thread of the store's own that starts once no sample data was asked for
     *                     {@link #SAMPLE_DELAY_MS}
     * @param sampleCustomers how many other sample customers of a product get sample backups
     */
    BackupStoreService(ModuleStorage storage, Transactions transactions, CustomerDirectory customers, boolean background,
                       Executor sampleWriter, int sampleCustomers) throws MigrationException {
        storage.migrate(MODULE, getClass());
        this.rollUps = new PendingRollUps(transactions, background);
        this.transactions = transactions;
        this.customers = customers;
        this.sampleCustomers = sampleCustomers;
        if (sampleWriter == null) {
            ownSampleWriter = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "sightline-backup-samples");
                t.setDaemon(true);
                return t;
            });
            this.sampleWriter = this::queueSamples;
        } else {
            ownSampleWriter = null;
            this.sampleWriter = sampleWriter;
        }
    }

    /**
     * Writes the queued sample customers for up to {@link #SAMPLE_FLUSH_SECONDS} (then stops between two customers;
     * the rest never get sample backups), and stops the roll-up applier; what is pending is applied after the next
     * start.
     */
    @Deactivate
    void deactivate() {
        if (ownSampleWriter != null) {
            // what is queued is written now, for a while: the core asks for a product's sample data once, so a product
            // uninstalled right after it was installed would otherwise leave its other sample customers without any
            synchronized (this) {
                if (sampleDrain != null) {
                    sampleDrain.cancel(false);
                }
                ownSampleWriter.execute(this::drainSamples);
            }
            ownSampleWriter.shutdown();
            try {
                if (!ownSampleWriter.awaitTermination(SAMPLE_FLUSH_SECONDS, TimeUnit.SECONDS)) {
                    closed = true; // the writer stops between two customers (not interrupted inside a transaction)
                    ownSampleWriter.awaitTermination(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        closed = true;
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

    /**
     * Writes the request's customer's sample backups in the caller's transaction, then (later, on the sample writer)
     * those of the sample partner's other customers subscribed to the product, each in a transaction of its own.
     *
     * @return what was stored for the request's customer
     */
    @Override
    public StoreResult writeSample(SampleDataProvider.Request request, BackupSpec spec, DataSource transaction)
            throws BackupException {
        StoreResult result = writeSampleOf(request, spec, transaction);
        if (customers != null && sampleCustomers > 0) {
            try {
                sampleWriter.execute(() -> writeOtherSamples(request, spec));
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // deactivated meanwhile
            }
        }
        return result;
    }

    /**
     * Queues a product's other sample customers and starts writing the queue once the core has asked for no sample
     * backups for {@link #SAMPLE_DELAY_MS} (it asks for every deployed backup product in a row at start-up), so that
     * the Sample Customer's sample data of every product comes first.
     */
    private synchronized void queueSamples(Runnable task) {
        queuedSamples.add(task);
        if (sampleDrain != null) {
            sampleDrain.cancel(false); // not started yet: start later; already writing: it takes this task too
        }
        try {
            sampleDrain = ownSampleWriter.schedule(this::drainSamples, SAMPLE_DELAY_MS, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // deactivated meanwhile
        }
    }

    private void drainSamples() {
        for (Runnable t; !closed && (t = queuedSamples.poll()) != null; ) {
            t.run();
        }
    }

    /**
     * Writes one customer's sample backups (the request's) in the caller's transaction; idempotent.
     *
     * @return what was stored
     * @throws BackupException when the database fails
     */
    public StoreResult writeSampleOf(SampleDataProvider.Request request, BackupSpec spec, DataSource transaction)
            throws BackupException {
        return store(spec, SampleBackups.of(request, spec), transaction);
    }

    /** Writes the sample backups of the product's other sample customers, one transaction each, and logs the time. */
    private void writeOtherSamples(SampleDataProvider.Request request, BackupSpec spec) {
        long t0 = System.nanoTime();
        int written = 0;
        long stored = 0;
        try {
            List<CustomerRef> others = SampleSubscribers.of(customers, request.customer(), spec.productId(), sampleCustomers);
            for (CustomerRef customer : others) {
                if (closed) {
                    LOG.info("Stopped writing sample backups of product {} after {} of {} sample customers",
                            spec.productId(), written, others.size());
                    return;
                }
                SampleDataProvider.Request r = new SampleDataProvider.Request(customer, request.seed(), request.scale(),
                        request.now(), request.zone());
                stored += transactions.inTransaction(tx -> writeSampleOf(r, spec, tx)).stored();
                written++;
            }
            LOG.info("Wrote sample backups of product {} for {} more sample customers in {} ms ({} records stored)",
                    spec.productId(), written, (System.nanoTime() - t0) / 1_000_000, stored);
        } catch (Exception e) {
            if (!closed) {
                LOG.warn("Sample backups of product {} could not be written for every sample customer ({} written)",
                        spec.productId(), written, e);
            }
        }
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
