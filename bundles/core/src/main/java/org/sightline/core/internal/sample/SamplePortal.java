package org.sightline.core.internal.sample;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.sightline.api.data.SampleDataProvider;
import org.sightline.api.data.SampleDataProvider.SampleCustomer;
import org.sightline.api.data.SampleDataProvider.SampleSubscription;
import org.sightline.core.CustomerDirectory;
import org.sightline.core.InvalidParameterException;
import org.sightline.core.SampleDataLoader;
import org.sightline.core.StaffDirectory;
import org.sightline.core.StaffUser;
import org.sightline.core.internal.storage.CoreStorage;
import org.sightline.core.internal.storage.Jdbc;
import org.sightline.core.internal.tenancy.CustomerIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sample partner's portal data, written with JDBC batches so that 100 000 customers load in seconds.
 * Every customer's data comes from a random generator seeded with the seed and the customer's number, so
 * the same seed always gives the same customers whatever was loaded before. Subscriptions come from the
 * deployed products' {@link SampleDataProvider}s, each asked with a generator seeded with the seed, the
 * customer's number and its product id: a customer's subscription to a product is the same whichever
 * other products are deployed, and whether the product came before or after the customer
 * ({@link #subscribe}).
 */
@Component(service = {SampleDataLoader.class, SamplePortal.class})
public class SamplePortal implements SampleDataLoader {
    /** The sample partner's name. */
    public static final String PARTNER = "Sample Partner";
    /** The largest number of sample customers. */
    public static final int MAX_CUSTOMERS = 100_000;
    /** The day the sample subscriptions are drawn as of, fixed so that they do not depend on the clock. */
    static final LocalDate TODAY = LocalDate.of(2026, 1, 1);
    private static final Logger LOG = LoggerFactory.getLogger(SamplePortal.class);
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
    private final List<SampleDataProvider> providers = new CopyOnWriteArrayList<>();

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

    /** A deployed product's sample data: its subscriptions go to the customers loaded from now on. */
    @Reference(service = SampleDataProvider.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindProvider(SampleDataProvider provider) {
        providers.add(provider);
    }

    void unbindProvider(SampleDataProvider provider) {
        providers.remove(provider);
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
        Map<String, SampleDataProvider> products = providers();
        try (PreparedStatement subs = c.prepareStatement(INSERT_SUBSCRIPTION);
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
                for (Map.Entry<String, SampleDataProvider> p : products.entrySet()) {
                    addSubscription(subs, id, n, seed, p.getKey(), p.getValue());
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

    private static final String INSERT_SUBSCRIPTION = "INSERT INTO subscription (customer_id, product_id, status, "
            + "starts_on, ends_on, quantity, quota) VALUES (?, ?, ?, ?, ?, ?, ?)";

    /**
     * Gives the sample partner's customers the provider's sample subscriptions, where they have no subscription
     * to its product yet: for a product deployed after the customers were loaded. Customers that have one keep
     * it, so calling this again adds nothing.
     *
     * @param provider the product's sample data
     * @param seed     the seed the customers were loaded with
     * @return how many subscriptions were added
     */
    public int subscribe(SampleDataProvider provider, long seed) {
        Optional<Long> partner = customers.defaultPartner();
        if (partner.isEmpty()) {
            return 0;
        }
        String product = provider.productId();
        List<Object[]> missing = Jdbc.list(ds, "SELECT c.id, c.account_id FROM customer c WHERE c.partner_id = ? "
                + "AND c.account_id LIKE 'SL-%' AND NOT EXISTS (SELECT 1 FROM subscription s WHERE s.customer_id = c.id "
                + "AND s.product_id = ?)", List.of(partner.get(), product), rs -> new Object[] {rs.getLong(1), rs.getString(2)});
        int added = 0;
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement subs = c.prepareStatement(INSERT_SUBSCRIPTION)) {
                int pending = 0;
                for (Object[] row : missing) {
                    int n = number((String) row[1]);
                    if (n > 0 && addSubscription(subs, (Long) row[0], n, seed, product, provider)) {
                        added++;
                        if (++pending == BATCH) {
                            subs.executeBatch();
                            pending = 0;
                        }
                    }
                }
                subs.executeBatch();
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write sample subscriptions", e);
        }
        if (added > 0) {
            index.invalidate(partner.get());
        }
        return added;
    }

    /** The deployed providers by product id, in id order (one per product). */
    private Map<String, SampleDataProvider> providers() {
        List<SampleDataProvider> all = new ArrayList<>(providers);
        Map<String, SampleDataProvider> byProduct = new LinkedHashMap<>();
        all.stream().sorted(Comparator.comparing(SamplePortal::productId, Comparator.nullsLast(Comparator.naturalOrder())))
                .forEach(p -> {
                    String id = productId(p);
                    if (id != null) {
                        byProduct.putIfAbsent(id, p);
                    }
                });
        return byProduct;
    }

    private static String productId(SampleDataProvider p) {
        try {
            return p.productId();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Adds customer {@code n}'s subscription to the provider's product to the batch, if the provider gives one. */
    private static boolean addSubscription(PreparedStatement subs, long customerId, int n, long seed, String product,
                                           SampleDataProvider provider) throws SQLException {
        Optional<SampleSubscription> sub;
        try {
            sub = provider.sampleSubscription(new SampleCustomer(n, TODAY, productRandom(seed, n, product)));
        } catch (RuntimeException e) {
            LOG.warn("Product {} gave no sample subscription for sample customer {}", product, n, e);
            return false;
        }
        if (sub == null || sub.isEmpty()) {
            return false;
        }
        SampleSubscription s = sub.get();
        subs.setLong(1, customerId);
        subs.setString(2, product);
        subs.setString(3, s.status());
        subs.setObject(4, s.startsOn());
        subs.setObject(5, s.endsOn());
        subs.setObject(6, s.quantity());
        subs.setObject(7, s.quota());
        subs.addBatch();
        return true;
    }

    /** The random source a product is asked with about customer {@code n}: the same whatever else is deployed. */
    static SplittableRandom productRandom(long seed, int n, String productId) {
        return new SplittableRandom(new SplittableRandom(seed * 1_000_003L + n).nextLong() ^ productId.hashCode());
    }

    /** The customer number in a sample account id ({@code SL-000042} is 42), or 0 for another account id. */
    static int number(String accountId) {
        if (accountId == null || !accountId.matches("SL-\\d{6}")) {
            return 0;
        }
        return Integer.parseInt(accountId.substring(3));
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
