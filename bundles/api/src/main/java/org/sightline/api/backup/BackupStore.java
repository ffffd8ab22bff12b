package org.sightline.api.backup;

import java.util.List;

import javax.sql.DataSource;

import org.osgi.annotation.versioning.ProviderType;
import org.sightline.api.data.SampleDataProvider;
import org.sightline.api.ingest.IngestBatch;
import org.sightline.api.ingest.IngestResult;

/**
 * The backup store the backup family offers to backup products: job runs, protected objects and storage use of
 * every backup product in shared tables, with per-customer, per-product, per-workload, per-day roll-ups kept up to
 * date in the writer's transaction (job counts by status, the day's last status, last success, protected objects,
 * storage). Widgets read the roll-ups only.
 * <p>
 * Ingested lines are NDJSON objects with {@code id}, {@code customer} and {@code kind}:
 * <pre>
 * {"id":"run-81f2","customer":"ACC-1001","kind":"job","workload":"exchange","started":"2026-11-21T01:00:00Z",
 *  "finished":"2026-11-21T01:42:10Z","status":"partially-succeeded","protected":1180,"failed":3,"bytes":52428800,
 *  "reason":"Throttled by the service","error":"3 items of jane.doe@example.com were skipped"}
 * {"id":"p-2026-11-21-exchange","customer":"ACC-1001","kind":"protected","workload":"exchange","day":"2026-11-21","objects":1183}
 * {"id":"s-2026-11-21-exchange","customer":"ACC-1001","kind":"storage","workload":"exchange","day":"2026-11-21","bytes":912680550400}
 * </pre>
 * A job's {@code id} is the run's id; {@code finished} is required unless the status is {@code running} or
 * {@code not-run}; {@code protected}, {@code failed} and {@code bytes} default to 0; {@code reason} (at most 200
 * characters) and {@code error} (at most 2000) are optional. A job line sent again replaces the stored run when its
 * state is later (finished after running, or a later finish), and is a duplicate otherwise. {@code protected} and
 * {@code storage} lines are keyed by workload and day; the line's {@code id} is only echoed in rejections.
 */
@ProviderType
public interface BackupStore {

    /**
     * Validates and stores an ingestion batch: the family's kinds itself, other kinds through {@code others}. A
     * rejected line writes nothing.
     *
     * @param spec        the product
     * @param batch       the batch the core handed to the product's ingest handler
     * @param others      stores the product's own kinds, or rejects them
     * @param transaction the core's transaction; not committed here
     * @return stored, duplicate and rejected counts, with a reason per rejected line
     * @throws BackupException when the database fails; the caller's transaction must then be rolled back
     */
    IngestResult ingest(BackupSpec spec, IngestBatch batch, OtherKinds others, DataSource transaction)
            throws BackupException;

    /**
     * Stores records idempotently and updates the roll-ups, as ingestion does.
     *
     * @throws IllegalArgumentException when a record names a workload the spec does not have
     * @throws BackupException          when the database fails
     */
    StoreResult store(BackupSpec spec, List<? extends BackupRecord> records, DataSource transaction)
            throws BackupException;

    /**
     * Writes deterministic sample backup data for a {@link SampleDataProvider}: 90 days up to the request's
     * {@code now} of nightly jobs for every workload (mostly succeeded, some partial successes and failures, a
     * bad week on some workloads for a few customers), protected objects and storage growing with noise, for the
     * request's customer in {@code transaction}; then, later and in transactions of its own, the same for the
     * sample partner's other customers subscribed to the product (as many as the family is configured for). Writing
     * again for the same request stores nothing twice.
     *
     * @return what was stored for the request's customer
     * @throws BackupException when the database fails
     */
    StoreResult writeSample(SampleDataProvider.Request request, BackupSpec spec, DataSource transaction)
            throws BackupException;
}
