package org.sightline.core.internal.sample;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
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
import org.sightline.core.Changes;
import org.sightline.core.internal.tenancy.Tenancy;
import org.sightline.core.InvalidParameterException;
import org.sightline.core.SampleDataLoader;
import org.sightline.core.internal.auth.StaffAccounts;
import org.sightline.core.StaffUser;
import org.sightline.core.internal.storage.CoreStorage;
import org.sightline.core.internal.tenancy.SampleTenancyWriter;
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
@Component(service = {SampleDataLoader.class, SamplePartnerLoader.class})
public class SamplePartnerLoader implements SampleDataLoader {
    /** The sample partner's name. */
    public static final String PARTNER = "Sample Partner";
    /** The largest number of sample customers. */
    public static final int MAX_CUSTOMERS = 100_000;
    /** The day the sample subscriptions are drawn as of, fixed so that they do not depend on the clock. */
    static final LocalDate TODAY = LocalDate.of(2026, 1, 1);
    private static final Logger LOG = LoggerFactory.getLogger(SamplePartnerLoader.class);
    static final String[] PODS = {"Pod North", "Pod South", "Pod East", "Pod West", "Enterprise"};
    private static final String[] FIRST = {"Blue", "Northern", "Silver", "Bright", "Granite", "Cedar", "Harbor", "Summit",
        "Crimson", "Golden", "Evergreen", "Iron", "Maple", "Pioneer", "Quantum", "River", "Sterling", "Atlas", "Coastal", "Lumen"};
    private static final String[] SECOND = {"Ridge", "Valley", "Bridge", "Peak", "Field", "Stone", "Brook", "Forge", "Point",
        "Gate", "Works", "Lake", "Crest", "Port", "Grove", "Mill", "Bay", "Haven", "Line", "Way"};
    private static final String[] KIND = {"Logistics", "Health", "Legal", "Foods", "Energy", "Retail", "Bank", "Media",
        "Labs", "Construction", "Insurance", "Travel", "Schools", "Motors", "Pharma", "Consulting"};
    private static final String[] CURRENCIES = {"EUR", "EUR", "USD", "USD", "GBP", "CHF"};
    private static final int BATCH = 1000;
    private final SampleTenancyWriter tenancy;
    private final Tenancy customers;
    private final StaffAccounts staff;
    private final Changes changes;
    private final SecureRandom secure = new SecureRandom();
    private final List<SampleDataProvider> providers = new CopyOnWriteArrayList<>();

    @Activate
    public SamplePartnerLoader(@Reference CoreStorage storage, @Reference Tenancy customers, @Reference StaffAccounts staff,
                        @Reference Changes changes) {
        this(storage.dataSource(), customers, staff, changes);
    }

    /** A loader on a plain data source (tests, benchmarks). */
    public static SamplePartnerLoader on(DataSource ds, Tenancy customers, StaffAccounts staff, Changes changes) {
        return new SamplePartnerLoader(ds, customers, staff, changes);
    }

    private SamplePartnerLoader(DataSource ds, Tenancy customers, StaffAccounts staff, Changes changes) {
        this.changes = changes;
        this.tenancy = SampleTenancyWriter.on(ds);
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
        return load(count, seed, progress, true);
    }

