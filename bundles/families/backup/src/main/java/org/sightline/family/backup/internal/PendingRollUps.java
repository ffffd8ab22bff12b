package org.sightline.family.backup.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import javax.sql.DataSource;

import org.sightline.api.backup.JobStatus;
import org.sightline.core.Transactions;
import org.sightline.family.support.PendingApplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The backup roll-ups ({@code backup_daily}) kept up to date in two steps, as the usage family keeps its own.
 * <p>
 * A store writes, in the ingesting transaction, its job runs and one {@code backup_pending} row per batch: the
 * batch's roll-up changes per (customer, workload, day) and the days whose last run must be read again, encoded
 * compactly. Writing a roll-up row per run at once (a nightly feed has one run per workload and day) doubled the
 * rows a batch wrote, and ingestion ran at 55–60 % of a bare insert of the runs.
 * <p>
 * The applier folds pending rows into {@code backup_daily} (inserting new roll-up rows, merging into existing
 * ones), reads the flagged days' last run and last success again from their runs, and deletes the pending rows,
 * all in one transaction; oldest first, many batches at once. It runs on its own thread shortly after a store and
 * every second, and inside a customer's deletion (so nothing pending recreates the deleted roll-ups). Pending rows
 * are locked in id order, so appliers take turns. The widgets read the roll-ups only: a stored batch shows there
 * once applied, about a second later. The thread, its timing and its logging are the family support bundle's
 * {@link PendingApplier}, shared with the usage family.
 */
