package org.sightline.family.backup.internal;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.sightline.api.backup.JobRun;
import org.sightline.api.backup.JobStatus;
import org.sightline.api.backup.ProtectedObjects;
import org.sightline.api.backup.StorageUse;
import org.sightline.api.backup.Stored;

/**
 * Writes job runs, protected objects and storage use of one product on one connection of the caller's transaction,
 * and applies roll-up changes.
 * <p>
 * Jobs: a batch of runs none of which is stored yet (a nightly feed) is inserted without reading anything first;
 * otherwise (a unique key objects: the savepoint is rolled back) one probe per customer finds the batch's runs that
 * are stored already (the ids bound as an array); each run is new (inserted), a later state (updated) or a duplicate
 * (nothing written).
 * <p>
 * Concurrent writers of the same runs (a backend that sends a batch again while the first is still being stored, two
 * ingestion nodes): the probe locks the stored runs it finds ({@code FOR UPDATE}), so a second writer of a stored run
 * waits for the first to commit and then reads its state (no lost update, no roll-up change counted twice); a run
 * that neither writer found is inserted by both, and the second insert waits for the first writer and then fails on
 * the unique key — that attempt is rolled back to a savepoint and the batch is probed and written again, now seeing
 * the first writer's run (at most {@link #ATTEMPTS} attempts, each after another writer committed; the transactions run at READ COMMITTED, the default of
 * H2 and PostgreSQL, so a new statement sees what committed meanwhile). Runs are written in key order, so two
 * writers of the same runs in another order do not deadlock; when the database still reports a deadlock, the attempt
 * is retried the same way. Protected-object and storage merges retry once the same way on a unique-key failure
 * (PostgreSQL's {@code MERGE} does not wait for a concurrent insert of the same key).
 * <p>
 * The roll-up changes are summed per (customer, workload, day) in memory and handed back; the
 * store journals them ({@link PendingRollUps}) and the applier merges them into {@code backup_daily} with
 * {@link #applyRollUps}. When a replaced run moved to another day or stopped being a success, the affected day's last
 * run and last success are read again from its runs, so the roll-ups always equal what the runs say.
 */
final class BackupWriter {
    private static final int CHUNK = 1000;
    /**
     * How many times a batch of runs is probed and written when concurrent writers stored some of its runs first. A
     * retry follows another writer's commit of a run this batch also inserts, so two senders of the same batch need
     * one; eight senders of overlapping batches in a test needed more than three.
     */
    static final int ATTEMPTS = 10;
    /** Runs in a stable order (customer, then id), so that concurrent writers lock the same rows in the same order. */
    private static final java.util.Comparator<Keys.Job> KEY_ORDER = java.util.Comparator.comparingLong(Keys.Job::customerId)
            .thenComparing(Keys.Job::jobId);

