package org.sightline.family.usage.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.sightline.api.CustomerRef;
import org.sightline.api.data.CustomerDataOwner;
import org.sightline.api.data.MigrationException;
import org.sightline.api.data.ModuleStorage;
import org.sightline.api.data.SampleDataProvider;
import org.sightline.api.ingest.IngestBatch;
import org.sightline.api.ingest.IngestRecord;
import org.sightline.api.ingest.IngestResult;
import org.sightline.api.ingest.InvalidRecordException;
import org.sightline.api.ingest.Rejection;
import org.sightline.api.usage.Direction;
import org.sightline.api.usage.PriceList;
import org.sightline.api.usage.StoreResult;
import org.sightline.api.usage.UsageEntry;
import org.sightline.api.usage.UsageException;
import org.sightline.api.usage.UsageLog;
import org.sightline.api.usage.UsagePage;
import org.sightline.api.usage.UsageQuery;
import org.sightline.api.usage.UsageRecord;
import org.sightline.api.usage.UsageRecordMapper;
import org.sightline.api.usage.UsageSampleFactory;
import org.sightline.api.usage.UsageSpec;
import org.sightline.api.usage.UsageSummary;
import org.sightline.api.view.Money;
import org.sightline.api.widget.TimeRange;
import org.sightline.core.Caches;
import org.sightline.core.Credits;
import org.sightline.core.Transactions;

/**
 * The shared usage store of the communications products, on the tables of
 * {@code db/migration/usage/V1__usage.sql}.
 * <p>
 * Writing a batch, in the caller's transaction: read the customers' price lists (one query, the ids bound as an array),
 * insert the records in JDBC batches under a savepoint (when the unique idempotency key objects, go back
 * to the savepoint, look up which keys are stored, one query with the keys bound as an array, and insert the rest),
 * and write the new records' sums per (customer, day, direction, status) as one pending roll-up row, which
 * {@link RollUps} folds into the daily roll-ups, and charges to the customers' credits through the core's
 * {@link Credits}, shortly after, many batches at once. A live feed's batch touches a thousand customers: writing their roll-up rows and credits in the
 * batch's own transaction cost as much again as the records themselves.
 * <p>
 * Reading: pages walk {@code usage_record_page_ix} by key; summaries read {@code usage_daily} and the
 * pending sums (never records), in one snapshot.
 */
@Component(service = {UsageLog.class, CustomerDataOwner.class})
public class UsageLogService implements UsageLog, CustomerDataOwner {

    static final String MODULE = "usage";
    private static final int CHUNK = 1000;
    private static final String DEFAULT_KEY = "*";
    private static final BigDecimal ZERO_PRICE = BigDecimal.ZERO.setScale(4);

    private static final String INSERT_RECORD = "INSERT INTO usage_record (key_hi, key_lo, customer_id, product_id, "
            + "record_id, ts, direction, status, from_last4, to_last4, price_key, quantity, duration_s, attrs, price) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    /** Stored keys among the given ones: one statement, the keys' first halves bound as an array. */
    private static final String PROBE = "SELECT key_hi, key_lo FROM usage_record WHERE key_hi = ANY(?)";
    /**
     * Price lists of several customers: one statement, the customer ids bound as an array. Filtering on
     * the product as well made H2 walk the whole primary key; the few rows of other products are skipped.
     */
    private static final String PRICES_OF = "SELECT customer_id, price_key, currency, unit_price, product_id "
            + "FROM usage_price WHERE customer_id = ANY(?)";