final class PendingRollUps implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PendingRollUps.class);
    private static final int FORMAT = 1;
    /** Pending rows one apply transaction takes at most. */
    private static final int ROWS_PER_APPLY = 200;
    private static final PendingApplier.Background BACKGROUND = new PendingApplier.Background(
            "sightline-backup-roll-ups", 30_000, LOG,
            "Backup roll-ups ran {} s behind the stores (the database is too slow for the ingestion rate); "
                    + "the backup widgets showed the older roll-ups meanwhile",
            "Pending backup roll-ups applied again after {} failed attempts",
            "Applying pending backup roll-ups failed ({} attempts so far); the runs are stored and the "
                    + "widgets catch up when it succeeds: {}",
            "The backup roll-up applier did not stop within {} s; it is interrupted");
    private static final String JOURNAL = "INSERT INTO backup_pending (product_id, stored_at, deltas) VALUES (?, ?, ?)";
    private static final String LOCK_PENDING = "SELECT id, product_id, deltas, stored_at FROM backup_pending ORDER BY id "
            + "FETCH FIRST " + ROWS_PER_APPLY + " ROWS ONLY FOR UPDATE";
    private static final String DELETE_PENDING = "DELETE FROM backup_pending WHERE id = ANY(?)";
    private static final JobStatus[] STATUSES = JobStatus.values();

    private final PendingApplier applier;

    /** A batch's roll-up changes: per day, and the days whose last run is read again after the changes. */
    record Changes(Map<Keys.Day, RollUp> rollUps, Set<Keys.Day> recompute) {
    }

    /**
     * @param transactions the core's transactions, one per apply
     * @param background   whether to apply pending rows on a thread of its own; without it only {@link #applyAll}
     *                     and {@link #applyAllIn} apply them
     */
    PendingRollUps(Transactions transactions, boolean background) {
        applier = background ? new PendingApplier(transactions, this::applySome, BACKGROUND)
                : new PendingApplier(transactions, this::applySome);
    }

    // ---------------------------------------------------------------------------------------- writing

    /** Writes a batch's roll-up changes as pending, in the caller's transaction, and wakes the applier. */
    void journal(Connection c, String productId, Changes changes) throws SQLException {
        if (changes.rollUps().isEmpty() && changes.recompute().isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(JOURNAL)) {
            ps.setString(1, productId);
            ps.setObject(2, OffsetDateTime.now(ZoneOffset.UTC));
            ps.setBytes(3, encode(changes));
            ps.executeUpdate();
        }
        applier.kick();
    }

    // ---------------------------------------------------------------------------------------- applying

    /**
     * Applies every committed pending row, a transaction per {@link #ROWS_PER_APPLY} rows.
     *
     * @return how many pending rows were applied
     */
    int applyAll() throws SQLException {
        return applier.applyAll();
    }

    /** Applies every pending row visible to the caller's transaction, in it. */
    void applyAllIn(DataSource transaction) throws SQLException {
        applier.applyAllIn(transaction);
    }

    private PendingApplier.Applied applySome(DataSource transaction) throws SQLException {
        try (Connection c = transaction.getConnection()) { // the transaction's: closing it does nothing
            return applySome(c);
        }
    }

    /** Applies up to {@link #ROWS_PER_APPLY} pending rows, oldest first: their roll-ups and deletion commit together. */
    private PendingApplier.Applied applySome(Connection c) throws SQLException {
        List<Long> ids = new ArrayList<>();
        long waited = 0;
        Map<String, Changes> byProduct = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement(LOCK_PENDING); ResultSet rs = ps.executeQuery()) {
            long now = System.currentTimeMillis();
            while (rs.next()) {
                ids.add(rs.getLong(1));
                waited = Math.max(waited, now - rs.getObject(4, OffsetDateTime.class).toInstant().toEpochMilli());
                Changes all = byProduct.computeIfAbsent(rs.getString(2),
                        k -> new Changes(new LinkedHashMap<>(), new LinkedHashSet<>()));
                Changes one = decode(rs.getBytes(3));
                one.rollUps().forEach((day, u) -> all.rollUps().computeIfAbsent(day, k -> new RollUp()).merge(u));
                all.recompute().addAll(one.recompute());
            }
        }
        if (ids.isEmpty()) {
            return PendingApplier.Applied.NONE;
        }
        for (Map.Entry<String, Changes> e : byProduct.entrySet()) {
            BackupWriter.applyRollUps(c, e.getKey(), e.getValue());
        }
        try (PreparedStatement ps = c.prepareStatement(DELETE_PENDING)) {
            ps.setArray(1, c.createArrayOf("bigint", ids.toArray(new Long[0])));
            ps.executeUpdate();
        }
        return new PendingApplier.Applied(ids.size(), waited);
    }

    /** Stops the applier, letting an apply in progress finish (see {@link PendingApplier#close()}). */
    @Override
    public void close() {
        applier.close();
    }

    // ---------------------------------------------------------------------------------------- encoding

    /**
     * Format 1: the workloads named once, then per roll-up change the customer, workload index, day, the five
     * count changes, the last run candidate (start, status, objects) and the last success candidate; then the
     * days to read again.
     */
    static byte[] encode(Changes changes) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + changes.rollUps().size() * 64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            Map<String, Integer> workloads = new LinkedHashMap<>();
            changes.rollUps().keySet().forEach(d -> workloads.putIfAbsent(d.workload(), workloads.size()));
            changes.recompute().forEach(d -> workloads.putIfAbsent(d.workload(), workloads.size()));
            out.writeShort(workloads.size());
            for (String w : workloads.keySet()) {
                out.writeUTF(w);
            }
            out.writeInt(changes.rollUps().size());
            for (Map.Entry<Keys.Day, RollUp> e : changes.rollUps().entrySet()) {
                day(out, e.getKey(), workloads);
                RollUp u = e.getValue();
                for (int n : u.counts) {
                    out.writeInt(n);
                }
                instant(out, u.lastStarted);
                if (u.lastStarted != null) {
                    out.writeByte(u.lastStatus.ordinal());
                    out.writeLong(u.jobObjects);
                }
                instant(out, u.lastSuccess);
            }
            out.writeInt(changes.recompute().size());
            for (Keys.Day d : changes.recompute()) {
                day(out, d, workloads);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return bytes.toByteArray();
    }

    static Changes decode(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            int format = in.readUnsignedByte();
            if (format != FORMAT) {
                throw new IllegalStateException("pending backup roll-ups in unknown format " + format);
            }
            String[] workloads = new String[in.readUnsignedShort()];
            for (int i = 0; i < workloads.length; i++) {
                workloads[i] = in.readUTF();
            }
            int n = in.readInt();
            Map<Keys.Day, RollUp> rollUps = new LinkedHashMap<>(n * 2);
            for (int i = 0; i < n; i++) {
                Keys.Day d = day(in, workloads);
                RollUp u = new RollUp();
                for (int s = 0; s < u.counts.length; s++) {
                    u.counts[s] = in.readInt();
                }
                u.lastStarted = instant(in);
                if (u.lastStarted != null) {
                    u.lastStatus = STATUSES[in.readUnsignedByte()];
                    u.jobObjects = in.readLong();
                }
                u.lastSuccess = instant(in);
                rollUps.put(d, u);
            }
            int r = in.readInt();
            Set<Keys.Day> recompute = new LinkedHashSet<>(r * 2);
            for (int i = 0; i < r; i++) {
                recompute.add(day(in, workloads));
            }
            return new Changes(rollUps, recompute);
        } catch (IOException e) {
            throw new IllegalStateException("pending backup roll-ups cut short", e);
        }
    }

    private static void day(DataOutputStream out, Keys.Day d, Map<String, Integer> workloads) throws IOException {
        out.writeLong(d.customerId());
        out.writeShort(workloads.get(d.workload()));
        out.writeInt((int) d.day().toEpochDay());
    }

    private static Keys.Day day(DataInputStream in, String[] workloads) throws IOException {
        return new Keys.Day(in.readLong(), workloads[in.readUnsignedShort()], LocalDate.ofEpochDay(in.readInt()));
    }

    private static void instant(DataOutputStream out, Instant t) throws IOException {
        out.writeBoolean(t != null);
        if (t != null) {
            out.writeLong(t.getEpochSecond());
            out.writeInt(t.getNano());
        }
    }

    private static Instant instant(DataInputStream in) throws IOException {
        return in.readBoolean() ? Instant.ofEpochSecond(in.readLong(), in.readInt()) : null;
    }
}