    /**
     * A customer's stored runs among the given ids: the ids bound as an array, read through the primary key, and
     * locked until the transaction ends (a concurrent writer of the same runs waits, then reads the committed state).
     */
    private static final String PROBE = "SELECT job_id, workload, started, finished, status, objects_ok "
            + "FROM backup_job WHERE customer_id = ? AND product_id = ? AND job_id = ANY(?) FOR UPDATE";
    private static final String INSERT = "INSERT INTO backup_job (job_id, product_id, customer_id, workload, started, "
            + "finished, status, objects_ok, objects_bad, bytes, reason, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String UPDATE = "UPDATE backup_job SET customer_id = ?, workload = ?, started = ?, finished = ?, "
            + "status = ?, objects_ok = ?, objects_bad = ?, bytes = ?, reason = ?, error = ? "
            + "WHERE job_id = ? AND product_id = ? AND customer_id = ?";
    private static final String VALUES = " USING (VALUES (CAST(? AS BIGINT), CAST(? AS VARCHAR(40)), "
            + "CAST(? AS VARCHAR(40)), CAST(? AS DATE)";
    private static final String ON = " ON (d.customer_id = v.c AND d.product_id = v.p AND d.workload = v.w AND d.run_day = v.dy)";
    /** Adds a batch's changes to a roll-up row; the last run and last success only move forward. */
    private static final String MERGE_JOBS = "MERGE INTO backup_daily d" + VALUES + ", CAST(? AS INT), CAST(? AS INT), "
            + "CAST(? AS INT), CAST(? AS INT), CAST(? AS INT), CAST(? AS TIMESTAMP WITH TIME ZONE), CAST(? AS VARCHAR(20)), "
            + "CAST(? AS BIGINT), CAST(? AS TIMESTAMP WITH TIME ZONE))) AS v(c, p, w, dy, s, pa, f, r, n, ls, lst, jo, lsu)" + ON
            + " WHEN MATCHED THEN UPDATE SET succeeded = d.succeeded + v.s, partial = d.partial + v.pa, "
            + "failed = d.failed + v.f, running = d.running + v.r, not_run = d.not_run + v.n, "
            + "last_status = CASE WHEN v.ls IS NOT NULL AND (d.last_started IS NULL OR v.ls >= d.last_started) THEN v.lst ELSE d.last_status END, "
            + "job_objects = CASE WHEN v.ls IS NOT NULL AND (d.last_started IS NULL OR v.ls >= d.last_started) THEN v.jo ELSE d.job_objects END, "
            + "last_started = CASE WHEN v.ls IS NOT NULL AND (d.last_started IS NULL OR v.ls >= d.last_started) THEN v.ls ELSE d.last_started END, "
            + "last_success = CASE WHEN v.lsu IS NOT NULL AND (d.last_success IS NULL OR v.lsu > d.last_success) THEN v.lsu ELSE d.last_success END"
            + " WHEN NOT MATCHED THEN INSERT (customer_id, product_id, workload, run_day, succeeded, partial, failed, running, "
            + "not_run, last_started, last_status, job_objects, last_success) VALUES (v.c, v.p, v.w, v.dy, v.s, v.pa, v.f, v.r, "
            + "v.n, v.ls, v.lst, v.jo, v.lsu)";
    private static final String DAY_RUNS = "SELECT started, status, finished, objects_ok FROM backup_job "
            + "WHERE customer_id = ? AND product_id = ? AND started >= ? AND started < ? AND workload = ?";
    private static final String SET_LAST = "UPDATE backup_daily SET last_started = ?, last_status = ?, job_objects = ?, "
            + "last_success = ? WHERE customer_id = ? AND product_id = ? AND workload = ? AND run_day = ?";

    private BackupWriter() {
    }

    /** A day value (protected objects or storage) merge: written when new or changed, so a resend counts 0 rows. */
    private static String mergeDayValue(String column) {
        return "MERGE INTO backup_daily d" + VALUES + ", CAST(? AS BIGINT))) AS v(c, p, w, dy, x)" + ON
                + " WHEN MATCHED AND (d." + column + " IS NULL OR d." + column + " <> v.x) THEN UPDATE SET " + column + " = v.x"
                + " WHEN NOT MATCHED THEN INSERT (customer_id, product_id, workload, run_day, succeeded, partial, failed, running, "
                + "not_run, " + column + ") VALUES (v.c, v.p, v.w, v.dy, 0, 0, 0, 0, 0, v.x)";
    }

    /**
     * Stores job runs of one product, in order, and adds their roll-up changes to {@code changes}.
     *
     * @return per run, whether it was written or a duplicate
     */
    static List<Stored> storeJobs(Connection c, String productId, List<JobRun> runs, PendingRollUps.Changes changes)
            throws SQLException {
        List<Stored> result = new ArrayList<>(runs.size());
        if (runs.isEmpty()) {
            return result;
        }
        if (storeNewJobs(c, productId, runs, changes)) {
            runs.forEach(r -> result.add(Stored.STORED));
            return result;
        }
        for (int attempt = 1; ; attempt++) {
            Savepoint sp = c.setSavepoint();
            PendingRollUps.Changes mine = new PendingRollUps.Changes(new LinkedHashMap<>(), new LinkedHashSet<>());
            try {
                result.addAll(probeAndStoreJobs(c, productId, runs, mine));
            } catch (SQLException e) {
                if (!conflict(e) || attempt == ATTEMPTS) {
                    throw e;
                }
                c.rollback(sp); // a concurrent writer stored one of these runs first: probe again, now seeing it
                continue;
            }
            mine.rollUps().forEach((day, u) -> changes.rollUps().computeIfAbsent(day, k -> new RollUp()).merge(u));
            changes.recompute().addAll(mine.recompute());
            return result;
        }
    }

