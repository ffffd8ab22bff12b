package org.sightline.family.backup.internal;

import static org.sightline.family.backup.internal.BackupWriter.instant;
import static org.sightline.family.backup.internal.BackupWriter.odt;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import org.sightline.api.backup.BackupSpec;
import org.sightline.api.backup.JobStatus;
import org.sightline.api.backup.Workload;
import org.sightline.api.backup.WorkloadSummary;

/**
 * Reads the family's tables for the views: summaries, runs per day and storage from the roll-ups (one indexed
 * range of {@code backup_daily} each), and pages of failed and partial runs by key from {@code backup_job}.
 */
final class BackupReader {
    /** How far before the range's end the last run, last success and protected objects are looked for at first. */
    static final int LOOKBACK_DAYS = 35;

    private static final String DAYS = "SELECT workload, run_day, succeeded, partial, failed, running, not_run, last_started, "
            + "last_status, last_success, job_objects, protected_objects FROM backup_daily "
            + "WHERE customer_id = ? AND product_id = ? AND run_day >= ? AND run_day <= ? ORDER BY run_day DESC";
    private static final String LAST_RUN = "SELECT last_started, last_status, job_objects FROM backup_daily "
            + "WHERE customer_id = ? AND product_id = ? AND workload = ? AND run_day <= ? AND last_started IS NOT NULL "
            + "ORDER BY customer_id, product_id, workload, run_day DESC FETCH FIRST 1 ROWS ONLY";
    private static final String LAST_SUCCESS = "SELECT MAX(last_success) FROM backup_daily "
            + "WHERE customer_id = ? AND product_id = ? AND workload = ? AND run_day <= ?";
    private static final String LAST_PROTECTED = "SELECT protected_objects FROM backup_daily "
            + "WHERE customer_id = ? AND product_id = ? AND workload = ? AND run_day <= ? AND protected_objects IS NOT NULL "
            + "ORDER BY customer_id, product_id, workload, run_day DESC FETCH FIRST 1 ROWS ONLY";
    private static final String PER_DAY = "SELECT run_day, SUM(succeeded), SUM(partial), SUM(failed), SUM(running), SUM(not_run) "
            + "FROM backup_daily WHERE customer_id = ? AND product_id = ? AND run_day >= ? AND run_day <= ? GROUP BY run_day";
    private static final String STORAGE = "SELECT run_day, workload, storage_bytes FROM backup_daily "
            + "WHERE customer_id = ? AND product_id = ? AND run_day >= ? AND run_day <= ? AND storage_bytes IS NOT NULL";

    private BackupReader() {
    }

