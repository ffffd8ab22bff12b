package org.sightline.family.backup.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.sightline.api.CustomerRef;
import org.sightline.api.backup.BackupRecord;
import org.sightline.api.backup.BackupSpec;
import org.sightline.api.backup.JobRun;
import org.sightline.api.backup.JobStatus;
import org.sightline.api.backup.OtherKinds;
import org.sightline.api.backup.StoreResult;
import org.sightline.api.backup.Stored;
import org.sightline.api.backup.Workload;
import org.sightline.api.data.SampleDataProvider;
import org.sightline.api.ingest.IngestBatch;
import org.sightline.api.ingest.IngestRecord;
import org.sightline.api.ingest.IngestResult;
import org.sightline.api.ingest.InvalidRecordException;
import org.sightline.api.ingest.Rejection;
import org.sightline.family.support.testing.FamilyTestDb;

/** The backup store on a real database (H2, or PostgreSQL when SIGHTLINE_TEST_PG_URL is set). */
public class BackupStoreServiceTest {
    static final BackupSpec SPEC = new BackupSpec("acme-backup", List.of(new Workload("mail", "Mail", "mailboxes"),
            new Workload("files", "Files", "accounts")), true);
    private static final OtherKinds NONE = (kind, r, tx) -> {
        throw new InvalidRecordException("kind", "must be one of [job, protected, storage], was '" + kind + "'");
    };

    private FamilyTestDb db;
    private BackupStoreService store;
    private CustomerRef acme;
    private CustomerRef globex;

    @Before
    public void setUp() throws Exception {
        db = new FamilyTestDb("backup");
        store = new BackupStoreService(db, db.transactions(), false);
        acme = db.customer("Acme", "EUR", BigDecimal.ZERO);
        globex = db.customer("Globex", "EUR", BigDecimal.ZERO);
    }

    @After
    public void tearDown() throws Exception {
        db.close();
    }

    static Map<String, Object> job(String workload, String started, String finished, String status) {
        Map<String, Object> f = new HashMap<>();
        f.put("kind", "job");
        f.put("workload", workload);
        f.put("started", started);
        f.put("finished", finished);
        f.put("status", status);
        f.put("protected", 100L);
        f.put("failed", status.equals("partially-succeeded") ? 2L : 0L);
        f.put("bytes", 5000L);
        f.put("reason", status.equals("succeeded") ? null : "Throttled by the service");
        f.put("error", status.equals("succeeded") ? null : "Mailbox of Jane Doe (jane.doe@example.com) skipped");
        return f;
    }

    /** A figure from the database once the roll-up applier has caught up (it runs about a second after a store). */
    private long count(String sql, Object... args) throws Exception {
        store.applyPendingRollUps();
        return db.count(sql, args);
    }

    private IngestResult ingest(OtherKinds others, IngestRecord... lines) throws Exception {
        return db.inTransaction(tx -> store.ingest(SPEC, new IngestBatch(1, List.of(lines)), others, tx));
    }

    private IngestResult ingest(IngestRecord... lines) throws Exception {
        return ingest(NONE, lines);
    }

    private static IngestRecord line(int n, CustomerRef c, String id, Map<String, Object> fields) {
        return new IngestRecord(n, c, id, fields);
    }

    @Test
    public void sendingTheSameJobsAgainStoresNothingTwice() throws Exception {
        IngestRecord[] lines = {
            line(1, acme, "r1", job("mail", "2026-11-20T01:00:00Z", "2026-11-20T01:30:00Z", "succeeded")),
            line(2, acme, "r2", job("files", "2026-11-20T01:10:00Z", "2026-11-20T01:40:00Z", "failed")),
            line(3, globex, "r1", job("mail", "2026-11-20T01:00:00Z", "2026-11-20T01:20:00Z", "succeeded")),
        };
        IngestResult first = ingest(lines);
        assertEquals(3, first.stored());
        assertEquals(0, first.duplicates());
        IngestResult again = ingest(lines);
        assertEquals(0, again.stored());
        assertEquals(3, again.duplicates());
        assertEquals(3, count("SELECT COUNT(*) FROM backup_job"));
        assertEquals(2, count("SELECT SUM(succeeded) FROM backup_daily"));
        assertEquals(1, count("SELECT SUM(failed) FROM backup_daily"));
    }