    /** Probes the stored runs (locking them), then inserts the new runs and updates those with a later state. */
    private static List<Stored> probeAndStoreJobs(Connection c, String productId, List<JobRun> runs,
                                                  PendingRollUps.Changes changes) throws SQLException {
        List<Stored> result = new ArrayList<>(runs.size());
        Map<Keys.Job, JobState> current = probe(c, productId, runs);
        Set<Keys.Job> inDb = new LinkedHashSet<>(current.keySet());
        Map<Keys.Job, JobRun> write = new LinkedHashMap<>();
        Map<Keys.Day, RollUp> rollUps = changes.rollUps();
        Set<Keys.Day> recompute = changes.recompute();
        for (JobRun run : runs) {
            Keys.Job key = new Keys.Job(run.customer().id(), run.jobId());
            JobState next = JobState.of(run);
            JobState old = current.get(key);
            if (old != null && !next.laterThan(old)) {
                result.add(Stored.DUPLICATE);
                continue;
            }
            if (old != null) {
                Keys.Day oldDay = new Keys.Day(key.customerId(), old.workload(), old.day());
                rollUps.computeIfAbsent(oldDay, k -> new RollUp()).add(old, -1);
                if (old.status() == JobStatus.SUCCEEDED || !old.started().equals(next.started())
                        || !old.workload().equals(next.workload())) {
                    recompute.add(oldDay);
                }
            }
            rollUps.computeIfAbsent(new Keys.Day(key.customerId(), next.workload(), next.day()), k -> new RollUp())
                    .add(next, 1);
            current.put(key, next);
            write.put(key, run);
            result.add(Stored.STORED);
        }
        writeJobs(c, productId, write, inDb);
        return result;
    }

    /**
     * Applies roll-up changes of one product: inserts the new roll-up rows (under a savepoint; when one exists
     * already, merges them all instead), then reads the flagged days' last run and last success again.
     */
    static void applyRollUps(Connection c, String productId, PendingRollUps.Changes changes) throws SQLException {
        if (!insertRollUps(c, productId, changes.rollUps())) {
            mergeRollUps(c, productId, changes.rollUps());
        }
        for (Keys.Day d : changes.recompute()) {
            recomputeLast(c, productId, d);
        }
    }

    /**
     * The fast path of a feed of new runs (a nightly export): inserts them all under a savepoint and, when none was
     * stored before, adds their roll-up changes to {@code changes}. Returns {@code false}, having written and added
     * nothing, when a run of the batch is stored already (or repeated in it): the caller then takes the probing path.
     */
    private static boolean storeNewJobs(Connection c, String productId, List<JobRun> runs, PendingRollUps.Changes changes)
            throws SQLException {
        Set<Keys.Job> keys = new java.util.HashSet<>();
        Map<Keys.Job, JobRun> write = new LinkedHashMap<>();
        Map<Keys.Day, RollUp> rollUps = new LinkedHashMap<>();
        for (JobRun run : runs) {
            Keys.Job key = new Keys.Job(run.customer().id(), run.jobId());
            if (!keys.add(key)) {
                return false;
            }
            write.put(key, run);
            JobState s = JobState.of(run);
            rollUps.computeIfAbsent(new Keys.Day(key.customerId(), s.workload(), s.day()), k -> new RollUp()).add(s, 1);
        }
        Savepoint sp = c.setSavepoint();
        try {
            writeJobs(c, productId, write, Set.of());
        } catch (SQLException e) {
            if (!conflict(e)) {
                throw e;
            }
            c.rollback(sp);
            return false;
        }
        rollUps.forEach((day, u) -> changes.rollUps().computeIfAbsent(day, k -> new RollUp()).merge(u));
        return true;
    }