    /**
     * Loads the sample partner's portal data.
     *
     * @param passwords whether the sample staff get random passwords (returned in {@link Result#logins()}); without,
     *                  they have none until an operator sets one, and the load spends no time on bcrypt
     */
    public Result load(int count, long seed, Progress progress, boolean passwords) {
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
                String pw = passwords ? password() : null;
                u = staff.create(partner, p[0], p[1], p[2], pw == null ? null : pw.toCharArray());
                if (pw != null) {
                    logins.add(p[0] + " / " + pw + " (" + p[2] + ")");
                }
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
        Set<String> existing = tenancy.accountIds(partner, ACCOUNT_PREFIX);
        int created = 0;
        for (int from = 1; from <= count; from += BATCH) {
            int to = Math.min(count, from + BATCH - 1);
            created += batch(partner, seed, from, to, existing, pods, people);
            if (progress != null) {
                progress.step(to, count);
            }
        }
        changes.announce(new Changes.Partner(partner));
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

    private int batch(long partner, long seed, int from, int to, Set<String> existing, Map<String, Long> pods,
                      Map<String, StaffUser> people) {
        Map<String, SampleDataProvider> products = providers();
        List<SampleTenancyWriter.NewCustomer> todo = new ArrayList<>();
        for (int n = from; n <= to; n++) {
            if (existing.contains(account(n))) {
                continue;
            }
            Random r = random(seed, n);
            String name = FIRST[r.nextInt(FIRST.length)] + " " + SECOND[r.nextInt(SECOND.length)] + " "
                    + KIND[r.nextInt(KIND.length)] + " " + n;
            String currency = CURRENCIES[r.nextInt(CURRENCIES.length)];
            BigDecimal credits = BigDecimal.valueOf(r.nextInt(500_000) - 20_000, 2).setScale(2, RoundingMode.UNNECESSARY);
            boolean access = r.nextInt(10) != 0;
            long pod = pods.get(PODS[r.nextInt(PODS.length)]);
            List<SampleTenancyWriter.NewSubscription> subscriptions = new ArrayList<>();
            for (Map.Entry<String, SampleDataProvider> p : products.entrySet()) {
                subscription(n, seed, p.getKey(), p.getValue()).ifPresent(subscriptions::add);
            }
            todo.add(new SampleTenancyWriter.NewCustomer(account(n), name, currency, credits, access,
                    "https://" + account(n).toLowerCase(Locale.ROOT) + ".tenants.example.com/", pod,
                    n % 50 == 7 ? people.get("erin.engineer").id() : null,
                    n == 3 || n == 17 || n == 42 ? people.get("alice.admin").id() : null, subscriptions));
        }
        tenancy.create(partner, todo);
        return todo.size();
    }

    private static Random random(long seed, int n) {
        return new Random(seed * 1_000_003L + n);
    }

    /** What every sample account id starts with. */
    static final String ACCOUNT_PREFIX = "SL-";

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
        Map<Long, SampleTenancyWriter.NewSubscription> adding = new LinkedHashMap<>();
        for (SampleTenancyWriter.Account a : tenancy.withoutSubscription(partner.get(), ACCOUNT_PREFIX, product)) {
            int n = number(a.accountId());
            if (n > 0) {
                subscription(n, seed, product, provider).ifPresent(s -> adding.put(a.id(), s));
            }
        }
        tenancy.subscribe(adding);
        int added = adding.size();
        if (added > 0) {
            changes.announce(new Changes.Partner(partner.get()));
        }
        return added;
    }

    /** The deployed providers by product id, in id order (one per product). */
    private Map<String, SampleDataProvider> providers() {
        List<SampleDataProvider> all = new ArrayList<>(providers);
        Map<String, SampleDataProvider> byProduct = new LinkedHashMap<>();
        all.stream().sorted(Comparator.comparing(SamplePartnerLoader::productId, Comparator.nullsLast(Comparator.naturalOrder())))
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

    /** Customer {@code n}'s subscription to the provider's product, if the provider gives one. */
    private static Optional<SampleTenancyWriter.NewSubscription> subscription(int n, long seed, String product,
                                                                        SampleDataProvider provider) {
        Optional<SampleSubscription> sub;
        try {
            sub = provider.sampleSubscription(new SampleCustomer(n, TODAY, productRandom(seed, n, product)));
        } catch (RuntimeException e) {
            LOG.warn("Product {} gave no sample subscription for sample customer {}", product, n, e);
            return Optional.empty();
        }
        if (sub == null || sub.isEmpty()) {
            return Optional.empty();
        }
        SampleSubscription s = sub.get();
        return Optional.of(new SampleTenancyWriter.NewSubscription(product, s.status(), s.startsOn(), s.endsOn(), s.quantity(), s.quota()));
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
