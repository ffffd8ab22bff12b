package org.sightline.benchmark.backup;

import org.sightline.benchmark.support.BenchDb;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import org.sightline.api.CustomerRef;
import org.sightline.api.Permissions;
import org.sightline.api.Viewer;
import org.sightline.api.backup.BackupSpec;
import org.sightline.api.backup.JobRun;
import org.sightline.api.backup.JobStatus;
import org.sightline.api.backup.Workload;
import org.sightline.api.data.SampleDataProvider;
import org.sightline.api.report.ReportActivity;
import org.sightline.api.widget.DashboardWidget;
import org.sightline.api.widget.PageRequest;
import org.sightline.api.widget.TimeRange;
import org.sightline.api.widget.WidgetRequest;
import org.sightline.core.CustomerDirectory;
import org.sightline.core.Subscription;
import org.sightline.family.backup.internal.BackupStoreService;
import org.sightline.family.backup.internal.BackupViewsService;
import org.sightline.product.dynamics.DynamicsBackupJobs;
import org.sightline.product.dynamics.DynamicsBackupStatus;
import org.sightline.product.dynamics.DynamicsProduct;
import org.sightline.product.googleworkspace.GoogleWorkspaceBackupJobs;
import org.sightline.product.googleworkspace.GoogleWorkspaceBackupStatus;
import org.sightline.product.googleworkspace.GoogleWorkspaceProduct;
import org.sightline.product.iaaspaas.IaasPaasBackupJobs;
import org.sightline.product.iaaspaas.IaasPaasBackupStatus;
import org.sightline.product.iaaspaas.IaasPaasProduct;
import org.sightline.product.m365.M365BackupJobs;
import org.sightline.product.m365.M365BackupStatus;
import org.sightline.product.m365.M365Product;
import org.sightline.product.m365.M365StorageReport;
import org.sightline.product.salesforce.SalesforceBackupJobs;
import org.sightline.product.salesforce.SalesforceBackupStatus;
import org.sightline.product.salesforce.SalesforceProduct;

/**
 * Prints figures for the backup family at scale (see README.md): loads {@code --customers} customers × the five
 * backup products × 90 days of nightly runs of every workload (with protected objects and storage per workload and
 * day) through {@link BackupStoreService#writeSample}, then measures the backup-status widget, the backup widgets of
 * one overview, and ingestion of job runs against a bare JDBC batch insert of the same rows.
 */
public final class BackupBenchmark {
    private static final List<BackupSpec> SPECS = List.of(M365Product.SPEC, GoogleWorkspaceProduct.SPEC,
            IaasPaasProduct.SPEC, DynamicsProduct.SPEC, SalesforceProduct.SPEC);
    private static final Viewer ENGINEER = new Viewer("bench", 1, Set.of("engineer"),
            Set.of(Permissions.CUSTOMER_READ, Permissions.CUSTOMER_ACT));
    private static final String BARE_INSERT = "INSERT INTO backup_job (job_id, product_id, customer_id, workload, started, "
            + "finished, status, objects_ok, objects_bad, bytes, reason, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /** Makes the feed's run ids unique per program run, so that --reuse true stores new runs. */
    private static final String RUN = Long.toString(System.currentTimeMillis(), 36);