    private static final String INSERT_ROLL_UP = "INSERT INTO backup_daily (customer_id, product_id, workload, run_day, "
            + "succeeded, partial, failed, running, not_run, last_started, last_status, job_objects, last_success) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /** Inserts roll-up rows that do not exist yet, under a savepoint; {@code false}, having written nothing, if one does. */
    private static boolean insertRollUps(Connection c, String productId, Map<Keys.Day, RollUp> rollUps) throws SQLException {
        Savepoint sp = c.setSavepoint();
        try {
            writeRollUps(c, INSERT_ROLL_UP, productId, rollUps);
        } catch (SQLException e) {
            if (!duplicateKey(e)) {
                throw e;
            }
            c.rollback(sp);
            return false;
        }
        return true;
    }

    /** Whether the failure is a unique key violation (SQLSTATE 23505 on H2 and PostgreSQL). */
    private static boolean duplicateKey(SQLException e) {
        return state(e, "23505");
    }

    /**
     * Whether the failure comes from a concurrent writer of the same rows: a unique key violation, a deadlock
     * (PostgreSQL 40P01) or a serialization failure (40001, H2's deadlock); a retry sees the other writer's rows.
     */
    private static boolean conflict(SQLException e) {
        return state(e, "23505") || state(e, "40P01") || state(e, "40001");
    }

    private static boolean state(SQLException e, String sqlState) {
        for (SQLException x = e; x != null; x = x.getNextException()) {
            if (sqlState.equals(x.getSQLState())) {
                return true;
            }
        }
        return e.getCause() instanceof SQLException cause && sqlState.equals(cause.getSQLState());
    }

