package org.sightline.benchmark.usage;

import org.sightline.benchmark.support.BenchDb;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import org.sightline.api.CustomerRef;
import org.sightline.api.Viewer;
import org.sightline.api.usage.Direction;
import org.sightline.api.usage.Outcome;
import org.sightline.api.usage.PriceList;
import org.sightline.api.usage.UsagePage;
import org.sightline.api.usage.UsageQuery;
import org.sightline.api.usage.UsageRecord;
import org.sightline.api.usage.UsageSpec;
import org.sightline.api.view.Severity;
import org.sightline.api.widget.PageRequest;
import org.sightline.api.widget.TimeRange;
import org.sightline.api.widget.WidgetRequest;
import org.sightline.core.internal.tenancy.CreditsImpl;
import org.sightline.family.usage.internal.UsageLogService;
import org.sightline.family.usage.internal.UsageViewsService;

/**
 * The usage log at scale. Loads {@code --records} SMS records (10 M by default) over {@code --customers}
 * customers (10 000) and 90 days through {@link UsageLogService#store} in batches of 1000, one
 * transaction each, then prints:
 * <ol>
 * <li>a log page of 50 through the service against the bare keyset SQL on the same database;</li>
 * <li>the product page (KPIs + daily series + first log page, through the same views the widgets use)
 * p50/p99;</li>
 * <li>ingestion through the service against a bare JDBC batch insert of the same rows into the same
 * table, alternating batch by batch, for two batch shapes: "daily" (a backend's daily export, records of
 * a few dozen customers per batch) and "live" (a real-time feed: 1000 records of ~1000 customers).</li>
 * </ol>
 * Customers: one giant (150x), one in a hundred heavy (25x), the rest typical. Options: {@code --db h2|pg},
 * {@code --url}, {@code --records}, {@code --customers}, {@code --samples} (timed iterations),
 * {@code --compare} (rows per shape in the ingestion comparison, 0 for none), {@code --shapes} (daily,live),
 * {@code --reuse true} (measure on the database a previous run loaded).
 */
public final class UsageBenchmark {
    static final String SMS = "sms";
    static final int DAYS = 90;
    static final int BATCH = 1000;
    static final Instant NOW = Instant.parse("2026-11-20T00:00:00Z");
    static final LocalDate FIRST_DAY = LocalDate.ofInstant(NOW, ZoneOffset.UTC).minusDays(DAYS);
    static final String[] STATUSES = {"delivered", "failed", "rejected", "expired", "pending"};
    static final String[] COUNTRIES = {"de", "de", "de", "at", "ch", "fr", "nl", "gb", "us"};
    static final UsageSpec SPEC = new UsageSpec(SMS, "Messages", "Segments", "Country", true, true, false, List.of(
            new UsageSpec.StatusSpec("delivered", "Delivered", Severity.OK, Outcome.SUCCESS),
            new UsageSpec.StatusSpec("failed", "Failed", Severity.CRITICAL, Outcome.FAILURE),
            new UsageSpec.StatusSpec("rejected", "Rejected", Severity.WARNING, Outcome.FAILURE),
            new UsageSpec.StatusSpec("expired", "Expired", Severity.WARNING, Outcome.FAILURE),
            new UsageSpec.StatusSpec("pending", "Pending", Severity.INFO, Outcome.OTHER)), List.of());
    static final String BARE_PAGE = "SELECT id, record_id, ts, direction, status, from_last4, to_last4, price_key, "
            + "quantity, duration_s, attrs, price FROM usage_record WHERE customer_id = ? AND product_id = ? "
            + "AND ts >= ? AND ts <= ? ORDER BY customer_id, product_id, ts DESC, id DESC FETCH FIRST 50 ROWS ONLY";
    static final String BARE_INSERT = "INSERT INTO usage_record (key_hi, key_lo, customer_id, product_id, record_id, "
            + "ts, direction, status, from_last4, to_last4, price_key, quantity, duration_s, attrs, price) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final Map<String, String> opts;
    private final long records;
    private final int customerCount;
    private final int samples;
    private BenchDb db;
    private UsageLogService log;
    private UsageViewsService views;
    private CustomerRef[] customers;
    private double[] weights;
    private double totalWeight;