    private static final String PRICES = "SELECT price_key, currency, unit_price FROM usage_price "
            + "WHERE customer_id = ? AND product_id = ?";
    /**
     * A customer's roll-up rows and the ids of the product's pending roll-up rows, in one statement: one
     * snapshot, in which a batch is either pending or in the roll-ups (see {@link RollUps}).
     */
    private static final String SUMMARY = "SELECT usage_day, direction, status, record_count, quantity, duration_s, "
            + "spend, CAST(NULL AS BIGINT) FROM usage_daily WHERE customer_id = ? AND product_id = ? AND usage_day >= ? "
            + "AND usage_day <= ? UNION ALL SELECT NULL, NULL, NULL, NULL, NULL, NULL, NULL, id FROM usage_pending "
            + "WHERE product_id = ?";
    /** How often a summary is read again when pending rows it listed were applied before it read them. */
    private static final int SUMMARY_ATTEMPTS = 10;
    /**
     * Page queries by filter combination (bit 1 direction, bit 2 status, bit 4 after a cursor) and row
     * count. The first page needs no cursor condition, and H2 evaluates it on every row it reads. The count is
     * written into the statement rather than bound: H2 read a bound {@code FETCH FIRST ?} page some 10 %
     * slower. Page sizes are few, so the statements are few.
     */
    private static final Map<Integer, String> PAGE = new java.util.concurrent.ConcurrentHashMap<>();

    private static String pageSql(int variant, int rows) {
        return PAGE.computeIfAbsent(variant * 1000 + rows, k -> "SELECT id, record_id, ts, direction, status, "
                + "from_last4, to_last4, price_key, quantity, duration_s, attrs, price FROM usage_record "
                + "WHERE customer_id = ? AND product_id = ? AND ts >= ? AND ts <= ?"
                + ((variant & 4) != 0 ? " AND (ts < ? OR id < ?)" : "")
                + ((variant & 1) != 0 ? " AND direction = ?" : "") + ((variant & 2) != 0 ? " AND status = ?" : "")
                + " ORDER BY customer_id, product_id, ts DESC, id DESC FETCH FIRST " + rows + " ROWS ONLY");
    }

    private final DataSource dataSource;
    private final PriceCache priceCache = new PriceCache();
    private final RollUps rollUps;
    private AutoCloseable priceCacheListing;

    /**
     * @param storage      the server's database; the usage tables are migrated on activation
     * @param transactions the core's transactions, in which the applier applies pending roll-ups
     * @param credits      the core's credits, which the applier charges in the same transaction
     * @param caches       where the price cache's figures are listed for operators
     * @throws MigrationException when the usage tables cannot be created or upgraded
     */
    @Activate
    public UsageLogService(@Reference ModuleStorage storage, @Reference Transactions transactions,
                           @Reference Credits credits, @Reference Caches caches) throws MigrationException {
        this(storage, transactions, credits, true);
        this.priceCacheListing = caches.register(priceCache.stats());
    }

    /**
     * A usage log outside DS (benchmarks, tests).
     *
     * @param storage      the server's database; the usage tables are migrated here
     * @param transactions the core's transactions, in which the applier applies pending roll-ups
     * @param credits      the core's credits, which the applier charges in the same transaction
     * @param background   whether pending roll-ups are applied on a thread of this service's own; without it
     *                     only {@link #applyPendingRollUps} and deletions apply them
     * @throws MigrationException when the usage tables cannot be created or upgraded
     */
    public static UsageLogService create(ModuleStorage storage, Transactions transactions, Credits credits,
                                         boolean background) throws MigrationException {
        return new UsageLogService(storage, transactions, credits, background);
    }

    /*
     * Private, and not a constructor of four parameters that DS could mistake for the activation constructor:
     * SCR picks the activation constructor by its number of parameters (seen: it took this one, "argument 3 has
     * unsupported type boolean").
     */
    private UsageLogService(ModuleStorage storage, Transactions transactions, Credits credits, boolean background)
            throws MigrationException {
        // the module keeps the name it had in the core, so existing databases' schema history stays valid
        storage.migrate(MODULE, getClass());
        this.dataSource = storage.dataSource();
        this.rollUps = new RollUps(transactions, credits, background);
    }