    private static Map<Keys.Job, JobState> probe(Connection c, String productId, List<JobRun> runs) throws SQLException {
        Map<Long, Set<String>> idsByCustomer = new java.util.TreeMap<>(); // customers in one order, as the rows are locked
        runs.forEach(r -> idsByCustomer.computeIfAbsent(r.customer().id(), k -> new LinkedHashSet<>()).add(r.jobId()));
        Map<Keys.Job, JobState> found = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(PROBE)) {
            for (Map.Entry<Long, Set<String>> e : idsByCustomer.entrySet()) {
                List<String> ids = new ArrayList<>(e.getValue());
                for (int i = 0; i < ids.size(); i += CHUNK) {
                    Array array = c.createArrayOf("VARCHAR", ids.subList(i, Math.min(ids.size(), i + CHUNK)).toArray());
                    ps.setLong(1, e.getKey());
                    ps.setString(2, productId);
                    ps.setArray(3, array);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            found.put(new Keys.Job(e.getKey(), rs.getString(1)), new JobState(rs.getString(2),
                                    instant(rs, 3), instant(rs, 4), JobStatus.ofCode(rs.getString(5)), rs.getLong(6)));
                        }
                    }
                    array.free();
                }
            }
        }
        return found;
    }

    private static void writeJobs(Connection c, String productId, Map<Keys.Job, JobRun> write, Set<Keys.Job> inDb)
            throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(INSERT); PreparedStatement update = c.prepareStatement(UPDATE)) {
            int inserts = 0;
            int updates = 0;
            List<Map.Entry<Keys.Job, JobRun>> ordered = new ArrayList<>(write.entrySet());
            ordered.sort(Map.Entry.comparingByKey(KEY_ORDER));
            for (Map.Entry<Keys.Job, JobRun> e : ordered) {
                JobRun r = e.getValue();
                if (inDb.contains(e.getKey())) {
                    int i = 1;
                    update.setLong(i++, r.customer().id());
                    i = jobColumns(update, i, r);
                    update.setString(i++, r.jobId());
                    update.setString(i++, productId);
                    update.setLong(i, r.customer().id());
                    update.addBatch();
                    if (++updates % CHUNK == 0) {
                        update.executeBatch();
                    }
                } else {
                    insert.setString(1, r.jobId());
                    insert.setString(2, productId);
                    insert.setLong(3, r.customer().id());
                    jobColumns(insert, 4, r);
                    insert.addBatch();
                    if (++inserts % CHUNK == 0) {
                        insert.executeBatch();
                    }
                }
            }
            if (inserts % CHUNK != 0) {
                insert.executeBatch();
            }
            if (updates % CHUNK != 0) {
                update.executeBatch();
            }
        }
    }

    private static int jobColumns(PreparedStatement ps, int i, JobRun r) throws SQLException {
        ps.setString(i++, r.workload());
        ps.setObject(i++, odt(r.started()));
        ps.setObject(i++, odt(r.finished()), Types.TIMESTAMP_WITH_TIMEZONE);
        ps.setString(i++, r.status().code());
        ps.setLong(i++, r.objectsProtected());
        ps.setLong(i++, r.objectsFailed());
        ps.setLong(i++, r.bytes());
        ps.setString(i++, r.reason());
        ps.setString(i++, r.error());
        return i;
    }

    private static void mergeRollUps(Connection c, String productId, Map<Keys.Day, RollUp> rollUps) throws SQLException {
        writeRollUps(c, MERGE_JOBS, productId, rollUps);
    }

    /** Runs the roll-up merge or insert (the same parameters) for every row, in JDBC batches. */
    private static void writeRollUps(Connection c, String sql, String productId, Map<Keys.Day, RollUp> rollUps)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            int n = 0;
            for (Map.Entry<Keys.Day, RollUp> e : rollUps.entrySet()) {
                Keys.Day k = e.getKey();
                RollUp u = e.getValue();
                ps.setLong(1, k.customerId());
                ps.setString(2, productId);
                ps.setString(3, k.workload());
                ps.setObject(4, k.day());
                ps.setInt(5, u.counts[JobStatus.SUCCEEDED.ordinal()]);
                ps.setInt(6, u.counts[JobStatus.PARTIALLY_SUCCEEDED.ordinal()]);
                ps.setInt(7, u.counts[JobStatus.FAILED.ordinal()]);
                ps.setInt(8, u.counts[JobStatus.RUNNING.ordinal()]);
                ps.setInt(9, u.counts[JobStatus.NOT_RUN.ordinal()]);
                ps.setObject(10, odt(u.lastStarted), Types.TIMESTAMP_WITH_TIMEZONE);
                ps.setString(11, u.lastStatus == null ? null : u.lastStatus.code());
                if (u.lastStarted == null) {
                    ps.setNull(12, Types.BIGINT);
                } else {
                    ps.setLong(12, u.jobObjects);
                }
                ps.setObject(13, odt(u.lastSuccess), Types.TIMESTAMP_WITH_TIMEZONE);
                ps.addBatch();
                if (++n % CHUNK == 0) {
                    ps.executeBatch();
                }
            }
            if (n % CHUNK != 0) {
                ps.executeBatch();
            }
        }
    }

    /** Sets a day's last run and last success from its runs, after a run left the day or stopped being a success. */
    private static void recomputeLast(Connection c, String productId, Keys.Day d) throws SQLException {
        RollUp last = new RollUp();
        try (PreparedStatement ps = c.prepareStatement(DAY_RUNS)) {
            ps.setLong(1, d.customerId());
            ps.setString(2, productId);
            ps.setObject(3, odt(d.day().atStartOfDay().toInstant(ZoneOffset.UTC)));
            ps.setObject(4, odt(d.day().plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC)));
            ps.setString(5, d.workload());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    last.add(new JobState(d.workload(), instant(rs, 1), instant(rs, 3), JobStatus.ofCode(rs.getString(2)),
                            rs.getLong(4)), 1);
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement(SET_LAST)) {
            ps.setObject(1, odt(last.lastStarted), Types.TIMESTAMP_WITH_TIMEZONE);
            ps.setString(2, last.lastStatus == null ? null : last.lastStatus.code());
            if (last.lastStarted == null) {
                ps.setNull(3, Types.BIGINT);
            } else {
                ps.setLong(3, last.jobObjects);
            }
            ps.setObject(4, odt(last.lastSuccess), Types.TIMESTAMP_WITH_TIMEZONE);
            ps.setLong(5, d.customerId());
            ps.setString(6, productId);
            ps.setString(7, d.workload());
            ps.setObject(8, d.day());
            ps.executeUpdate();
        }
    }

    /** Stores protected-object counts; a day's value sent again unchanged is a duplicate. */
    static List<Stored> storeProtected(Connection c, String productId, List<ProtectedObjects> records) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        records.forEach(r -> rows.add(new Object[] {r.customer().id(), r.workload(), r.day(), r.objects()}));
        return mergeDayValues(c, productId, "protected_objects", rows);
    }

    /** Stores storage use; a day's value sent again unchanged is a duplicate. */
    static List<Stored> storeStorage(Connection c, String productId, List<StorageUse> records) throws SQLException {
        List<Object[]> rows = new ArrayList<>();
        records.forEach(r -> rows.add(new Object[] {r.customer().id(), r.workload(), r.day(), r.bytes()}));
        return mergeDayValues(c, productId, "storage_bytes", rows);
    }

    private static List<Stored> mergeDayValues(Connection c, String productId, String column, List<Object[]> rows)
            throws SQLException {
        if (rows.isEmpty()) {
            return new ArrayList<>();
        }
        List<Object[]> ordered = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            ordered.add(new Object[] {rows.get(i), i});
        }
        // key order (customer, workload, day), so that concurrent writers of the same days lock them in one order
        ordered.sort(java.util.Comparator.comparingLong((Object[] o) -> (Long) ((Object[]) o[0])[0])
                .thenComparing(o -> (String) ((Object[]) o[0])[1])
                .thenComparing(o -> (LocalDate) ((Object[]) o[0])[2]));
        for (int attempt = 1; ; attempt++) {
            Savepoint sp = c.setSavepoint();
            try {
                Stored[] result = new Stored[rows.size()];
                try (PreparedStatement ps = c.prepareStatement(mergeDayValue(column))) {
                    for (int from = 0; from < ordered.size(); from += CHUNK) {
                        List<Object[]> chunk = ordered.subList(from, Math.min(ordered.size(), from + CHUNK));
                        for (Object[] o : chunk) {
                            Object[] r = (Object[]) o[0];
                            ps.setLong(1, (Long) r[0]);
                            ps.setString(2, productId);
                            ps.setString(3, (String) r[1]);
                            ps.setObject(4, (LocalDate) r[2]);
                            ps.setLong(5, (Long) r[3]);
                            ps.addBatch();
                        }
                        int[] counts = ps.executeBatch();
                        for (int i = 0; i < counts.length; i++) {
                            result[(Integer) chunk.get(i)[1]] = counts[i] == 0 ? Stored.DUPLICATE : Stored.STORED;
                        }
                    }
                }
                return new ArrayList<>(java.util.Arrays.asList(result));
            } catch (SQLException e) {
                if (!conflict(e) || attempt == ATTEMPTS) {
                    throw e;
                }
                c.rollback(sp); // a concurrent writer inserted one of these days first: merge again, now matching it
            }
        }
    }

    /** Deletes a customer's runs and roll-ups of every product. */
    static void deleteCustomer(Connection c, long customerId) throws SQLException {
        for (String table : List.of("backup_job", "backup_daily")) {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE customer_id = ?")) {
                ps.setLong(1, customerId);
                ps.executeUpdate();
            }
        }
    }

    static OffsetDateTime odt(Instant t) {
        return t == null ? null : t.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