    /** Each workload's summary: runs by status over [from, to] (UTC days), and the state as of {@code to}. */
    static List<WorkloadSummary> summary(Connection c, long customerId, BackupSpec spec, LocalDate from, LocalDate to)
            throws SQLException {
        Map<String, Acc> acc = new HashMap<>();
        spec.workloads().forEach(w -> acc.put(w.id(), new Acc()));
        LocalDate lo = from.isBefore(to.minusDays(LOOKBACK_DAYS)) ? from : to.minusDays(LOOKBACK_DAYS);
        try (PreparedStatement ps = c.prepareStatement(DAYS)) {
            ps.setLong(1, customerId);
            ps.setString(2, spec.productId());
            ps.setObject(3, lo);
            ps.setObject(4, to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Acc a = acc.get(rs.getString(1));
                    if (a == null) {
                        continue; // a workload the product no longer names
                    }
                    LocalDate day = rs.getObject(2, LocalDate.class);
                    if (!day.isBefore(from)) {
                        for (int i = 0; i < 5; i++) {
                            a.runs[i] += rs.getInt(3 + i);
                        }
                    }
                    Instant lastStarted = instant(rs, 8);
                    if (a.lastRun == null && lastStarted != null) {
                        a.lastRun = lastStarted;
                        a.lastStatus = JobStatus.ofCode(rs.getString(9));
                        a.jobObjects = rs.getLong(11);
                        a.runSeen = true;
                    }
                    Instant success = instant(rs, 10);
                    if (success != null && (a.lastSuccess == null || success.isAfter(a.lastSuccess))) {
                        a.lastSuccess = success;
                    }
                    long p = rs.getLong(12);
                    if (a.protectedObjects == null && !rs.wasNull()) {
                        a.protectedObjects = p;
                    }
                }
            }
        }
        List<WorkloadSummary> out = new ArrayList<>();
        for (Workload w : spec.workloads()) {
            Acc a = acc.get(w.id());
            if (!a.runSeen) {
                lastRunBefore(c, customerId, spec.productId(), w.id(), lo, a);
            }
            if (a.lastSuccess == null) {
                a.lastSuccess = lastSuccessBefore(c, customerId, spec.productId(), w.id(), lo);
            }
            if (a.protectedObjects == null) {
                a.protectedObjects = lastProtectedBefore(c, customerId, spec.productId(), w.id(), lo);
            }
            Map<JobStatus, Long> runs = new EnumMap<>(JobStatus.class);
            for (JobStatus s : JobStatus.values()) {
                if (a.runs[index(s)] > 0) {
                    runs.put(s, a.runs[index(s)]);
                }
            }
            Long protectedObjects = a.protectedObjects != null ? a.protectedObjects : a.lastRun != null ? a.jobObjects : null;
            out.add(new WorkloadSummary(w, a.lastStatus, a.lastRun, a.lastSuccess, protectedObjects, runs));
        }
        return out;
    }

    private static final class Acc {
        final long[] runs = new long[5];
        boolean runSeen;
        Instant lastRun;
        JobStatus lastStatus;
        long jobObjects;
        Instant lastSuccess;
        Long protectedObjects;
    }

    /** The column of a status in the roll-ups: succeeded, partial, failed, running, not_run. */
    static int index(JobStatus s) {
        return switch (s) {
            case SUCCEEDED -> 0;
            case PARTIALLY_SUCCEEDED -> 1;
            case FAILED -> 2;
            case RUNNING -> 3;
            case NOT_RUN -> 4;
        };
    }

    private static void lastRunBefore(Connection c, long customerId, String productId, String workload, LocalDate lo,
                                      Acc a) throws SQLException {
        try (PreparedStatement ps = bind(c, LAST_RUN, customerId, productId, workload, lo.minusDays(1));
             ResultSet rs = ps.executeQuery()) {
            if (rs.next()) {
                a.lastRun = instant(rs, 1);
                a.lastStatus = JobStatus.ofCode(rs.getString(2));
                a.jobObjects = rs.getLong(3);
            }
        }
    }

    private static Instant lastSuccessBefore(Connection c, long customerId, String productId, String workload,
                                             LocalDate lo) throws SQLException {
        try (PreparedStatement ps = bind(c, LAST_SUCCESS, customerId, productId, workload, lo.minusDays(1));
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? instant(rs, 1) : null;
        }
    }

    private static Long lastProtectedBefore(Connection c, long customerId, String productId, String workload,
                                            LocalDate lo) throws SQLException {
        try (PreparedStatement ps = bind(c, LAST_PROTECTED, customerId, productId, workload, lo.minusDays(1));
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : null;
        }
    }

    private static PreparedStatement bind(Connection c, String sql, long customerId, String productId, String workload,
                                          LocalDate to) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        ps.setLong(1, customerId);
        ps.setString(2, productId);
        ps.setString(3, workload);
        ps.setObject(4, to);
        return ps;
    }

    /** Runs per UTC day and status (in {@link #index} order), every day of [from, to] present. */
    static SortedMap<LocalDate, long[]> runsPerDay(Connection c, long customerId, String productId, LocalDate from,
                                                   LocalDate to) throws SQLException {
        SortedMap<LocalDate, long[]> days = new TreeMap<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            days.put(d, new long[5]);
        }
        try (PreparedStatement ps = c.prepareStatement(PER_DAY)) {
            ps.setLong(1, customerId);
            ps.setString(2, productId);
            ps.setObject(3, from);
            ps.setObject(4, to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long[] v = days.computeIfAbsent(rs.getObject(1, LocalDate.class), d -> new long[5]);
                    for (int i = 0; i < 5; i++) {
                        v[i] += rs.getLong(2 + i);
                    }
                }
            }
        }
        return days;
    }

    /** Bytes stored per UTC day and workload over [from, to]. */
    static SortedMap<LocalDate, Map<String, Long>> storage(Connection c, long customerId, String productId,
                                                           LocalDate from, LocalDate to) throws SQLException {
        SortedMap<LocalDate, Map<String, Long>> days = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement(STORAGE)) {
            ps.setLong(1, customerId);
            ps.setString(2, productId);
            ps.setObject(3, from);
            ps.setObject(4, to);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    days.computeIfAbsent(rs.getObject(1, LocalDate.class), d -> new HashMap<>())
                            .put(rs.getString(2), rs.getLong(3));
                }
            }
        }
        return days;
    }

    /** A failed or partially succeeded run. */
    record Failure(String jobId, String workload, Instant started, Instant finished, JobStatus status, long objectsFailed,
                   String reason, String error) {
    }

    /**
     * A page of failed and partial runs that started in [from, to), newest first, after the cursor's run.
     *
     * @param status   only this status (failed or partially-succeeded), or {@code null} for both
     * @param workload only this workload, or {@code null}
     * @param after    the last run of the previous page (started, job id), or {@code null}
     */
    static List<Failure> failures(Connection c, long customerId, String productId, Instant from, Instant to,
                                  JobStatus status, String workload, Cursor after, int limit) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT job_id, workload, started, finished, status, objects_bad, reason, "
                + "error FROM backup_job WHERE customer_id = ? AND product_id = ? AND started >= ? AND started < ?");
        if (after != null) {
            sql.append(" AND started <= ? AND (started < ? OR job_id < ?)");
        }
        sql.append(status == null ? " AND status IN ('failed', 'partially-succeeded')" : " AND status = ?");
        if (workload != null) {
            sql.append(" AND workload = ?");
        }
        sql.append(" ORDER BY customer_id, product_id, started DESC, job_id DESC FETCH FIRST ").append(limit).append(" ROWS ONLY");
        List<Failure> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int i = 1;
            ps.setLong(i++, customerId);
            ps.setString(i++, productId);
            ps.setObject(i++, odt(from));
            ps.setObject(i++, odt(to));
            if (after != null) {
                ps.setObject(i++, odt(after.started()));
                ps.setObject(i++, odt(after.started()));
                ps.setString(i++, after.jobId());
            }
            if (status != null) {
                ps.setString(i++, status.code());
            }
            if (workload != null) {
                ps.setString(i, workload);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Failure(rs.getString(1), rs.getString(2), instant(rs, 3), instant(rs, 4),
                            JobStatus.ofCode(rs.getString(5)), rs.getLong(6), rs.getString(7), rs.getString(8)));
                }
            }
        }
        return out;
    }
}