    /**
     * Two transactions send the same batch at once: a stored run again (so neither takes the fast path of a batch of
     * new runs), a stored run in a later state, a new run and a new day's protected objects and storage. The second
     * waits for the first (its probe locks the stored run; the new run's and day's inserts wait on the unique key),
     * then finds everything stored: all duplicates, nothing refused, nothing counted twice in the roll-ups. Before, on
     * PostgreSQL, the second writer's probe missed the first's uncommitted new run and its insert then failed the whole
     * batch with a duplicate key (on H2 the overlapping senders below failed that way).
     */
    @Test
    public void theSameBatchSentTwiceAtOnceIsStoredOnceAndTheSecondSenderIsNotRefused() throws Exception {
        assertEquals(2, ingest(line(1, acme, "a", job("mail", "2026-11-20T01:00:00Z", null, "running")),
                line(2, acme, "b", job("files", "2026-11-20T02:00:00Z", "2026-11-20T02:30:00Z", "succeeded"))).stored());
        store.applyPendingRollUps();
        IngestRecord[] batch = {
            line(1, acme, "b", job("files", "2026-11-20T02:00:00Z", "2026-11-20T02:30:00Z", "succeeded")),
            line(2, acme, "a", job("mail", "2026-11-20T01:00:00Z", "2026-11-20T01:40:00Z", "succeeded")),
            line(3, acme, "x", job("files", "2026-11-21T01:00:00Z", "2026-11-21T01:30:00Z", "partially-succeeded")),
            line(4, acme, "p", Map.of("kind", "protected", "workload", "mail", "day", "2026-11-21", "objects", 120L)),
            line(5, acme, "s", Map.of("kind", "storage", "workload", "mail", "day", "2026-11-21", "bytes", 9_000_000L)),
        };
        java.util.concurrent.CountDownLatch firstStored = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch commitFirst = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService senders = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.concurrent.Future<IngestResult> first = senders.submit(() -> db.inTransaction(tx -> {
                IngestResult r = store.ingest(SPEC, new IngestBatch(1, List.of(batch)), NONE, tx);
                firstStored.countDown();
                assertTrue(commitFirst.await(30, java.util.concurrent.TimeUnit.SECONDS));
                return r;
            }));
            assertTrue(firstStored.await(30, java.util.concurrent.TimeUnit.SECONDS));
            java.util.concurrent.Future<IngestResult> second = senders.submit(() -> ingest(batch));
            Thread.sleep(300); // the second is now waiting for the first's rows (H2's lock timeout is 1 s by default)
            commitFirst.countDown();
            IngestResult one = first.get(30, java.util.concurrent.TimeUnit.SECONDS);
            IngestResult two = second.get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals(one.toString(), 4, one.stored());
            assertEquals(two.toString(), 0, two.stored());
            assertEquals(two.toString(), 5, two.duplicates());
        } finally {
            commitFirst.countDown();
            senders.shutdownNow();
        }
        assertEquals(3, count("SELECT COUNT(*) FROM backup_job"));
        assertEquals(2, count("SELECT SUM(succeeded) FROM backup_daily"));
        assertEquals(1, count("SELECT SUM(partial) FROM backup_daily"));
        assertEquals(0, count("SELECT SUM(running) FROM backup_daily"));
        assertEquals(120, count("SELECT protected_objects FROM backup_daily WHERE run_day = ? AND workload = 'mail'",
                LocalDate.parse("2026-11-21")));
        assertRollUpsMatchRuns();
    }

    /**
     * Eight senders (four at a time) of overlapping batches, in different orders, with runs repeated in a batch: none
     * refused, every run once, the roll-ups equal to the runs.
     */
    @Test
    public void concurrentOverlappingBatchesStoreEveryRunOnce() throws Exception {
        java.util.concurrent.ExecutorService senders = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<IngestResult>> results = new ArrayList<>();
            for (int s = 0; s < 8; s++) {
                SplittableRandom r = new SplittableRandom(s);
                List<IngestRecord> lines = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    int n = r.nextInt(30);
                    String status = r.nextBoolean() ? "succeeded" : "running";
                    lines.add(line(i + 1, n % 2 == 0 ? acme : globex, "run-" + n, job(n % 3 == 0 ? "mail" : "files",
                            "2026-11-" + (10 + n % 10) + "T01:00:00Z", status.equals("running") ? null
                                    : "2026-11-" + (10 + n % 10) + "T01:30:00Z", status)));
                }
                java.util.Collections.shuffle(lines, new java.util.Random(s)); // another order per sender
                results.add(senders.submit(() -> ingest(lines.toArray(IngestRecord[]::new))));
            }
            for (java.util.concurrent.Future<IngestResult> f : results) {
                IngestResult r = f.get(60, java.util.concurrent.TimeUnit.SECONDS);
                assertEquals(r.toString(), 0, r.rejected().size());
            }
        } finally {
            senders.shutdownNow();
        }
        assertRollUpsMatchRuns();
        assertEquals(db.count("SELECT COUNT(*) FROM backup_job"), count("SELECT SUM(succeeded + partial + failed + running "
                + "+ not_run) FROM backup_daily"));
    }

    @Test
    public void aLaterStateOfAJobReplacesTheEarlierAndAnEarlierOneIsADuplicate() throws Exception {
        Map<String, Object> running = job("mail", "2026-11-20T01:00:00Z", null, "running");
        assertEquals(1, ingest(line(1, acme, "r1", running)).stored());
        assertEquals("running", lastStatus(acme, "mail", "2026-11-20"));
        IngestResult done = ingest(line(1, acme, "r1", job("mail", "2026-11-20T01:00:00Z", "2026-11-20T02:00:00Z",
                "partially-succeeded")));
        assertEquals(1, done.stored());
        assertEquals(1, count("SELECT COUNT(*) FROM backup_job"));
        assertEquals(0, count("SELECT SUM(running) FROM backup_daily"));
        assertEquals(1, count("SELECT SUM(partial) FROM backup_daily"));
        assertEquals("partially-succeeded", lastStatus(acme, "mail", "2026-11-20"));
        IngestResult late = ingest(line(1, acme, "r1", running));
        assertEquals(0, late.stored());
        assertEquals(1, late.duplicates());
        assertEquals("partially-succeeded", lastStatus(acme, "mail", "2026-11-20"));
        // a retry that finished later succeeded: it replaces the partial run and becomes the last success
        ingest(line(1, acme, "r1", job("mail", "2026-11-20T01:00:00Z", "2026-11-20T03:00:00Z", "succeeded")));
        assertEquals(1, count("SELECT SUM(succeeded) FROM backup_daily"));
        assertEquals(0, count("SELECT SUM(partial) FROM backup_daily"));
        assertRollUpsMatchRuns();
    }

    @Test
    public void aBadLineIsRejectedWithItsReasonAndNothingOfItIsWritten() throws Exception {
        Map<String, Object> badStatus = job("mail", "2026-11-20T01:00:00Z", "2026-11-20T01:30:00Z", "succeeded");
        badStatus.put("status", "fine");
        Map<String, Object> noFinish = job("mail", "2026-11-20T01:00:00Z", null, "failed");
        Map<String, Object> backwards = job("mail", "2026-11-20T01:00:00Z", "2026-11-20T00:30:00Z", "succeeded");
        Map<String, Object> unknownWorkload = job("calendar", "2026-11-20T01:00:00Z", "2026-11-20T01:30:00Z", "succeeded");
        Map<String, Object> negative = job("mail", "2026-11-20T01:00:00Z", "2026-11-20T01:30:00Z", "succeeded");
        negative.put("protected", -1L);
        Map<String, Object> noKind = job("mail", "2026-11-20T01:00:00Z", "2026-11-20T01:30:00Z", "succeeded");
        noKind.remove("kind");
        Map<String, Object> storageNoDay = new HashMap<>(Map.of("kind", "storage", "workload", "mail", "bytes", 10L));
        Map<String, Object> alien = new HashMap<>(Map.of("kind", "finding", "workload", "mail"));
        IngestResult r = ingest(line(1, acme, "a", badStatus), line(2, acme, "b", noFinish), line(3, acme, "c", backwards),
                line(4, acme, "d", unknownWorkload), line(5, acme, "e", negative), line(6, acme, "f", noKind),
                line(7, acme, "g", storageNoDay), line(8, acme, "h", alien),
                line(9, acme, "ok", job("mail", "2026-11-20T01:00:00Z", "2026-11-20T01:30:00Z", "succeeded")));
        assertEquals(1, r.stored());
        List<String> fields = r.rejected().stream().map(Rejection::field).toList();
        assertEquals(List.of("status", "finished", "finished", "workload", "protected", "kind", "day", "kind"), fields);
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8), r.rejected().stream().map(Rejection::line).toList());
        assertTrue(r.rejected().get(0).reason(), r.rejected().get(0).reason().contains("was 'fine'"));
        assertTrue(r.rejected().get(2).reason(), r.rejected().get(2).reason().contains("before started"));
        assertEquals(1, count("SELECT COUNT(*) FROM backup_job"));
        assertEquals(1, count("SELECT COUNT(*) FROM backup_daily"));
        assertEquals(1, count("SELECT SUM(succeeded) FROM backup_daily"));
    }

    @Test
    public void aProductsOwnKindIsStoredInItsOwnSavepointAndRolledBackWhenRejected() throws Exception {
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE finding (id VARCHAR(20) PRIMARY KEY, score INT)");
        }
        OtherKinds findings = (kind, r, tx) -> {
            if (!kind.equals("finding")) {
                throw new InvalidRecordException("kind", "unknown");
            }
            try (Connection c = tx.getConnection();
                 PreparedStatement ps = c.prepareStatement("INSERT INTO finding (id, score) VALUES (?, ?)")) {
                ps.setString(1, r.recordId());
                ps.setLong(2, -1);
                ps.executeUpdate(); // written first, then found wanting: must be rolled back
            }
            long score = r.integer("score", 0, 100);
            try (Connection c = tx.getConnection();
                 PreparedStatement ps = c.prepareStatement("UPDATE finding SET score = ? WHERE id = ?")) {
                ps.setLong(1, score);
                ps.setString(2, r.recordId());
                ps.executeUpdate();
            }
            return Stored.STORED;
        };
        IngestResult r = ingest(findings, line(1, acme, "f1", Map.of("kind", "finding", "score", 80L)),
                line(2, acme, "f2", Map.of("kind", "finding", "score", 500L)),
                line(3, acme, "r1", job("mail", "2026-11-20T01:00:00Z", "2026-11-20T01:30:00Z", "succeeded")));
        assertEquals(2, r.stored());
        assertEquals(List.of(new Rejection(2, "score", "score must be between 0 and 100")), r.rejected());
        assertEquals(1, count("SELECT COUNT(*) FROM finding"));
        assertEquals(80, count("SELECT score FROM finding WHERE id = 'f1'"));
    }

    @Test
    public void protectedObjectsAndStorageKeepTheLatestValuePerDayAndAResendIsADuplicate() throws Exception {
        IngestRecord p = line(1, acme, "p1", Map.of("kind", "protected", "workload", "mail", "day", "2026-11-20", "objects", 120L));
        IngestRecord s = line(2, acme, "s1", Map.of("kind", "storage", "workload", "mail", "day", "2026-11-20", "bytes", 9_000_000_000L));
        IngestResult firstTime = ingest(p, s);
        assertEquals(firstTime.toString(), 2, firstTime.stored());
        IngestResult again = ingest(p, s);
        assertEquals(0, again.stored());
        assertEquals(2, again.duplicates());
        assertEquals(1, ingest(line(1, acme, "p2", Map.of("kind", "protected", "workload", "mail", "day", "2026-11-20",
                "objects", 125L))).stored());
        assertEquals(125, count("SELECT protected_objects FROM backup_daily"));
        assertEquals(9_000_000_000L, count("SELECT storage_bytes FROM backup_daily"));
        assertEquals(1, count("SELECT COUNT(*) FROM backup_daily"));
    }

    @Test
    public void rollUpsEqualAggregatesRecomputedFromTheRuns() throws Exception {
        Instant now = Instant.parse("2026-11-30T12:00:00Z");
        for (CustomerRef c : List.of(acme, globex)) {
            db.inTransaction(tx -> store.writeSample(new SampleDataProvider.Request(c, 7, 1, now, ZoneId.of("UTC")), SPEC, tx));
        }
        // then a feed that resends, replaces, downgrades and moves runs, in random batches
        SplittableRandom r = new SplittableRandom(11);
        List<JobRun> runs = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            CustomerRef c = r.nextBoolean() ? acme : globex;
            String id = r.nextInt(3) == 0 ? "sample-mail-2026-11-" + (10 + r.nextInt(20)) : "feed-" + r.nextInt(150);
            Instant started = Instant.parse("2026-11-01T00:00:00Z").plusSeconds(r.nextLong(29L * 86400));
            JobStatus status = JobStatus.values()[r.nextInt(JobStatus.values().length)];
            Instant finished = status == JobStatus.RUNNING || status == JobStatus.NOT_RUN ? null
                    : started.plusSeconds(60 + r.nextInt(20000));
            runs.add(new JobRun(c, id, r.nextBoolean() ? "mail" : "files", started, finished, status, r.nextInt(500),
                    r.nextInt(5), r.nextInt(100000), null, null));
        }
        for (int i = 0; i < runs.size(); ) {
            int n = 1 + r.nextInt(80);
            List<? extends BackupRecord> batch = runs.subList(i, Math.min(runs.size(), i + n));
            db.inTransaction(tx -> store.store(SPEC, batch, tx));
            i += n;
        }
        assertRollUpsMatchRuns();
    }

    @Test
    public void sampleBackupsAreDeterministicAndWritingThemAgainStoresNothing() throws Exception {
        SampleDataProvider.Request req = new SampleDataProvider.Request(acme, 42, 1, Instant.parse("2026-11-30T00:30:00Z"),
                ZoneId.of("UTC"));
        StoreResult first = db.inTransaction(tx -> store.writeSample(req, SPEC, tx));
        assertEquals((SampleBackups.DAYS - 1) * 2 * 3, first.stored()); // today's runs have not started yet
        StoreResult again = db.inTransaction(tx -> store.writeSample(req, SPEC, tx));
        assertEquals(0, again.stored());
        assertEquals(SampleBackups.of(req, SPEC), SampleBackups.of(req, SPEC));
        long problems = count("SELECT COUNT(*) FROM backup_job WHERE status IN ('failed', 'partially-succeeded')");
        assertTrue("some failures: " + problems, problems > 0 && problems < 90);
        assertRollUpsMatchRuns();
    }

    @Test
    public void aStoredBatchReachesTheRollUpsWhenTheApplierRunsAndOnlyOnce() throws Exception {
        IngestResult r = ingest(line(1, acme, "r1", job("mail", "2026-11-20T01:00:00Z", "2026-11-20T01:30:00Z", "succeeded")),
                line(2, acme, "r2", job("files", "2026-11-20T02:00:00Z", "2026-11-20T02:30:00Z", "failed")));
        assertEquals(2, r.stored());
        assertEquals("the runs are stored at once", 2, db.count("SELECT COUNT(*) FROM backup_job"));
        assertEquals("their roll-ups wait for the applier", 0, db.count("SELECT COUNT(*) FROM backup_daily"));
        assertEquals(1, db.count("SELECT COUNT(*) FROM backup_pending"));
        assertEquals(1, store.applyPendingRollUps());
        assertEquals(0, store.applyPendingRollUps());
        assertEquals(0, db.count("SELECT COUNT(*) FROM backup_pending"));
        assertEquals(1, db.count("SELECT SUM(succeeded) FROM backup_daily"));
        assertEquals(1, db.count("SELECT SUM(failed) FROM backup_daily"));
        assertRollUpsMatchRuns();
    }

    @Test
    public void theRollUpsOfManyPendingBatchesEqualTheirRuns() throws Exception {
        // new runs, a later state of one (moved to another day), a duplicate and a run that stops being a success,
        // all pending together, then applied in one go
        ingest(line(1, acme, "a", job("mail", "2026-11-20T01:00:00Z", "2026-11-20T01:30:00Z", "succeeded")),
                line(2, acme, "b", job("mail", "2026-11-20T03:00:00Z", null, "running")));
        ingest(line(1, acme, "b", job("mail", "2026-11-21T03:00:00Z", "2026-11-21T03:10:00Z", "succeeded")),
                line(2, globex, "c", job("files", "2026-11-20T04:00:00Z", "2026-11-20T04:30:00Z", "partially-succeeded")));
        ingest(line(1, acme, "a", job("mail", "2026-11-20T01:00:00Z", "2026-11-20T01:50:00Z", "failed")),
                line(2, globex, "c", job("files", "2026-11-20T04:00:00Z", "2026-11-20T04:30:00Z", "partially-succeeded")));
        assertEquals(3, db.count("SELECT COUNT(*) FROM backup_pending"));
        assertRollUpsMatchRuns();
        assertEquals("failed", lastStatus(acme, "mail", "2026-11-20"));
        assertEquals("succeeded", lastStatus(acme, "mail", "2026-11-21"));
    }

    @Test
    public void pendingChangesSurviveEncoding() {
        RollUp u = new RollUp();
        u.add(new JobState("mail", Instant.parse("2026-11-20T01:00:00.123456789Z"), Instant.parse("2026-11-20T02:00:00Z"),
                JobStatus.SUCCEEDED, 42), 1);
        u.add(new JobState("mail", Instant.parse("2026-11-19T01:00:00Z"), null, JobStatus.RUNNING, 7), -1);
        Keys.Day day = new Keys.Day(7, "mail", LocalDate.parse("2026-11-20"));
        Keys.Day other = new Keys.Day(8, "files", LocalDate.parse("2026-11-19"));
        PendingRollUps.Changes in = new PendingRollUps.Changes(new java.util.LinkedHashMap<>(Map.of(day, u)),
                new java.util.LinkedHashSet<>(List.of(other)));
        PendingRollUps.Changes out = PendingRollUps.decode(PendingRollUps.encode(in));
        RollUp back = out.rollUps().get(day);
        assertEquals(java.util.Arrays.toString(u.counts), java.util.Arrays.toString(back.counts));
        assertEquals(u.lastStarted, back.lastStarted);
        assertEquals(u.lastStatus, back.lastStatus);
        assertEquals(u.jobObjects, back.jobObjects);
        assertEquals(u.lastSuccess, back.lastSuccess);
        assertEquals(in.recompute(), out.recompute());
    }

    @Test
    public void disconnectingACustomerDeletesItsBackupDataOnly() throws Exception {
        Instant now = Instant.parse("2026-11-30T12:00:00Z");
        for (CustomerRef c : List.of(acme, globex)) {
            db.inTransaction(tx -> store.writeSample(new SampleDataProvider.Request(c, 7, 1, now, ZoneId.of("UTC")), SPEC, tx));
        }
        db.inTransaction(tx -> {
            store.deleteCustomerData(acme, tx);
            return null;
        });
        assertEquals("nothing pending is left to recreate the roll-ups", 0, db.count("SELECT COUNT(*) FROM backup_pending"));
        assertEquals(0, count("SELECT COUNT(*) FROM backup_job WHERE customer_id = ?", acme.id()));
        assertEquals(0, count("SELECT COUNT(*) FROM backup_daily WHERE customer_id = ?", acme.id()));
        assertTrue(count("SELECT COUNT(*) FROM backup_daily WHERE customer_id = ?", globex.id()) > 0);
        assertEquals(180, count("SELECT COUNT(*) FROM backup_job WHERE customer_id = ?", globex.id()));
        assertEquals("backup", store.module());
    }

    private String lastStatus(CustomerRef c, String workload, String day) throws Exception {
        store.applyPendingRollUps();
        try (Connection conn = db.dataSource().getConnection();
             PreparedStatement ps = conn.prepareStatement("SELECT last_status FROM backup_daily WHERE customer_id = ? "
                     + "AND workload = ? AND run_day = ?")) {
            ps.setLong(1, c.id());
            ps.setString(2, workload);
            ps.setObject(3, LocalDate.parse(day));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** Every roll-up row's counts, last run and last success equal what its runs say, and no run is missing. */
    private void assertRollUpsMatchRuns() throws Exception {
        store.applyPendingRollUps();
        Map<List<Object>, List<Object>> fromRuns = new HashMap<>();
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT customer_id, workload, started, finished, status FROM backup_job")) {
            while (rs.next()) {
                OffsetDateTime started = rs.getObject(3, OffsetDateTime.class);
                OffsetDateTime finished = rs.getObject(4, OffsetDateTime.class);
                List<Object> key = List.of(rs.getLong(1), rs.getString(2), started.toInstant().atOffset(java.time.ZoneOffset.UTC).toLocalDate());
                Object[] v = fromRuns.computeIfAbsent(key, k -> new ArrayList<>(java.util.Arrays.asList(0L, 0L, 0L, 0L, 0L, null, null, null)))
                        .toArray();
                JobStatus s = JobStatus.ofCode(rs.getString(5));
                v[BackupReader.index(s)] = (Long) v[BackupReader.index(s)] + 1;
                if (v[5] == null || !started.toInstant().isBefore((Instant) v[5])) {
                    v[5] = started.toInstant();
                    v[6] = s.code();
                }
                if (s == JobStatus.SUCCEEDED && (v[7] == null || finished.toInstant().isAfter((Instant) v[7]))) {
                    v[7] = finished.toInstant();
                }
                fromRuns.put(key, new ArrayList<>(java.util.Arrays.asList(v)));
            }
        }
        Map<List<Object>, List<Object>> rollUps = new HashMap<>();
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT customer_id, workload, run_day, succeeded, partial, failed, running, not_run, "
                     + "last_started, last_status, last_success FROM backup_daily")) {
            while (rs.next()) {
                List<Object> key = List.of(rs.getLong(1), rs.getString(2), rs.getObject(3, LocalDate.class));
                OffsetDateTime ls = rs.getObject(9, OffsetDateTime.class);
                OffsetDateTime lsu = rs.getObject(11, OffsetDateTime.class);
                List<Object> v = new ArrayList<>(java.util.Arrays.asList(rs.getLong(4), rs.getLong(5), rs.getLong(6),
                        rs.getLong(7), rs.getLong(8), ls == null ? null : ls.toInstant(), rs.getString(10),
                        lsu == null ? null : lsu.toInstant()));
                boolean noRuns = v.subList(0, 5).stream().allMatch(x -> (Long) x == 0L);
                if (noRuns) {
                    assertNull("a day without runs has no last run: " + key, v.get(5));
                    assertNull("a day without runs has no last success: " + key, v.get(7));
                    continue;
                }
                rollUps.put(key, v);
            }
        }
        assertEquals(fromRuns.keySet(), rollUps.keySet());
        for (List<Object> key : fromRuns.keySet()) {
            List<Object> want = fromRuns.get(key);
            List<Object> got = rollUps.get(key);
            assertTrue(key + ": " + got + " but the runs say " + want, Objects.equals(want, got)
                    // runs that started at the same instant: either may be the day's last
                    || Objects.equals(want.subList(0, 6), got.subList(0, 6)) && Objects.equals(want.get(7), got.get(7)));
        }
    }
}