    private UsageBenchmark(Map<String, String> opts) {
        this.opts = opts;
        this.records = Long.parseLong(opts.getOrDefault("records", "10000000"));
        this.customerCount = Integer.parseInt(opts.getOrDefault("customers", "10000"));
        this.samples = Integer.parseInt(opts.getOrDefault("samples", "3000"));
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            opts.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        new UsageBenchmark(opts).run();
    }

    private void run() throws Exception {
        boolean pg = "pg".equals(opts.getOrDefault("db", "h2"));
        String url = opts.getOrDefault("url", pg ? "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres"
                : "jdbc:h2:file:/tmp/sightline-bench/h2/usage;CACHE_SIZE=262144");
        if (pg && !url.contains("reWriteBatchedInserts")) {
            url += (url.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true";
        }
        boolean reuse = Boolean.parseBoolean(opts.getOrDefault("reuse", "false"));
        System.out.printf(Locale.ROOT, "# usage benchmark: %s, %,d records, %,d customers, %d days, batches of %d%n",
                pg ? "PostgreSQL" : "H2", records, customerCount, DAYS, BATCH);
        System.out.println("# url: " + url.replaceAll("password=[^&;]*", "password=***"));
        db = new BenchDb(url, "usage_bench", 4, !reuse);
        db.migrate("core", org.sightline.core.internal.storage.SqlMigrator.class);
        // roll-ups applied by this program, at known points, rather than by the service's own thread
        // the core's own credits, charged in the applier's transaction as in the server
        log = UsageLogService.create(db, db.transactions(), new CreditsImpl(), false);
        int leftOver = log.applyPendingRollUps();
        if (leftOver > 0) {
            System.out.printf(Locale.ROOT, "# applied %d pending roll-up rows a previous run left%n", leftOver);
        }
        views = new UsageViewsService(log);
        setUpCustomers(reuse);
        if (!reuse) {
            load();
        }
        if (db.postgres) {
            try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
                st.execute("ANALYZE usage_record");
                st.execute("ANALYZE usage_daily");
            }
        }
        if (samples > 0) {
            pages();
            productPage();
        }
        int compare = Integer.parseInt(opts.getOrDefault("compare", "200000"));
        if (compare > 0) {
            for (String shape : opts.getOrDefault("shapes", "daily,live").split(",")) {
                ingestion(shape, compare);
            }
        }
        db.close();
    }

    // ------------------------------------------------------------------------------------------ data

