package org.sightline.family.usage.internal;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import org.sightline.core.Credits;
import org.sightline.core.Transactions;
import org.sightline.family.support.PendingApplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daily roll-ups ({@code usage_daily}) and the credits they draw down, kept up to date in two steps.
 * <p>
 * A store writes, in its own transaction, its records and one {@code usage_pending} row per batch: the
 * batch's sums per (customer, day, direction, status), encoded compactly. That is one small insert where
 * writing the roll-up rows and the credits at once cost a row update per customer and per roll-up row in
 * every batch (a live feed's batch of 1000 records touches some 1000 customers; the roll-up and credit
 * writes took as long again as the records themselves).
 * <p>
 * The applier folds pending rows into {@code usage_daily}, charges their spend to the customers'
 * credits through the core's {@link Credits} service, and deletes them, all in one transaction (one
 * {@link Transactions#inTransaction} call, which the charge joins), so each batch is charged exactly
 * once; oldest first, many batches at once (one set-based statement per product for the roll-ups and
 * one charge call). It runs on its own thread shortly after a store and every second, and inside a
 * customer's deletion, in the core's disconnection transaction (so nothing pending recreates the deleted
 * roll-ups). Pending rows are locked in id order, so appliers, on one server or several, take turns. The thread,
 * its timing and its logging are the family support bundle's {@link PendingApplier}, shared with the backup family.
 * <p>
 * Reads stay exact: {@link UsageLogService#summary} reads the roll-up rows and the ids of the pending rows
 * in one statement (one snapshot: a batch is either still pending or already in the roll-ups, never both
 * or neither) and adds the pending sums of the customer, decoded once per row and kept here until the
 * row is applied. Credits, read from the customer row, trail the committed usage by the applier's lag
 * (about a second).
 */
final class RollUps implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RollUps.class);
    private static final int FORMAT = 1;
    /** Sums per pending row at most; a bigger store writes several rows. */
    static final int SUMS_PER_ROW = 10_000;
    /** Pending rows one apply transaction takes at most. */
    static final int ROWS_PER_APPLY = 64;
    /** Rows of one set-based statement at most (H2 arrays hold up to 65 536 elements). */
    private static final int STATEMENT_ROWS = 20_000;
    /** The applier's thread; it says so when it falls a minute behind the stores. */
    private static final PendingApplier.Background BACKGROUND = new PendingApplier.Background(
            "sightline-usage-roll-ups", 60_000, LOG,
            "Usage roll-ups and credits ran {} s behind the stores (the database is too slow for the "
                    + "ingestion rate); summaries counted the pending usage meanwhile",
            "Pending usage roll-ups applied again after {} failed attempts",
            "Applying pending usage roll-ups failed ({} attempts so far); summaries still count the "
                    + "pending usage, credits are not drawn down until it succeeds: {}",
            "The usage roll-up applier did not stop within {} s; it is interrupted");
    /** Decoded pending rows kept for reads at most. */
    private static final int CACHE_ROWS = 4096;

    private static final String JOURNAL = "INSERT INTO usage_pending (product_id, stored_at, deltas) VALUES (?, ?, ?)";
    private static final String LOCK_PENDING = "SELECT id, product_id, deltas, stored_at FROM usage_pending ORDER BY id "
            + "FETCH FIRST " + ROWS_PER_APPLY + " ROWS ONLY FOR UPDATE";
    private static final String PENDING_BY_ID = "SELECT id, product_id, deltas FROM usage_pending WHERE id = ANY(?)";
    private static final String DELETE_PENDING = "DELETE FROM usage_pending WHERE id = ANY(?)";

    /**
     * Roll-up rows in one statement: the rows travel as one array per column and are merged as a set.
     * Days travel as ISO text.
     */
    private static final String ROLL_UP = "MERGE INTO usage_daily t USING (SELECT * FROM UNNEST("
            + "CAST(? AS BIGINT ARRAY), CAST(? AS VARCHAR(10) ARRAY), CAST(? AS VARCHAR(1) ARRAY), "
            + "CAST(? AS VARCHAR(20) ARRAY), CAST(? AS BIGINT ARRAY), CAST(? AS BIGINT ARRAY), CAST(? AS BIGINT ARRAY), "
            + "CAST(? AS DECIMAL(19,4) ARRAY)) AS s (customer_id, usage_day, direction, status, record_count, quantity, "
            + "duration_s, spend)) s "
            + "ON t.customer_id = s.customer_id AND t.product_id = ? AND t.usage_day = CAST(s.usage_day AS DATE) "
            + "AND t.direction = s.direction AND t.status = s.status "
            + "WHEN MATCHED THEN UPDATE SET record_count = t.record_count + s.record_count, "
            + "quantity = t.quantity + s.quantity, duration_s = t.duration_s + s.duration_s, spend = t.spend + s.spend "
            + "WHEN NOT MATCHED THEN INSERT (customer_id, product_id, usage_day, direction, status, record_count, "
            + "quantity, duration_s, spend) VALUES (s.customer_id, ?, CAST(s.usage_day AS DATE), s.direction, s.status, "
            + "s.record_count, s.quantity, s.duration_s, s.spend)";

    /** A roll-up row's key within a product; ordered so that writers touch rows in one order. */
    record Key(long customerId, LocalDate day, String direction, String status) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = Long.compare(customerId, o.customerId);
            if (c == 0) {
                c = day.compareTo(o.day);
            }
            if (c == 0) {
                c = direction.compareTo(o.direction);
            }
            return c != 0 ? c : status.compareTo(o.status);
        }
    }

    /** The sums of a roll-up row; spend in ten-thousandths of the customer's currency. */
    static final class Sums {
        long records;
        long quantity;
        long durationSeconds;
        long spend;

        void add(long records, long quantity, long durationSeconds, long spend) {
            this.records += records;
            this.quantity += quantity;
            this.durationSeconds += durationSeconds;
            this.spend = Math.addExact(this.spend, spend);
        }

        void add(Sums o) {
            add(o.records, o.quantity, o.durationSeconds, o.spend);
        }

        BigDecimal spendAmount() {
            return BigDecimal.valueOf(spend, 4);
        }
    }

    /** A price in ten-thousandths (prices are kept to four decimals). */
    static long units(BigDecimal price) {
        return price.setScale(4).unscaledValue().longValueExact();
    }

    /** A pending row, decoded: the product and the sums per customer. */
    private record Batch(String productId, Map<Long, Map<Key, Sums>> byCustomer) {
    }

    private final Credits credits;
    private final Map<Long, Batch> decoded = new ConcurrentHashMap<>();
    private final PendingApplier applier;

    /**
     * @param transactions the core's transactions, one per apply
     * @param credits      the core's credits, charged in the apply's transaction
     * @param background   whether to apply pending rows on a thread of its own; without it, only
     *                     {@link #applyAll} and {@link #applyAllIn} apply them
     */
    RollUps(Transactions transactions, Credits credits, boolean background) {
        this.credits = credits;
        applier = background ? new PendingApplier(transactions, this::applySome, BACKGROUND)
                : new PendingApplier(transactions, this::applySome);
    }

    // ---------------------------------------------------------------------------------------- writing

    /** Writes a batch's sums as pending, in the caller's transaction, and wakes the applier. */
    void journal(Connection c, String productId, Map<Key, Sums> sums) throws SQLException {
        List<Map.Entry<Key, Sums>> all = new ArrayList<>(sums.entrySet());
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        try (PreparedStatement ps = c.prepareStatement(JOURNAL)) {
            for (int from = 0; from < all.size(); from += SUMS_PER_ROW) {
                ps.setString(1, productId);
                ps.setObject(2, now);
                ps.setBytes(3, encode(all.subList(from, Math.min(all.size(), from + SUMS_PER_ROW))));
                ps.addBatch();
            }
            ps.executeBatch();
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

    /**
     * Applies up to {@link #ROWS_PER_APPLY} pending rows, oldest first, in the given transaction: their
     * roll-ups, their charges and their deletion commit together or not at all.
     */
    private PendingApplier.Applied applySome(DataSource transaction) throws SQLException {
        try (Connection c = transaction.getConnection()) { // the transaction's: closing it does nothing
            return applySome(c, transaction);
        }
    }

    private PendingApplier.Applied applySome(Connection c, DataSource transaction) throws SQLException {
        List<Long> ids = new ArrayList<>();
        long waited = 0;
        Map<String, Map<Key, Sums>> byProduct = new TreeMap<>();
        Map<Long, Long> charges = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement(LOCK_PENDING); ResultSet rs = ps.executeQuery()) {
            long now = System.currentTimeMillis();
            while (rs.next()) {
                long id = rs.getLong(1);
                ids.add(id);
                waited = Math.max(waited, now - rs.getObject(4, OffsetDateTime.class).toInstant().toEpochMilli());
                Batch b = decoded.get(id);
                if (b == null) {
                    b = decode(rs.getString(2), rs.getBytes(3));
                }
                Map<Key, Sums> sums = byProduct.computeIfAbsent(b.productId(), k -> new TreeMap<>());
                b.byCustomer().forEach((customer, rows) -> rows.forEach((k, s) -> {
                    sums.computeIfAbsent(k, x -> new Sums()).add(s);
                    charges.merge(customer, s.spend, Math::addExact);
                }));
            }
        }
        if (ids.isEmpty()) {
            return PendingApplier.Applied.NONE;
        }
        Map<Long, BigDecimal> amounts = new TreeMap<>();
        charges.forEach((customer, units) -> {
            if (units != 0) {
                amounts.put(customer, BigDecimal.valueOf(units, 4));
            }
        });
        credits.charge(amounts, transaction);
        for (Map.Entry<String, Map<Key, Sums>> e : byProduct.entrySet()) {
            rollUp(c, e.getKey(), e.getValue());
        }
        try (PreparedStatement ps = c.prepareStatement(DELETE_PENDING)) {
            ps.setArray(1, c.createArrayOf("bigint", ids.toArray(new Long[0])));
            ps.executeUpdate();
        }
        ids.forEach(decoded::remove);
        return new PendingApplier.Applied(ids.size(), waited);
    }

    private static void rollUp(Connection c, String productId, Map<Key, Sums> sums) throws SQLException {
        List<Map.Entry<Key, Sums>> all = new ArrayList<>(sums.entrySet());
        try (PreparedStatement ps = c.prepareStatement(ROLL_UP)) {
            for (int from = 0; from < all.size(); from += STATEMENT_ROWS) {
                List<Map.Entry<Key, Sums>> part = all.subList(from, Math.min(all.size(), from + STATEMENT_ROWS));
                int n = part.size();
                Long[] customer = new Long[n];
                String[] day = new String[n];
                String[] direction = new String[n];
                String[] status = new String[n];
                Long[] records = new Long[n];
                Long[] quantity = new Long[n];
                Long[] duration = new Long[n];
                BigDecimal[] spend = new BigDecimal[n];
                for (int i = 0; i < n; i++) {
                    Key k = part.get(i).getKey();
                    Sums s = part.get(i).getValue();
                    customer[i] = k.customerId();
                    day[i] = k.day().toString();
                    direction[i] = k.direction();
                    status[i] = k.status();
                    records[i] = s.records;
                    quantity[i] = s.quantity;
                    duration[i] = s.durationSeconds;
                    spend[i] = s.spendAmount();
                }
                ps.setArray(1, c.createArrayOf("bigint", customer));
                ps.setArray(2, c.createArrayOf("varchar", day));
                ps.setArray(3, c.createArrayOf("varchar", direction));
                ps.setArray(4, c.createArrayOf("varchar", status));
                ps.setArray(5, c.createArrayOf("bigint", records));
                ps.setArray(6, c.createArrayOf("bigint", quantity));
                ps.setArray(7, c.createArrayOf("bigint", duration));
                ps.setArray(8, c.createArrayOf("numeric", spend));
                ps.setString(9, productId);
                ps.setString(10, productId);
                ps.executeUpdate();
            }
        }
    }

    // ---------------------------------------------------------------------------------------- reading

    /**
     * The pending sums of one customer and product in the given pending rows, as a summary statement
     * listed them; {@code null} when one of the rows has been applied since (read the summary again).
     */
    Map<Key, Sums> pendingOf(Connection c, long customerId, String productId, Set<Long> ids) throws SQLException {
        // rows of the product the statement no longer listed have been applied
        decoded.entrySet().removeIf(e -> e.getValue().productId().equals(productId) && !ids.contains(e.getKey()));
        Map<Long, Batch> batches = new HashMap<>();
        Set<Long> missing = new HashSet<>();
        for (Long id : ids) {
            Batch b = decoded.get(id);
            if (b == null) {
                missing.add(id);
            } else {
                batches.put(id, b);
            }
        }
        if (!missing.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(PENDING_BY_ID)) {
                ps.setArray(1, c.createArrayOf("bigint", missing.toArray(new Long[0])));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        long id = rs.getLong(1);
                        Batch b = decode(rs.getString(2), rs.getBytes(3));
                        batches.put(id, b);
                        missing.remove(id);
                        if (decoded.size() < CACHE_ROWS) {
                            decoded.put(id, b);
                        }
                    }
                }
            }
            if (!missing.isEmpty()) {
                return null;
            }
        }
        Map<Key, Sums> out = new TreeMap<>();
        for (Batch b : batches.values()) {
            Map<Key, Sums> rows = b.byCustomer().get(customerId);
            if (rows != null) {
                rows.forEach((k, s) -> out.computeIfAbsent(k, x -> new Sums()).add(s));
            }
        }
        return out;
    }

    // ---------------------------------------------------------------------------------------- format

    /**
     * The sums, sorted by key, as variable-length numbers: customer ids and days as the difference to the
     * previous entry's, statuses as indexes into a list at the start. Some ten bytes per sum, where fixed
     * widths took 46 (PostgreSQL stores a pending row of a live batch out of line, in chunks, either way).
     */
    private static byte[] encode(List<Map.Entry<Key, Sums>> sums) {
        Out out = new Out(16 + sums.size() * 12);
        Map<String, Integer> statuses = new HashMap<>();
        List<String> order = new ArrayList<>();
        for (Map.Entry<Key, Sums> e : sums) {
            if (statuses.putIfAbsent(e.getKey().status(), statuses.size()) == null) {
                order.add(e.getKey().status());
            }
        }
        out.write(FORMAT);
        out.varint(order.size());
        for (String s : order) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            out.varint(b.length);
            out.write(b, 0, b.length);
        }
        out.varint(sums.size());
        long customer = 0;
        long day = 0;
        for (Map.Entry<Key, Sums> e : sums) {
            Key k = e.getKey();
            Sums s = e.getValue();
            out.signed(k.customerId() - customer);
            out.signed(k.day().toEpochDay() - day);
            customer = k.customerId();
            day = k.day().toEpochDay();
            out.write(k.direction().charAt(0));
            out.varint(statuses.get(k.status()));
            out.varint(s.records);
            out.varint(s.quantity);
            out.varint(s.durationSeconds);
            out.signed(s.spend);
        }
        return out.toByteArray();
    }

    private static Batch decode(String productId, byte[] bytes) {
        In in = new In(bytes);
        int format = in.read();
        if (format != FORMAT) {
            throw new IllegalStateException("pending usage roll-ups in unknown format " + format);
        }
        String[] statuses = new String[(int) in.varint()];
        for (int i = 0; i < statuses.length; i++) {
            statuses[i] = in.string((int) in.varint());
        }
        long n = in.varint();
        long customer = 0;
        long day = 0;
        Map<Long, Map<Key, Sums>> byCustomer = new HashMap<>();
        for (long i = 0; i < n; i++) {
            customer += in.signed();
            day += in.signed();
            Key k = new Key(customer, LocalDate.ofEpochDay(day), String.valueOf((char) in.read()),
                    statuses[(int) in.varint()]);
            Sums s = new Sums();
            s.add(in.varint(), in.varint(), in.varint(), in.signed());
            byCustomer.computeIfAbsent(customer, x -> new TreeMap<>()).put(k, s);
        }
        return new Batch(productId, byCustomer);
    }

    /** Unsigned LEB128 numbers, and zigzag-coded signed ones. */
    private static final class Out extends ByteArrayOutputStream {
        Out(int size) {
            super(size);
        }

        void varint(long v) {
            while ((v & ~0x7FL) != 0) {
                write((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            write((int) v);
        }

        void signed(long v) {
            varint((v << 1) ^ (v >> 63));
        }
    }

    private static final class In {
        private final byte[] bytes;
        private int at;

        In(byte[] bytes) {
            this.bytes = bytes;
        }

        int read() {
            if (at >= bytes.length) {
                throw new IllegalStateException("pending usage roll-ups cut short");
            }
            return bytes[at++] & 0xFF;
        }

        long varint() {
            long v = 0;
            for (int shift = 0; ; shift += 7) {
                int b = read();
                v |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return v;
                }
            }
        }

        long signed() {
            long v = varint();
            return (v >>> 1) ^ -(v & 1);
        }

        String string(int length) {
            if (at + length > bytes.length) {
                throw new IllegalStateException("pending usage roll-ups cut short");
            }
            String s = new String(bytes, at, length, StandardCharsets.UTF_8);
            at += length;
            return s;
        }
    }

    /** Stops the applier, letting an apply in progress finish (see {@link PendingApplier#close()}). */
    @Override
    public void close() {
        applier.close();
    }
}