    /** Stops applying roll-ups; what is pending is applied after the next start. */
    @Deactivate
    public void deactivate() {
        if (priceCacheListing != null) {
            try {
                priceCacheListing.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        rollUps.close();
    }

    /**
     * Applies every committed pending roll-up row now, in transactions of its own.
     *
     * @return how many pending rows were applied
     * @throws UsageException when the database fails
     */
    public int applyPendingRollUps() throws UsageException {
        try {
            return rollUps.applyAll();
        } catch (SQLException e) {
            throw new UsageException("applying usage roll-ups failed: " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------------------------------- writing

    @Override
    public IngestResult ingest(String productId, IngestBatch batch, UsageRecordMapper mapper, DataSource transaction)
            throws UsageException {
        List<UsageRecord> valid = new ArrayList<>(batch.records().size());
        List<Rejection> rejected = new ArrayList<>();
        for (IngestRecord r : batch.records()) {
            try {
                UsageRecord u = mapper.map(r);
                if (u.customer().id() != r.customer().id() || !u.recordId().equals(r.recordId())) {
                    rejected.add(new Rejection(r.line(), null, "mapped to another customer or record id"));
                } else {
                    valid.add(u);
                }
            } catch (InvalidRecordException e) {
                rejected.add(e.rejection(r.line()));
            } catch (IllegalArgumentException e) {
                rejected.add(new Rejection(r.line(), null, e.getMessage()));
            }
        }
        StoreResult stored = store(productId, valid, transaction);
        return new IngestResult(stored.stored(), stored.duplicates(), rejected);
    }

    @Override
    public StoreResult store(String productId, List<UsageRecord> records, DataSource transaction)
            throws UsageException {
        if (records.isEmpty()) {
            return new StoreResult(0, 0);
        }
        try (Connection c = transaction.getConnection()) {
            return store(c, productId, records);
        } catch (SQLException e) {
            throw new UsageException("storing " + productId + " usage failed: " + e.getMessage(), e);
        }
    }

    private StoreResult store(Connection c, String productId, List<UsageRecord> records) throws SQLException {
        // Repeated ids within the call count as duplicates, like ids stored before.
        List<UsageRecord> unique = new ArrayList<>(records.size());
        Set<String> seen = new HashSet<>(records.size() * 2);
        Map<Long, CustomerRef> customers = new TreeMap<>();
        for (UsageRecord r : records) {
            if (seen.add(r.customer().id() + "\u0000" + r.recordId())) {
                unique.add(r);
                customers.putIfAbsent(r.customer().id(), r.customer());
            }
        }
        long[][] keys = new long[unique.size()][];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = RecordKey.of(unique.get(i).customer().id(), productId, unique.get(i).recordId());
        }
        Map<Long, PriceList> prices = prices(c, customers, productId);
        BigDecimal[] price = new BigDecimal[keys.length];
        for (int i = 0; i < keys.length; i++) {
            UsageRecord r = unique.get(i);
            PriceList list = prices.get(r.customer().id());
            if (list != null && !list.currency().equals(r.customer().currency())) {
                list = null; // the customer's currency changed since: unpriced rather than wrongly priced
            }
            price[i] = list == null ? ZERO_PRICE : list.unitPrice(r.pricingKey())
                    .multiply(BigDecimal.valueOf(r.quantity())).setScale(4, RoundingMode.HALF_UP);
        }
        // Optimistic: fresh records are the rule, so insert them all and let the unique key object. On a
        // conflict, return to the savepoint, look the keys up, and insert only those not stored yet.
        boolean[] fresh = new boolean[keys.length];
        Arrays.fill(fresh, true);
        Savepoint before = c.setSavepoint();
        try {
            insert(c, productId, unique, keys, price, fresh);
        } catch (SQLException e) {
            if (!isUniqueViolation(e)) {
                throw e;
            }
            c.rollback(before);
            Set<RecordKey.Pair> existing = existing(c, keys);
            for (int i = 0; i < keys.length; i++) {
                fresh[i] = !existing.contains(new RecordKey.Pair(keys[i][0], keys[i][1]));
            }
            insert(c, productId, unique, keys, price, fresh);
        }

        int stored = 0;
        Map<RollUps.Key, RollUps.Sums> sums = new TreeMap<>();
        for (int i = 0; i < keys.length; i++) {
            if (!fresh[i]) {
                continue;
            }
            stored++;
            UsageRecord r = unique.get(i);
            RollUps.Key key = new RollUps.Key(r.customer().id(), day(r.time()), code(r.direction()), r.status());
            sums.computeIfAbsent(key, k -> new RollUps.Sums()).add(1, r.quantity(),
                    r.duration() == null ? 0 : r.duration().toSeconds(), RollUps.units(price[i]));
        }
        if (stored > 0) {
            rollUps.journal(c, productId, sums);
        }
        return new StoreResult(stored, records.size() - stored);
    }

    private static void insert(Connection c, String productId, List<UsageRecord> records, long[][] keys,
                               BigDecimal[] price, boolean[] fresh) throws SQLException {
        try (PreparedStatement ins = c.prepareStatement(INSERT_RECORD)) {
            int pending = 0;
            for (int i = 0; i < keys.length; i++) {
                if (fresh[i]) {
                    bindRecord(ins, keys[i], productId, records.get(i), price[i]);
                    ins.addBatch();
                    if (++pending == CHUNK) {
                        ins.executeBatch();
                        pending = 0;
                    }
                }
            }
            if (pending > 0) {
                ins.executeBatch();
            }
        }
    }

    /** Whether the failure is a unique-key violation (SQLSTATE 23505, H2 and PostgreSQL alike). */
    private static boolean isUniqueViolation(SQLException e) {
        for (SQLException x = e; x != null; x = x.getNextException()) {
            if ("23505".equals(x.getSQLState())
                    || x.getCause() instanceof SQLException cause && "23505".equals(cause.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    private static Set<RecordKey.Pair> existing(Connection c, long[][] keys) throws SQLException {
        Set<RecordKey.Pair> found = new HashSet<>();
        Long[] his = new Long[keys.length];
        for (int i = 0; i < keys.length; i++) {
            his[i] = keys[i][0];
        }
        try (PreparedStatement ps = c.prepareStatement(PROBE)) {
            ps.setArray(1, c.createArrayOf("bigint", his));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(new RecordKey.Pair(rs.getLong(1), rs.getLong(2)));
                }
            }
        }
        return found;
    }

    private static void bindRecord(PreparedStatement ps, long[] key, String productId, UsageRecord r, BigDecimal price)
            throws SQLException {
        ps.setLong(1, key[0]);
        ps.setLong(2, key[1]);
        ps.setLong(3, r.customer().id());
        ps.setString(4, productId);
        ps.setString(5, r.recordId());
        ps.setObject(6, OffsetDateTime.ofInstant(r.time().truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC));
        ps.setString(7, code(r.direction()));
        ps.setString(8, r.status());
        ps.setString(9, r.from());
        ps.setString(10, r.to());
        ps.setString(11, r.pricingKey());
        ps.setLong(12, r.quantity());
        if (r.duration() == null) {
            ps.setNull(13, java.sql.Types.BIGINT);
        } else {
            ps.setLong(13, r.duration().toSeconds());
        }
        ps.setString(14, Attributes.encode(r.attributes()));
        ps.setBigDecimal(15, price);
    }

    // ---------------------------------------------------------------------------------------- reading

    @Override
    public UsagePage page(CustomerRef customer, String productId, UsageQuery query) throws UsageException {
        Cursor after = query.cursor() == null ? null : Cursor.decode(query.cursor());
        TimeRange range = query.range();
        Instant last = range.to().minus(1, ChronoUnit.MICROS);
        if (after != null && after.time().isBefore(last)) {
            last = after.time();
        }
        int variant = (query.direction() != null ? 1 : 0) | (query.status() != null ? 2 : 0) | (after != null ? 4 : 0);
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(pageSql(variant, query.limit() + 1))) {
            int i = 1;
            ps.setLong(i++, customer.id());
            ps.setString(i++, productId);
            ps.setObject(i++, OffsetDateTime.ofInstant(range.from(), ZoneOffset.UTC));
            ps.setObject(i++, OffsetDateTime.ofInstant(last, ZoneOffset.UTC));
            if (after != null) {
                ps.setObject(i++, OffsetDateTime.ofInstant(after.time(), ZoneOffset.UTC));
                ps.setLong(i++, after.id());
            }
            if (query.direction() != null) {
                ps.setString(i++, code(query.direction()));
            }
            if (query.status() != null) {
                ps.setString(i, query.status());
            }
            List<UsageEntry> entries = new ArrayList<>(query.limit() + 1);
            long lastId = 0;
            Instant lastTime = null;
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (entries.size() == query.limit()) {
                        return new UsagePage(entries, new Cursor(lastTime, lastId).encode());
                    }
                    lastId = rs.getLong(1);
                    lastTime = rs.getObject(3, OffsetDateTime.class).toInstant();
                    long duration = rs.getLong(10);
                    Duration d = rs.wasNull() ? null : Duration.ofSeconds(duration);
                    entries.add(new UsageEntry(rs.getString(2), lastTime, direction(rs.getString(4)), rs.getString(5),
                            rs.getString(6), rs.getString(7), rs.getString(8), rs.getLong(9), d,
                            Attributes.decode(rs.getString(11)), new Money(rs.getBigDecimal(12), customer.currency())));
                }
            }
            return new UsagePage(entries, null);
        } catch (SQLException e) {
            throw new UsageException("reading " + productId + " usage failed: " + e.getMessage(), e);
        }
    }

    @Override
    public UsageSummary summary(CustomerRef customer, String productId, TimeRange range) throws UsageException {
        LocalDate first = day(range.from());
        LocalDate last = day(range.to().minusNanos(1));
        try (Connection c = dataSource.getConnection()) {
            for (int attempt = 1; ; attempt++) {
                Map<RollUps.Key, RollUps.Sums> rows = new TreeMap<>();
                Set<Long> pendingIds = new HashSet<>();
                try (PreparedStatement ps = c.prepareStatement(SUMMARY)) {
                    ps.setLong(1, customer.id());
                    ps.setString(2, productId);
                    ps.setObject(3, first);
                    ps.setObject(4, last);
                    ps.setString(5, productId);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            long pending = rs.getLong(8);
                            if (!rs.wasNull()) {
                                pendingIds.add(pending);
                                continue;
                            }
                            RollUps.Sums sums = new RollUps.Sums();
                            sums.add(rs.getLong(4), rs.getLong(5), rs.getLong(6), RollUps.units(rs.getBigDecimal(7)));
                            rows.put(new RollUps.Key(customer.id(), rs.getObject(1, LocalDate.class), rs.getString(2),
                                    rs.getString(3)), sums);
                        }
                    }
                }
                Map<RollUps.Key, RollUps.Sums> pending = pendingIds.isEmpty() ? Map.of()
                        : rollUps.pendingOf(c, customer.id(), productId, pendingIds);
                if (pending == null) {
                    if (attempt < SUMMARY_ATTEMPTS) {
                        continue; // applied between the two reads: the roll-ups have them now
                    }
                    throw new UsageException("reading " + productId + " usage summary failed: the roll-ups kept changing", null);
                }
                pending.forEach((k, s) -> {
                    if (!k.day().isBefore(first) && !k.day().isAfter(last)) {
                        rows.computeIfAbsent(k, x -> new RollUps.Sums()).add(s);
                    }
                });
                List<UsageSummary.Bucket> buckets = new ArrayList<>(rows.size());
                rows.forEach((k, v) -> buckets.add(new UsageSummary.Bucket(k.day(), direction(k.direction()), k.status(),
                        v.records, v.quantity, v.durationSeconds, v.spendAmount())));
                return new UsageSummary(first, last, customer.currency(), buckets);
            }
        } catch (SQLException e) {
            throw new UsageException("reading " + productId + " usage summary failed: " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------------------------------- prices

    @Override
    public Optional<PriceList> priceList(CustomerRef customer, String productId) throws UsageException {
        try (Connection c = dataSource.getConnection()) {
            return Optional.ofNullable(readPrices(c, customer.id(), productId));
        } catch (SQLException e) {
            throw new UsageException("reading the price list failed: " + e.getMessage(), e);
        }
    }

    /**
     * The customers' price lists for a store: from the cache where it holds committed lists; read in the
     * caller's transaction (not cached) for customers whose list was written lately, perhaps by this very
     * transaction; read through the pool (committed, then cached) for the others.
     */
    private Map<Long, PriceList> prices(Connection tx, Map<Long, CustomerRef> customers, String productId)
            throws SQLException {
        Map<Long, PriceList> out = new HashMap<>();
        Map<Long, CustomerRef> viaTx = new TreeMap<>();
        Map<Long, CustomerRef> viaPool = new TreeMap<>();
        for (CustomerRef customer : customers.values()) {
            PriceCache.Lookup hit = priceCache.get(customer.id(), productId);
            if (hit == PriceCache.UNSTABLE) {
                viaTx.put(customer.id(), customer);
            } else if (hit == null) {
                viaPool.put(customer.id(), customer);
            } else if (hit.list() != null && hit.list().currency().equals(customer.currency())) {
                out.put(customer.id(), hit.list());
            }
        }
        if (!viaTx.isEmpty()) {
            out.putAll(readPrices(tx, viaTx, productId));
        }
        if (!viaPool.isEmpty()) {
            long stamp = priceCache.stamp();
            Map<Long, PriceList> read;
            try (Connection c = dataSource.getConnection()) {
                read = readPrices(c, viaPool, productId);
            }
            for (CustomerRef customer : viaPool.values()) {
                PriceList list = read.get(customer.id());
                priceCache.put(customer.id(), productId, list, stamp);
                if (list != null) {
                    out.put(customer.id(), list);
                }
            }
        }
        return out;
    }

    /** The price lists of the given customers, where set and in the customer's currency. */
    private static Map<Long, PriceList> readPrices(Connection c, Map<Long, CustomerRef> customers, String productId)
            throws SQLException {
        Map<Long, String> currency = new HashMap<>();
        Map<Long, BigDecimal> fallback = new HashMap<>();
        Map<Long, Map<String, BigDecimal>> lists = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(PRICES_OF)) {
            ps.setArray(1, c.createArrayOf("bigint", customers.keySet().toArray(new Long[0])));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (!productId.equals(rs.getString(5))) {
                        continue;
                    }
                    long id = rs.getLong(1);
                    currency.put(id, rs.getString(3).trim());
                    if (DEFAULT_KEY.equals(rs.getString(2))) {
                        fallback.put(id, rs.getBigDecimal(4));
                    } else {
                        lists.computeIfAbsent(id, k -> new HashMap<>()).put(rs.getString(2), rs.getBigDecimal(4));
                    }
                }
            }
        }
        Map<Long, PriceList> out = new HashMap<>();
        currency.forEach((id, cur) -> out.put(id, new PriceList(cur, fallback.getOrDefault(id, BigDecimal.ZERO),
                lists.getOrDefault(id, Map.of()))));
        return out;
    }

    private static PriceList readPrices(Connection c, long customerId, String productId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(PRICES)) {
            ps.setLong(1, customerId);
            ps.setString(2, productId);
            String currency = null;
            BigDecimal fallback = null;
            Map<String, BigDecimal> prices = new HashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    currency = rs.getString(2).trim();
                    if (DEFAULT_KEY.equals(rs.getString(1))) {
                        fallback = rs.getBigDecimal(3);
                    } else {
                        prices.put(rs.getString(1), rs.getBigDecimal(3));
                    }
                }
            }
            return currency == null ? null
                    : new PriceList(currency, fallback == null ? BigDecimal.ZERO : fallback, prices);
        }
    }

    @Override
    public void setPriceList(CustomerRef customer, String productId, PriceList prices, DataSource transaction)
            throws UsageException {
        if (!prices.currency().equals(customer.currency())) {
            throw new IllegalArgumentException("the price list is in " + prices.currency() + " but the customer pays in "
                    + customer.currency());
        }
        priceCache.changing(customer.id(), productId);
        try (Connection c = transaction.getConnection()) {
            try (PreparedStatement del = c.prepareStatement(
                    "DELETE FROM usage_price WHERE customer_id = ? AND product_id = ?")) {
                del.setLong(1, customer.id());
                del.setString(2, productId);
                del.executeUpdate();
            }
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO usage_price (customer_id, product_id, "
                    + "price_key, currency, unit_price) VALUES (?, ?, ?, ?, ?)")) {
                Map<String, BigDecimal> rows = new TreeMap<>(prices.prices());
                rows.put(DEFAULT_KEY, prices.defaultPrice());
                for (Map.Entry<String, BigDecimal> e : rows.entrySet()) {
                    ins.setLong(1, customer.id());
                    ins.setString(2, productId);
                    ins.setString(3, e.getKey());
                    ins.setString(4, prices.currency());
                    ins.setBigDecimal(5, e.getValue());
                    ins.addBatch();
                }
                ins.executeBatch();
            }
        } catch (SQLException e) {
            throw new UsageException("writing the price list failed: " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------------------------------- lifecycle

    @Override
    public void deleteCustomerData(CustomerRef customer, String productId, DataSource transaction)
            throws UsageException {
        delete(customer, productId, transaction);
    }

    /** The module that deletes a disconnected customer's usage of every product, deployed or not. */
    @Override
    public String module() {
        return MODULE;
    }

    /**
     * Deletes the disconnected customer's records, roll-ups and price lists of every product, including
     * products whose bundles are not deployed (any more): their data is the customer's all the same.
     */
    @Override
    public void deleteCustomerData(CustomerRef customer, DataSource transaction) throws UsageException {
        delete(customer, null, transaction);
    }

    /** Deletes a customer's usage data, of one product or ({@code null}) of all. */
    private void delete(CustomerRef customer, String productId, DataSource transaction) throws UsageException {
        try (Connection c = transaction.getConnection()) {
            if (productId != null) {
                priceCache.changing(customer.id(), productId);
            } else {
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT DISTINCT product_id FROM usage_price WHERE customer_id = ?")) {
                    ps.setLong(1, customer.id());
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            priceCache.changing(customer.id(), rs.getString(1));
                        }
                    }
                }
            }
            // what is pending for the customer would recreate the roll-ups deleted below
            rollUps.applyAllIn(transaction);
            for (String table : List.of("usage_record", "usage_daily", "usage_price")) {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE customer_id = ?"
                        + (productId == null ? "" : " AND product_id = ?"))) {
                    ps.setLong(1, customer.id());
                    if (productId != null) {
                        ps.setString(2, productId);
                    }
                    ps.executeUpdate();
                }
            }
        } catch (SQLException e) {
            throw new UsageException("deleting " + (productId == null ? "the customer's" : productId) + " usage failed: "
                    + e.getMessage(), e);
        }
    }

    @Override
    public StoreResult writeSample(SampleDataProvider.Request request, UsageSpec spec, UsageSampleFactory factory,
                                   DataSource transaction) throws UsageException {
        try (Connection c = transaction.getConnection()) {
            if (readPrices(c, request.customer().id(), spec.productId()) == null) {
                setPriceList(request.customer(), spec.productId(), factory.samplePrices(request.customer().currency()),
                        transaction);
            }
        } catch (SQLException e) {
            throw new UsageException("writing sample prices failed: " + e.getMessage(), e);
        }
        int stored = 0;
        int duplicates = 0;
        SampleTraffic traffic = new SampleTraffic(request, spec, factory);
        List<UsageRecord> chunk;
        while (!(chunk = traffic.next(10 * CHUNK)).isEmpty()) {
            StoreResult r = store(spec.productId(), chunk, transaction);
            stored += r.stored();
            duplicates += r.duplicates();
        }
        return new StoreResult(stored, duplicates);
    }

    // ---------------------------------------------------------------------------------------- helpers

    static LocalDate day(Instant t) {
        return LocalDate.ofInstant(t, ZoneOffset.UTC);
    }

    static String code(Direction d) {
        return switch (d) {
            case INBOUND -> "I";
            case OUTBOUND -> "O";
            case NONE -> "N";
        };
    }

    static Direction direction(String code) {
        return switch (code) {
            case "I" -> Direction.INBOUND;
            case "O" -> Direction.OUTBOUND;
            default -> Direction.NONE;
        };
    }
}