    private void setUpCustomers(boolean reuse) throws Exception {
        customers = new CustomerRef[customerCount];
        weights = new double[customerCount];
        String[] currencies = {"EUR", "EUR", "EUR", "USD", "GBP", "CHF"};
        db.inTransaction((tx, c) -> {
            long partner;
            if (reuse) {
                try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT MIN(id) FROM partner")) {
                    rs.next();
                    partner = rs.getLong(1);
                }
            } else {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO partner (name) VALUES ('Bench partner')",
                        new String[] {"id"})) {
                    ps.executeUpdate();
                    try (ResultSet rs = ps.getGeneratedKeys()) {
                        rs.next();
                        partner = rs.getLong(1);
                    }
                }
            }
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO customer (partner_id, account_id, name, name_lower, "
                    + "currency, credits) VALUES (?, ?, ?, ?, ?, 1000000)", new String[] {"id"});
                 PreparedStatement find = c.prepareStatement("SELECT id FROM customer WHERE partner_id = ? AND account_id = ?")) {
                for (int i = 0; i < customerCount; i++) {
                    String account = "ACC-" + (100000 + i);
                    String cur = currencies[i % currencies.length];
                    long id;
                    if (reuse) {
                        find.setLong(1, partner);
                        find.setString(2, account);
                        try (ResultSet rs = find.executeQuery()) {
                            rs.next();
                            id = rs.getLong(1);
                        }
                    } else {
                        ins.setLong(1, partner);
                        ins.setString(2, account);
                        ins.setString(3, "Customer " + i);
                        ins.setString(4, "customer " + i);
                        ins.setString(5, cur);
                        ins.executeUpdate();
                        try (ResultSet rs = ins.getGeneratedKeys()) {
                            rs.next();
                            id = rs.getLong(1);
                        }
                    }
                    customers[i] = new CustomerRef(id, partner, account, "Customer " + i, cur, true);
                    weights[i] = i == 0 ? 150 : i % 100 == 1 ? 25 : 1;
                    totalWeight += weights[i];
                    if (!reuse) {
                        BigDecimal base = new BigDecimal("0.05").add(BigDecimal.valueOf(i % 7, 3));
                        log.setPriceList(customers[i], SMS, new PriceList(cur, base,
                                Map.of("de", base.subtract(new BigDecimal("0.01")), "us", new BigDecimal("0.012"))), tx);
                    }
                }
            }
            return null;
        });
    }

    /** How many records customer {@code c} has on day {@code d}: weekday peaks, deterministic. */
    private int count(int c, int d) {
        double perDay = records * weights[c] / totalWeight / DAYS;
        DayOfWeek dow = FIRST_DAY.plusDays(d).getDayOfWeek();
        double f = dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY ? 0.375 : 1.25;
        double x = perDay * f;
        SplittableRandom r = new SplittableRandom(c * 1_000_003L + d);
        return (int) x + (r.nextDouble() < x - (int) x ? 1 : 0);
    }

    /** Customer {@code c}'s records of day {@code d}, in time order. */
    private List<UsageRecord> day(int c, int d, String prefix) {
        int n = count(c, d);
        SplittableRandom r = new SplittableRandom(c * 7_919L + d * 104_729L + prefix.hashCode());
        Instant start = FIRST_DAY.plusDays(d).atStartOfDay(ZoneOffset.UTC).toInstant();
        long[] offsets = new long[n];
        for (int i = 0; i < n; i++) {
            // office hours: two thirds between 07:00 and 19:00
            offsets[i] = r.nextInt(3) < 2 ? 25_200_000L + r.nextLong(43_200_000L) : r.nextLong(86_400_000L);
        }
        Arrays.sort(offsets);
        boolean burst = r.nextInt(30) == 0;
        List<UsageRecord> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(record(customers[c], prefix + d + "-" + i, start.plusMillis(offsets[i]), r, burst));
        }
        return out;
    }

    private static UsageRecord record(CustomerRef customer, String id, Instant t, SplittableRandom r, boolean burst) {
        double p = r.nextDouble();
        String status = p < (burst ? 0.35 : 0.03) ? "failed" : p < (burst ? 0.40 : 0.04) ? "rejected"
                : p < (burst ? 0.42 : 0.05) ? "expired" : p < (burst ? 0.45 : 0.07) ? "pending" : "delivered";
        boolean inbound = r.nextInt(10) == 0;
        return new UsageRecord(customer, id, t, inbound ? Direction.INBOUND : Direction.OUTBOUND, status,
                "+49151" + (1_000_000 + r.nextInt(9_000_000)), "+49170" + (1_000_000 + r.nextInt(9_000_000)),
                COUNTRIES[r.nextInt(COUNTRIES.length)], r.nextInt(10) < 8 ? 1 : 2 + r.nextInt(3), null, Map.of());
    }

    private void load() throws Exception {
        long t0 = System.nanoTime();
        long stored = 0;
        long nextReport = 1_000_000;
        long batches = 0;
        List<UsageRecord> batch = new ArrayList<>(2 * BATCH);
        for (int d = 0; d < DAYS; d++) {
            for (int c = 0; c < customerCount; c++) {
                batch.addAll(day(c, d, "d"));
                while (batch.size() >= BATCH) {
                    List<UsageRecord> part = new ArrayList<>(batch.subList(0, BATCH));
                    batch.subList(0, BATCH).clear();
                    stored += db.inTransaction((tx, raw) -> log.store(SMS, part, tx)).stored();
                    if (++batches % 32 == 0) {
                        log.applyPendingRollUps();
                    }
                    if (stored >= nextReport) {
                        double s = (System.nanoTime() - t0) / 1e9;
                        System.out.printf(Locale.ROOT, "  loaded %,d records in %.0f s (%,.0f records/s)%n", stored, s,
                                stored / s);
                        nextReport += 1_000_000;
                    }
                }
            }
        }
        if (!batch.isEmpty()) {
            List<UsageRecord> part = batch;
            stored += db.inTransaction((tx, raw) -> log.store(SMS, part, tx)).stored();
        }
        log.applyPendingRollUps();
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "load: %,d records through UsageLog.store, roll-ups applied every 32 batches, "
                + "in %.0f s = %,.0f records/s%n",
                stored, s, stored / s);
    }

    // ------------------------------------------------------------------------------------------ reads

    private int randomCustomer(SplittableRandom r) {
        int i = r.nextInt(20) == 0 ? (r.nextInt(10) == 0 ? 0 : 1 + 100 * r.nextInt(customerCount / 100)) : r.nextInt(customerCount);
        return Math.min(i, customerCount - 1);
    }

    private void pages() throws Exception {
        TimeRange range = new TimeRange(NOW.minus(Duration.ofDays(30)), NOW);
        SplittableRandom r = new SplittableRandom(11);
        long[] service = new long[samples];
        long[] bare = new long[samples];
        long rows = 0;
        for (int i = -samples / 5; i < samples; i++) {
            CustomerRef c = customers[randomCustomer(r)];
            boolean serviceFirst = (i & 1) == 0;
            long a = 0;
            long b = 0;
            for (int k = 0; k < 2; k++) {
                long t = System.nanoTime();
                if ((k == 0) == serviceFirst) {
                    UsagePage p = log.page(c, SMS, new UsageQuery(range, null, null, null, 50));
                    rows += p.entries().size();
                    a = System.nanoTime() - t;
                } else {
                    rows += barePage(c, range);
                    b = System.nanoTime() - t;
                }
            }
            if (i >= 0) {
                service[i] = a;
                bare[i] = b;
            }
        }
        Arrays.sort(service);
        Arrays.sort(bare);
        System.out.printf(Locale.ROOT, "log page of 50 (30 days, newest first), %d random customers (%d rows read):%n",
                samples, rows);
        System.out.printf(Locale.ROOT, "  bare SQL:        p50 %.2f ms  p99 %.2f ms%n", ms(bare, 50), ms(bare, 99));
        System.out.printf(Locale.ROOT, "  UsageLog.page:   p50 %.2f ms  p99 %.2f ms  -> %.2fx bare at p50 (target <= 1.5x)%n",
                ms(service, 50), ms(service, 99), ms(service, 50) / ms(bare, 50));
    }

    private int barePage(CustomerRef c, TimeRange range) throws Exception {
        int n = 0;
        try (Connection con = db.dataSource().getConnection(); PreparedStatement ps = con.prepareStatement(BARE_PAGE)) {
            ps.setLong(1, c.id());
            ps.setString(2, SMS);
            ps.setObject(3, OffsetDateTime.ofInstant(range.from(), ZoneOffset.UTC));
            ps.setObject(4, OffsetDateTime.ofInstant(range.to().minusNanos(1000), ZoneOffset.UTC));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rs.getLong(1);
                    rs.getString(2);
                    rs.getObject(3, OffsetDateTime.class);
                    rs.getString(4);
                    rs.getString(5);
                    rs.getString(6);
                    rs.getString(7);
                    rs.getString(8);
                    rs.getLong(9);
                    rs.getLong(10);
                    rs.getString(11);
                    rs.getBigDecimal(12);
                    n++;
                }
            }
        }
        return n;
    }

    /** The product page as its widgets render it: KPIs, daily series, first log page. */
    private long productPageNanos(WidgetRequest req) throws Exception {
        long t0 = System.nanoTime();
        views.kpis(SPEC, req);
        views.dailySeries(SPEC, req);
        views.log(SPEC, req);
        return System.nanoTime() - t0;
    }

    private void productPage(int days, int n, String note) throws Exception {
        TimeRange range = new TimeRange(NOW.minus(Duration.ofDays(days)), NOW);
        SplittableRandom r = new SplittableRandom(13);
        long[] t = new long[n];
        for (int i = -n / 5; i < n; i++) {
            CustomerRef c = customers[randomCustomer(r)];
            WidgetRequest req = new WidgetRequest(c, new Viewer("bench", c.partnerId(), java.util.Set.of("admin"),
                    java.util.Set.of("customer.read", "usage.read")), range, ZoneId.of("UTC"), PageRequest.first(),
                    Map.of(), null);
            long nanos = productPageNanos(req);
            if (i >= 0) {
                t[i] = nanos;
            }
        }
        Arrays.sort(t);
        System.out.printf(Locale.ROOT, "product page, %d days (KPIs + daily series + first log page), %d customers%s: "
                + "p50 %.2f ms  p99 %.2f ms  max %.2f ms (target p99 <= 20 ms)%n", days, n, note, ms(t, 50), ms(t, 99),
                t[t.length - 1] / 1e6);
    }

    private void productPage() throws Exception {
        for (int days : new int[] {30, 90}) {
            productPage(days, samples, "");
        }
        // the giant customer alone
        CustomerRef giant = customers[0];
        WidgetRequest req = new WidgetRequest(giant, new Viewer("bench", giant.partnerId(), java.util.Set.of(),
                java.util.Set.of()), new TimeRange(NOW.minus(Duration.ofDays(90)), NOW), ZoneId.of("UTC"),
                PageRequest.first(), Map.of(), null);
        long[] t = new long[200];
        for (int i = -50; i < t.length; i++) {
            long nanos = productPageNanos(req);
            if (i >= 0) {
                t[i] = nanos;
            }
        }
        Arrays.sort(t);
        System.out.printf(Locale.ROOT, "product page, 90 days, the biggest customer (%,d records): p50 %.2f ms  p99 %.2f ms%n",
                log.summary(giant, SMS, req.range()).records(), ms(t, 50), ms(t, 99));
    }

    // ------------------------------------------------------------------------------------------ writes

    private List<List<UsageRecord>> batches(String shape, int rows, String prefix) {
        List<UsageRecord> all = new ArrayList<>(rows);
        if (shape.equals("daily")) {
            for (int d = 45; all.size() < rows; d = (d + 1) % DAYS) {
                for (int c = 0; c < customerCount && all.size() < rows; c++) {
                    all.addAll(day(c, d, prefix));
                }
            }
        } else {
            // a live feed: records in time order, each from a customer drawn by weight
            double[] cumulative = new double[customerCount];
            double acc = 0;
            for (int c = 0; c < customerCount; c++) {
                acc += weights[c];
                cumulative[c] = acc;
            }
            SplittableRandom r = new SplittableRandom(prefix.hashCode());
            Instant t = NOW.minus(Duration.ofDays(2));
            long step = Duration.ofDays(2).toMillis() / rows;
            for (int i = 0; i < rows; i++) {
                int c = Arrays.binarySearch(cumulative, r.nextDouble() * acc);
                c = c < 0 ? Math.min(-c - 1, customerCount - 1) : c;
                t = t.plusMillis(step);
                all.add(record(customers[c], prefix + i, t, r, false));
            }
        }
        List<List<UsageRecord>> out = new ArrayList<>();
        for (int i = 0; i + BATCH <= all.size(); i += BATCH) {
            out.add(all.subList(i, i + BATCH));
        }
        return out;
    }

    private void ingestion(String shape, int rows) throws Exception {
        String prefix = shape.charAt(0) + "x" + System.nanoTime() % 100000 + "-";
        List<List<UsageRecord>> batches = batches(shape, rows, prefix);
        // the bare insert writes the same rows, priced the same, under another product id so keys differ
        List<Object[][]> bareRows = new ArrayList<>();
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        for (List<UsageRecord> b : batches) {
            Object[][] rowsOf = new Object[b.size()][];
            for (int i = 0; i < b.size(); i++) {
                UsageRecord u = b.get(i);
                md.reset();
                md.update(ByteBuffer.allocate(8).putLong(u.customer().id()).array());
                md.update("bare".getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
                md.update(u.recordId().getBytes(StandardCharsets.UTF_8));
                ByteBuffer h = ByteBuffer.wrap(md.digest());
                rowsOf[i] = new Object[] {h.getLong(), h.getLong(), u.customer().id(), "bare", u.recordId(),
                    OffsetDateTime.ofInstant(u.time(), ZoneOffset.UTC), u.direction() == Direction.INBOUND ? "I" : "O",
                    u.status(), u.from(), u.to(), u.pricingKey(), u.quantity(),
                    new BigDecimal("0.05").multiply(BigDecimal.valueOf(u.quantity())).setScale(4, RoundingMode.HALF_UP)};
            }
            bareRows.add(rowsOf);
        }
        long bareNanos = 0;
        long serviceNanos = 0;
        long n = 0;
        for (int i = 0; i < batches.size(); i++) {
            List<UsageRecord> b = batches.get(i);
            Object[][] raw = bareRows.get(i);
            for (int k = 0; k < 2; k++) {
                long t0 = System.nanoTime();
                if ((k == 0) == ((i & 1) == 0)) {
                    db.inTransaction((tx, c) -> log.store(SMS, b, tx));
                    serviceNanos += System.nanoTime() - t0;
                } else {
                    db.inTransaction((tx, c) -> {
                        bareInsert(c, raw);
                        return null;
                    });
                    bareNanos += System.nanoTime() - t0;
                }
            }
            n += b.size();
        }
        // the roll-ups and charges of all the stored batches, applied afterwards as the applier would
        long pending = db.count("SELECT COUNT(*) FROM usage_pending");
        if (samples > 0) {
            // the worst case of an applier that fell behind: every batch of the comparison still pending
            productPage(30, Math.min(samples, 500), ", " + pending + " batches pending");
        }
        long t0 = System.nanoTime();
        log.applyPendingRollUps();
        long applyNanos = System.nanoTime() - t0;
        double bare = n / (bareNanos / 1e9);
        double service = n / (serviceNanos / 1e9);
        double withApply = n / ((serviceNanos + applyNanos) / 1e9);
        System.out.printf(Locale.ROOT, "ingestion, %s batches of %d (%,d rows, each batch once per way, alternating):%n",
                shape, BATCH, n);
        System.out.printf(Locale.ROOT, "  bare JDBC batch insert:  %,.0f rows/s%n", bare);
        System.out.printf(Locale.ROOT, "  UsageLog.store:          %,.0f rows/s  -> %.0f %% of bare (target >= 70 %%)%n",
                service, 100 * service / bare);
        System.out.printf(Locale.ROOT, "  applying the %d pending roll-up rows afterwards: %.0f ms (%,.0f records/s)%n",
                pending, applyNanos / 1e6, n / (applyNanos / 1e9));
        System.out.printf(Locale.ROOT, "  store + apply, one after the other: %,.0f rows/s  -> %.0f %% of bare%n",
                withApply, 100 * withApply / bare);
    }

    private static void bareInsert(Connection c, Object[][] rows) throws Exception {
        try (PreparedStatement ps = c.prepareStatement(BARE_INSERT)) {
            for (Object[] r : rows) {
                ps.setLong(1, (Long) r[0]);
                ps.setLong(2, (Long) r[1]);
                ps.setLong(3, (Long) r[2]);
                ps.setString(4, (String) r[3]);
                ps.setString(5, (String) r[4]);
                ps.setObject(6, r[5]);
                ps.setString(7, (String) r[6]);
                ps.setString(8, (String) r[7]);
                ps.setString(9, (String) r[8]);
                ps.setString(10, (String) r[9]);
                ps.setString(11, (String) r[10]);
                ps.setLong(12, (Long) r[11]);
                ps.setNull(13, java.sql.Types.BIGINT);
                ps.setString(14, null);
                ps.setBigDecimal(15, (BigDecimal) r[12]);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static double ms(long[] sorted, int percentile) {
        int i = Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * percentile / 100.0) - 1);
        return sorted[Math.max(0, i)] / 1e6;
    }
}