    private BackupBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new HashMap<>(Map.of("db", "h2", "customers", "1000", "samples", "2000",
                "compare", "30", "batch", "1000", "reuse", "false"));
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        String url = o.getOrDefault("url", "jdbc:h2:file:/tmp/sightline-backup-bench/db;CACHE_SIZE=262144");
        boolean reuse = Boolean.parseBoolean(o.get("reuse"));
        int customers = Integer.parseInt(o.get("customers"));
        Instant now = Instant.parse("2026-11-30T12:00:00Z");
        try (BenchDb db = new BenchDb(url, "backup_bench", 4, !reuse)) {
            say("database: %s (%s)", db.postgres ? "PostgreSQL" : "H2", db.url());
            BackupStoreService store = new BackupStoreService(db, db.transactions()); // with its roll-up applier thread
            BackupViewsService views = new BackupViewsService(db, directory(), (r, n, k, ok) -> { });
            if (!reuse) {
                load(db, store, customers, now);
            }
            say("rows: backup_job %,d, backup_daily %,d", db.count("SELECT COUNT(*) FROM backup_job"),
                    db.count("SELECT COUNT(*) FROM backup_daily"));
            int samples = Integer.parseInt(o.get("samples"));
            statusWidget(views, customers, now, samples, 30);
            statusWidget(views, customers, now, samples, 90);
            overview(views, customers, now, Math.max(200, samples / 5));
            ingestion(db, store, customers, Integer.parseInt(o.get("compare")), Integer.parseInt(o.get("batch")), now);
        }
    }

    private static CustomerRef customer(long n) {
        return new CustomerRef(n, 1, "B-" + n, "Customer " + n, "EUR", true);
    }

    private static void load(BenchDb db, BackupStoreService store, int customers, Instant now) throws Exception {
        long t0 = System.nanoTime();
        long stored = 0;
        int step = Math.max(1, customers / 10);
        for (int c = 1; c <= customers; c++) {
            SampleDataProvider.Request req = new SampleDataProvider.Request(customer(c), 42, 1, now, ZoneId.of("UTC"));
            for (BackupSpec spec : SPECS) {
                stored += db.inTransaction((tx, raw) -> store.writeSample(req, spec, tx)).stored();
            }
            if (c % step == 0) {
                double s = (System.nanoTime() - t0) / 1e9;
                say("loaded %,d customers, %,d records (runs, protected objects, storage) in %.0f s, %,.0f records/s",
                        c, stored, s, stored / s);
            }
        }
        say("loading: the roll-ups caught up %.1f s after the last store", drained(db) / 1e9);
        if (db.postgres) {
            db.count("SELECT COUNT(*) FROM (SELECT 1) x");
            try (Connection c = db.dataSource().getConnection(); var st = c.createStatement()) {
                st.execute("ANALYZE backup_job");
                st.execute("ANALYZE backup_daily");
            }
        }
    }

    private static WidgetRequest request(long customer, Instant now, int days, String panel) {
        Instant end = now.truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(1));
        return new WidgetRequest(customer(customer), ENGINEER, TimeRange.ending(end, Duration.ofDays(days)),
                ZoneId.of("UTC"), PageRequest.first(), Map.of(), panel);
    }

    private static void statusWidget(BackupViewsService views, int customers, Instant now, int samples, int days)
            throws Exception {
        SplittableRandom r = new SplittableRandom(1);
        long[] ns = new long[samples];
        for (int i = -samples / 4; i < samples; i++) {
            long c = 1 + r.nextInt(customers);
            BackupSpec spec = SPECS.get(r.nextInt(SPECS.size()));
            long t = System.nanoTime();
            views.status(spec, request(c, now, days, null));
            if (i >= 0) {
                ns[i] = System.nanoTime() - t;
            }
        }
        report("backup-status widget, " + days + " days (random customer and product)", ns);
    }

    private static void overview(BackupViewsService views, int customers, Instant now, int samples) throws Exception {
        List<DashboardWidget> widgets = List.of(new M365BackupStatus(views), new M365BackupJobs(views),
                new M365StorageReport(views), new GoogleWorkspaceBackupStatus(views), new GoogleWorkspaceBackupJobs(views),
                new IaasPaasBackupStatus(views), new IaasPaasBackupJobs(views), new DynamicsBackupStatus(views),
                new DynamicsBackupJobs(views), new SalesforceBackupStatus(views), new SalesforceBackupJobs(views));
        SplittableRandom r = new SplittableRandom(2);
        long[] ns = new long[samples];
        for (int i = -samples / 4; i < samples; i++) {
            long c = 1 + r.nextInt(customers);
            long t = System.nanoTime();
            for (DashboardWidget w : widgets) {
                w.render(request(c, now, 30, null));
            }
            if (i >= 0) {
                ns[i] = System.nanoTime() - t;
            }
        }
        report("the 11 backup widgets of one overview, rendered one after the other, 30 days", ns);
    }

    /**
     * Nightly feeds: each batch is one product's runs of the next night for as many customers as fit (every workload
     * of each), stored through the family (probe, insert, roll-up merge) or inserted bare into the same table,
     * alternating, each in its own transaction.
     */
    private static void ingestion(BenchDb db, BackupStoreService store, int customers, int rounds, int batchSize,
                                  Instant now) throws Exception {
        long storeNs = 0;
        long bareNs = 0;
        long rows = 0;
        int next = 1;
        for (int round = 0; round < rounds; round++) {
            BackupSpec spec = SPECS.get(round % SPECS.size());
            LocalDate night = now.atOffset(ZoneOffset.UTC).toLocalDate().plusDays(1 + round / SPECS.size());
            List<JobRun> runs = new ArrayList<>();
            List<JobRun> bare = new ArrayList<>();
            SplittableRandom r = new SplittableRandom(round);
            while (runs.size() + spec.workloads().size() <= batchSize) {
                CustomerRef c = customer(next);
                next = next % customers + 1;
                for (Workload w : spec.workloads()) {
                    Instant started = night.atStartOfDay().toInstant(ZoneOffset.UTC).plusSeconds(3600 + r.nextInt(3600));
                    int roll = r.nextInt(100);
                    JobStatus s = roll < 91 ? JobStatus.SUCCEEDED : roll < 97 ? JobStatus.PARTIALLY_SUCCEEDED : JobStatus.FAILED;
                    String id = "feed-" + RUN + "-" + round + "-" + runs.size();
                    JobRun run = new JobRun(c, id, w.id(), started, started.plusSeconds(600 + r.nextInt(3000)), s,
                            s == JobStatus.FAILED ? 0 : 100 + r.nextInt(500), s == JobStatus.SUCCEEDED ? 0 : 3, 1_000_000L * r.nextInt(500),
                            s == JobStatus.SUCCEEDED ? null : "Throttled by the service",
                            s == JobStatus.SUCCEEDED ? null : "Mailbox of Adele Vance was throttled");
                    runs.add(run);
                    bare.add(new JobRun(c, "bare-" + id, run.workload(), run.started(), run.finished(), run.status(),
                            run.objectsProtected(), run.objectsFailed(), run.bytes(), run.reason(), run.error()));
                }
            }
            boolean storeFirst = round % 2 == 0;
            for (int k = 0; k < 2; k++) {
                if ((k == 0) == storeFirst) {
                    long t = System.nanoTime();
                    db.inTransaction((tx, raw) -> store.store(spec, runs, tx));
                    storeNs += System.nanoTime() - t;
                } else {
                    long t = System.nanoTime();
                    db.inTransaction((tx, raw) -> {
                        bareInsert(raw, spec.productId(), bare);
                        return null;
                    });
                    bareNs += System.nanoTime() - t;
                }
            }
            rows += runs.size();
        }
        say("ingestion of job runs, %d batches of %,d runs (one product's night for %d customers): family store %,.0f runs/s, "
                        + "bare JDBC batch insert %,.0f runs/s: %.0f %% of the bare insert", rounds, rows / rounds,
                rows / rounds / SPECS.get(0).workloads().size(), rows / (storeNs / 1e9), rows / (bareNs / 1e9),
                100.0 * bareNs / storeNs);
        say("ingestion: the roll-up applier (its own thread, running during the batches above) caught up %.2f s after "
                + "the last batch", drained(db) / 1e9);
    }

    /** Waits until the store's roll-up applier has applied every pending batch; how long that took, in ns. */
    private static long drained(BenchDb db) throws Exception {
        long t0 = System.nanoTime();
        while (db.count("SELECT COUNT(*) FROM backup_pending") > 0) {
            Thread.sleep(20);
        }
        return System.nanoTime() - t0;
    }

    private static void bareInsert(Connection c, String productId, List<JobRun> runs) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(BARE_INSERT)) {
            for (JobRun r : runs) {
                ps.setString(1, r.jobId());
                ps.setString(2, productId);
                ps.setLong(3, r.customer().id());
                ps.setString(4, r.workload());
                ps.setObject(5, r.started().atOffset(ZoneOffset.UTC));
                ps.setObject(6, r.finished() == null ? null : r.finished().atOffset(ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
                ps.setString(7, r.status().code());
                ps.setLong(8, r.objectsProtected());
                ps.setLong(9, r.objectsFailed());
                ps.setLong(10, r.bytes());
                ps.setString(11, r.reason());
                ps.setString(12, r.error());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** The core's customer directory as far as the views use it: every backup product subscribed and active. */
    private static CustomerDirectory directory() {
        List<Subscription> subs = SPECS.stream().map(s -> new Subscription(s.productId(), "active", LocalDate.of(2026, 1, 1),
                null, 10L, 20L)).toList();
        return (CustomerDirectory) Proxy.newProxyInstance(CustomerDirectory.class.getClassLoader(),
                new Class<?>[] {CustomerDirectory.class}, (p, m, a) -> {
                    if (m.getName().equals("subscriptions")) {
                        return subs;
                    }
                    throw new UnsupportedOperationException(m.getName());
                });
    }

    private static void report(String what, long[] ns) {
        long[] s = ns.clone();
        Arrays.sort(s);
        say("%s: n=%d, p50 %.2f ms, p99 %.2f ms, max %.2f ms", what, s.length, s[s.length / 2] / 1e6,
                s[(int) (s.length * 0.99)] / 1e6, s[s.length - 1] / 1e6);
    }

    private static void say(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
        System.out.flush();
    }
}
