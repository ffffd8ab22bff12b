package org.sightline.core.internal.sample;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sightline.core.CustomerDirectory;
import org.sightline.core.InvalidParameterException;
import org.sightline.core.SampleDataLoader;
import org.sightline.core.StaffDirectory;
import org.sightline.core.StaffUser;
import org.sightline.core.internal.storage.CoreStorage;
import org.sightline.core.internal.storage.Jdbc;
import org.sightline.core.internal.tenancy.CustomerIndex;

/**
 * The sample partner's portal data, written with JDBC batches so that 100 000 customers load in seconds.
 * Every customer's data comes from a random generator seeded with the seed and the customer's number, so
 * the same seed always gives the same customers whatever was loaded before.
 */
@Component(service = SampleDataLoader.class)
public class SamplePortal implements SampleDataLoader {
    /** The sample partner's name. */
    public static final String PARTNER = "Sample Partner";
    /** The largest number of sample customers. */
    public static final int MAX_CUSTOMERS = 100_000;
    static final String[] PRODUCTS = {"m365-backup", "google-workspace-backup", "iaas-paas-backup", "dynamics-backup",
        "salesforce-backup", "sms", "voice", "video", "messaging-apps", "policy", "risk"};
    static final String[] STATUSES = {"active", "active", "active", "active", "trial", "expired", "not-started",
        "partially-started", "suspended"};
    static final String[] PODS = {"Pod North", "Pod South", "Pod East", "Pod West", "Enterprise"};
    private static final String[] FIRST = {"Blue", "Northern", "Silver", "Bright", "Granite", "Cedar", "Harbor", "Summit",
        "Crimson", "Golden", "Evergreen", "Iron", "Maple", "Pioneer", "Quantum", "River", "Sterling", "Atlas", "Coastal", "Lumen"};
    private static final String[] SECOND = {"Ridge", "Valley", "Bridge", "Peak", "Field", "Stone", "Brook", "Forge", "Point",
        "Gate", "Works", "Lake", "Crest", "Port", "Grove", "Mill", "Bay", "Haven", "Line", "Way"};
    private static final String[] KIND = {"Logistics", "Health", "Legal", "Foods", "Energy", "Retail", "Bank", "Media",
        "Labs", "Construction", "Insurance", "Travel", "Schools", "Motors", "Pharma", "Consulting"};
    private static final String[] CURRENCIES = {"EUR", "EUR", "USD", "USD", "GBP", "CHF"};
    private static final int BATCH = 1000;
    private final DataSource ds;
    private final CustomerDirectory customers;
    private final StaffDirectory staff;
    private final CustomerIndex index;
    private final SecureRandom secure = new SecureRandom();

    @Activate
    public SamplePortal(@Reference CoreStorage storage, @Reference CustomerDirectory customers, @Reference StaffDirectory staff,
                        @Reference CustomerIndex index) {
        this(storage.dataSource(), customers, staff, index);
    }

    /** A loader on a plain data source (tests, benchmarks). */
    public static SamplePortal on(DataSource ds, CustomerDirectory customers, StaffDirectory staff, CustomerIndex index) {
        return new SamplePortal(ds, customers, staff, index);
    }

    private SamplePortal(DataSource ds, CustomerDirectory customers, StaffDirectory staff, CustomerIndex index) {
        this.index = index;
        this.ds = ds;
        this.customers = customers;
        this.staff = staff;
    }

    /** The sample partner's id, created when missing. */
    public long partner() {
        return customers.defaultPartner().orElseGet(() -> customers.createPartner(PARTNER));
    }

    /** The account id of sample customer {@code n} (1-based). */
    public static String account(int n) {
        return String.format(Locale.ROOT, "SL-%06d", n);
    }

    @Override
    public Result load(int count, long seed, Progress progress) {
        if (count < 0 || count > MAX_CUSTOMERS) {
            throw new InvalidParameterException("customers", "from 0 to " + MAX_CUSTOMERS + " customers");
        }
        long partner = partner();
        List<String> logins = new ArrayList<>();
        Map<String, StaffUser> people = new HashMap<>();
        for (String[] p : new String[][] {{"alice.admin", "Alice Admin", "admin"}, {"eddie.engineer", "Eddie Engineer", "engineer"},
            {"erin.engineer", "Erin Engineer", "engineer"}, {"vera.viewer", "Vera Viewer", "viewer"}}) {
            StaffUser u = staff.find(p[0]).orElse(null);
            if (u == null) {
                String pw = password();
                u = staff.create(partner, p[0], p[1], p[2], pw.toCharArray());
                logins.add(p[0] + " / " + pw + " (" + p[2] + ")");
            }
            people.put(p[0], u);
        }
        Map<String, Long> pods = new HashMap<>();
        for (String pod : PODS) {
            pods.put(pod, customers.createGroup(partner, pod));
        }
        staff.assignGroup(people.get("eddie.engineer").id(), pods.get("Pod North"));
        staff.assignGroup(people.get("erin.engineer").id(), pods.get("Pod South"));
        staff.assignGroup(people.get("vera.viewer").id(), pods.get("Pod North"));
        Set<String> existing = new HashSet<>(Jdbc.list(ds, "SELECT account_id FROM customer WHERE partner_id = ? AND account_id LIKE 'SL-%'",
                List.of(partner), rs -> rs.getString(1)));
        int created = 0;
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                for (int from = 1; from <= count; from += BATCH) {
                    int to = Math.min(count, from + BATCH - 1);
                    created += batch(c, partner, seed, from, to, existing, pods, people);
                    c.commit();
                    if (progress != null) {
                        progress.step(to, count);
                    }
                }
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write sample customers: " + e.getMessage(), e);
        }
        index.invalidate(partner);
        return new Result(partner, created, count - created, logins);
    }

    @Override
    public void ensureAdmin(String username, char[] password) {
        if (staff.find(username).isPresent()) {
            staff.setPassword(username, password);
            staff.setEnabled(username, true);
        } else {
            staff.create(partner(), username, "Administrator", "admin", password);
        }
    }

    private int batch(Connection c, long partner, long seed, int from, int to, Set<String> existing, Map<String, Long> pods,
                      Map<String, StaffUser> people) throws SQLException {
        List<Integer> todo = new ArrayList<>();
        for (int n = from; n <= to; n++) {
            if (!existing.contains(account(n))) {
                todo.add(n);
            }
        }
        if (todo.isEmpty()) {
            return 0;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO customer (partner_id, account_id, account_lower, name, "
                + "name_lower, currency, credits, access_enabled, environment_url) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (int n : todo) {
                Random r = random(seed, n);
                String name = FIRST[r.nextInt(FIRST.length)] + " " + SECOND[r.nextInt(SECOND.length)] + " "
                        + KIND[r.nextInt(KIND.length)] + " " + n;
                ps.setLong(1, partner);
                ps.setString(2, account(n));
                ps.setString(3, account(n).toLowerCase(Locale.ROOT));
                ps.setString(4, name);
                ps.setString(5, name.toLowerCase(Locale.ROOT));
                ps.setString(6, CURRENCIES[r.nextInt(CURRENCIES.length)]);
                ps.setBigDecimal(7, BigDecimal.valueOf(r.nextInt(500_000) - 20_000, 2).setScale(2, RoundingMode.UNNECESSARY));
                ps.setBoolean(8, r.nextInt(10) != 0);
                ps.setString(9, "https://" + account(n).toLowerCase(Locale.ROOT) + ".tenants.example.com/");
                ps.addBatch();
            }
            ps.executeBatch();
        }
        Map<String, Long> ids = new HashMap<>();
        for (Object[] row : Jdbc.list(c, "SELECT id, account_id FROM customer WHERE partner_id = ? AND account_id BETWEEN ? AND ?",
                List.of(partner, account(from), account(to)), rs -> new Object[] {rs.getLong(1), rs.getString(2)})) {
            ids.put((String) row[1], (Long) row[0]);
        }
        LocalDate today = LocalDate.of(2026, 1, 1);
        try (PreparedStatement subs = c.prepareStatement("INSERT INTO subscription (customer_id, product_id, status, starts_on, "
                + "ends_on, quantity, quota) VALUES (?, ?, ?, ?, ?, ?, ?)");
             PreparedStatement members = c.prepareStatement("INSERT INTO customer_group_member (group_id, customer_id) VALUES (?, ?)");
             PreparedStatement direct = c.prepareStatement("INSERT INTO staff_customer (staff_id, customer_id) VALUES (?, ?)");
             PreparedStatement pins = c.prepareStatement("INSERT INTO customer_pin (staff_id, customer_id) VALUES (?, ?)")) {
            for (int n : todo) {
                Random r = random(seed, n);
                r.nextInt(FIRST.length);
                r.nextInt(SECOND.length);
                r.nextInt(KIND.length);
                r.nextInt(CURRENCIES.length);
                r.nextInt(500_000);
                r.nextInt(10);
                long id = ids.get(account(n));
                int products = 1 + r.nextInt(4);
                Set<String> chosen = new HashSet<>();
                for (int i = 0; i < products; i++) {
                    String p = PRODUCTS[r.nextInt(PRODUCTS.length)];
                    if (!chosen.add(p)) {
                        continue;
                    }
                    LocalDate start = today.minusDays(r.nextInt(900));
                    long quota = 10L * (1 + r.nextInt(100));
                    subs.setLong(1, id);
                    subs.setString(2, p);
                    subs.setString(3, STATUSES[r.nextInt(STATUSES.length)]);
                    subs.setObject(4, start);
                    subs.setObject(5, start.plusYears(1 + r.nextInt(3)));
                    subs.setLong(6, (long) (quota * r.nextDouble()));
                    subs.setLong(7, quota);
                    subs.addBatch();
                }
                members.setLong(1, pods.get(PODS[r.nextInt(PODS.length)]));
                members.setLong(2, id);
                members.addBatch();
                if (n % 50 == 7) {
                    direct.setLong(1, people.get("erin.engineer").id());
                    direct.setLong(2, id);
                    direct.addBatch();
                }
                if (n == 3 || n == 17 || n == 42) {
                    pins.setLong(1, people.get("alice.admin").id());
                    pins.setLong(2, id);
                    pins.addBatch();
                }
            }
            subs.executeBatch();
            members.executeBatch();
            direct.executeBatch();
            pins.executeBatch();
        }
        return todo.size();
    }

    private static Random random(long seed, int n) {
        return new Random(seed * 1_000_003L + n);
    }

    private String password() {
        String alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            b.append(alphabet.charAt(secure.nextInt(alphabet.length())));
        }
        return b.toString();
    }
}
