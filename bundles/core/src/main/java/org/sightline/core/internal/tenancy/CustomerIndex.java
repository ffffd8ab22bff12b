package org.sightline.core.internal.tenancy;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.sightline.core.Caches;
import org.sightline.core.Changes;
import org.sightline.core.Changes.Change;
import org.sightline.core.internal.cache.CacheDirectory;
import org.sightline.core.internal.cache.CacheDirectory;
import org.sightline.core.internal.cache.ChangeNotes;
import org.sightline.core.internal.storage.CoreStorage;
import org.sightline.core.internal.storage.Jdbc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * An in-memory index of each partner's customer list: names, account ids, credits, subscriptions,
 * groups, assignments and pins, in three precomputed orders. Searching 100 000 customers for a text found
 * anywhere in the name or account id, with scope, filters and the total, is then a pass over arrays
 * (a few milliseconds), where SQL {@code LIKE '%text%'} reads every row (tens to hundreds of milliseconds).
 * The page's rows are then read from the database by id, scope checked again.
 * <p>
 * Consistency: the core's own writes (customers, subscriptions, assignments, flags) are announced through
 * {@link Changes} by their writers ({@code Changes.Partner}, {@code Changes.AllPartners}), which drops the partner's snapshot, and the next list request
 * rebuilds it; a snapshot built while such a change was committed is not kept. Pins change it in place.
 * The snapshots (cache {@code core.customer-lists}) are bounded by the number of customers they hold
 * ({@link #MAX_CUSTOMERS}) and dropped after {@link #IDLE_MINUTES} unused. Writes the core does
 * not see (credits charged by usage ingestion) reach the credits order within {@code REFRESH_MS}: the
 * snapshot's credits are re-read in the background (the rows shown always carry the current credits).
 */
@Component(service = CustomerIndex.class)
public class CustomerIndex {
    static final long REFRESH_MS = 60_000;
    private static final Logger LOG = LoggerFactory.getLogger(CustomerIndex.class);
    private final DataSource ds;
    /** Customers held in all snapshots together, at most. */
    static final long MAX_CUSTOMERS = 2_000_000;
    static final long IDLE_MINUTES = 60;
    private final Cache<Long, Snapshot> snapshots = Caffeine.newBuilder()
            .maximumWeight(MAX_CUSTOMERS)
            .weigher((Long partner, Snapshot s) -> s.byName.length + 1)
            .expireAfterAccess(java.time.Duration.ofMinutes(IDLE_MINUTES))
            .recordStats()
            .build();
    private final Map<Long, Boolean> refreshing = new ConcurrentHashMap<>();
    private final Changes changes;
    private final StaffRoster roster;
    private final AutoCloseable subscription;
    private final AutoCloseable registration;
    private final ExecutorService refresher = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "sightline-customer-index");
        t.setDaemon(true);
        return t;
    });

    @Activate
    public CustomerIndex(@Reference CoreStorage storage, @Reference Changes changes, @Reference Caches caches,
                         @Reference StaffRoster roster) {
        this(storage.dataSource(), changes, caches, roster);
    }

    private CustomerIndex(DataSource ds, Changes changes, Caches caches, StaffRoster roster) {
        this.ds = ds;
        this.changes = changes;
        this.roster = roster;
        this.subscription = changes.subscribe(c -> snapshots.asMap().keySet().removeIf(p -> affects(c, p)));
        this.registration = caches.register(CacheDirectory.of("core.customer-lists", snapshots, -1));
    }

    /** An index on a plain data source (tests, benchmarks), listening to the given changes. */
    public static CustomerIndex on(DataSource ds, Changes changes, StaffRoster roster) {
        return new CustomerIndex(ds, changes, new CacheDirectory(), roster);
    }

    /** Who the partners' staff users are (the staff directory's answer). */
    StaffRoster roster() {
        return roster;
    }

    @Deactivate
    void deactivate() {
        CacheDirectory.close(subscription);
        CacheDirectory.close(registration);
        refresher.shutdownNow();
    }

    /** Whether the change may alter the partner's snapshot. */
    private static boolean affects(Change change, long partnerId) {
        if (change instanceof Changes.Partner p) {
            return p.partnerId() == partnerId;
        }
        return change instanceof Changes.AllPartners || change instanceof Changes.Everything;
    }

    /** One customer in the index. */
    static final class Entry {
        final long id;
        final String name;
        final String account;
        volatile BigDecimal credits;
        final boolean hideExpired;
        /** Bigrams of the name and account id, hashed to 128 bits: a search skips entries lacking one of its own. */
        final long bigramsLo;
        final long bigramsHi;
        String[] subs = new String[0];
        long[] groups = new long[0];
        long[] staff = new long[0];

        Entry(long id, String name, String account, BigDecimal credits, boolean hideExpired) {
            this.id = id;
            this.name = name;
            this.account = account;
            this.credits = credits;
            this.hideExpired = hideExpired;
            long[] b = bigrams(name, new long[2]);
            if (account != null) {
                bigrams(account, b);
            }
            this.bigramsLo = b[0];
            this.bigramsHi = b[1];
        }

        /** Whether the name or the account id contains the (lower case) text; {@code mask} is its {@link #bigrams}. */
        boolean matches(String text, long[] mask) {
            if ((bigramsLo & mask[0]) != mask[0] || (bigramsHi & mask[1]) != mask[1]) {
                return false;
            }
            return name.contains(text) || account != null && account.contains(text);
        }

        boolean shows(String product, String status) {
            for (int i = 0; i < subs.length; i += 2) {
                if (hideExpired && subs[i + 1].equals("expired")) {
                    continue;
                }
                if ((product == null || subs[i].equals(product)) && (status == null || subs[i + 1].equals(status))) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Adds the 128-bit hashed set of the text's character pairs to {@code into}. */
    static long[] bigrams(String text, long[] into) {
        for (int i = 0; i + 1 < text.length(); i++) {
            int h = (text.charAt(i) * 31 + text.charAt(i + 1)) & 127;
            into[h >> 6] |= 1L << (h & 63);
        }
        return into;
    }

    /** A partner's customers in name, account and credits order, with assignments and pins. */
    static final class Snapshot {
        volatile long builtAt = System.currentTimeMillis();
        final Entry[] byName;
        final Entry[] byAccount;
        volatile Entry[] byCredits;
        final Map<Long, Entry> byId;
        final Map<Long, long[]> staffGroups;
        final Map<Long, long[]> groupStaff;
        final Map<Long, String> groupNames;
        final Map<Long, String[]> staffNames;
        final Map<Long, Set<Long>> pins;

        Snapshot(Entry[] byName, Map<Long, Entry> byId, Map<Long, long[]> staffGroups, Map<Long, String> groupNames,
                 Map<Long, String[]> staffNames, Map<Long, Set<Long>> pins) {
            this.byName = byName;
            this.byId = byId;
            this.byAccount = byName.clone();
            Arrays.sort(byAccount, Comparator.comparing((Entry e) -> e.account == null ? "" : e.account).thenComparingLong(e -> e.id));
            this.byCredits = creditsOrder(byName);
            this.staffGroups = staffGroups;
            this.groupNames = groupNames;
            this.staffNames = staffNames;
            this.pins = pins;
            Map<Long, List<Long>> inverse = new HashMap<>();
            staffGroups.forEach((staff, groups) -> {
                for (long g : groups) {
                    inverse.computeIfAbsent(g, k -> new ArrayList<>()).add(staff);
                }
            });
            this.groupStaff = new HashMap<>();
            inverse.forEach((g, l) -> groupStaff.put(g, l.stream().mapToLong(Long::longValue).toArray()));
        }

        static Entry[] creditsOrder(Entry[] entries) {
            Entry[] out = entries.clone();
            Arrays.sort(out, Comparator.comparing((Entry e) -> e.credits).thenComparingLong(e -> e.id));
            return out;
        }
    }

    /** The partner's snapshot: fresh after a core write, at most {@link #REFRESH_MS} old otherwise. */
    Snapshot snapshot(long partnerId) {
        Snapshot s = snapshots.getIfPresent(partnerId);
        if (s == null) {
            long sequence = changes.sequence();
            s = build(partnerId);
            snapshots.put(partnerId, s);
            if (changes.changedSince(sequence, c -> affects(c, partnerId))) {
                // Written while this was read: serve it to this request, rebuild for the next.
                snapshots.invalidate(partnerId);
            }
            return s;
        }
        if (System.currentTimeMillis() - s.builtAt > REFRESH_MS && refreshing.putIfAbsent(partnerId, Boolean.TRUE) == null) {
            try {
                Snapshot current = s;
                refresher.execute(() -> {
                    try {
                        refreshCredits(partnerId, current);
                    } catch (RuntimeException e) {
                        LOG.warn("Could not refresh the customer index of partner {}", partnerId, e);
                    } finally {
                        refreshing.remove(partnerId);
                    }
                });
            } catch (RejectedExecutionException e) {
                refreshing.remove(partnerId);
            }
        }
        return s;
    }

    /** Records a pin or unpin in place. */
    public void pinned(long partnerId, long staffId, long customerId, boolean pinned) {
        Snapshot s = snapshots.getIfPresent(partnerId);
        if (s != null) {
            Set<Long> set = s.pins.computeIfAbsent(staffId, k -> ConcurrentHashMap.newKeySet());
            if (pinned) {
                set.add(customerId);
            } else {
                set.remove(customerId);
            }
        }
    }

    /** Re-reads the credits (charged by ingestion, which the index does not see) and re-sorts by them. */
    private void refreshCredits(long partnerId, Snapshot s) {
        Jdbc.list(ds, "SELECT id, credits FROM customer WHERE partner_id = ?", List.of(partnerId), rs -> {
            Entry e = s.byId.get(rs.getLong(1));
            if (e != null) {
                e.credits = rs.getBigDecimal(2);
            }
            return null;
        });
        s.byCredits = Snapshot.creditsOrder(s.byName);
        s.builtAt = System.currentTimeMillis();
    }

    private Snapshot build(long partnerId) {
        try (Connection c = ds.getConnection()) {
            List<Entry> entries = Jdbc.list(c, "SELECT id, name_lower, account_lower, credits, hide_expired FROM customer "
                    + "WHERE partner_id = ?", List.of(partnerId),
                    rs -> new Entry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBigDecimal(4), rs.getBoolean(5)));
            Map<Long, Entry> byId = new HashMap<>(entries.size() * 2);
            entries.forEach(e -> byId.put(e.id, e));
            Map<Long, List<String>> subs = new HashMap<>();
            Jdbc.list(c, "SELECT s.customer_id, s.product_id, s.status FROM subscription s JOIN customer c ON c.id = s.customer_id "
                    + "WHERE c.partner_id = ?", List.of(partnerId), rs -> {
                        List<String> l = subs.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>(4));
                        l.add(rs.getString(2));
                        l.add(rs.getString(3));
                        return null;
                    });
            subs.forEach((id, l) -> {
                Entry e = byId.get(id);
                if (e != null) {
                    e.subs = l.toArray(new String[0]);
                }
            });
            Map<Long, long[]> groups = pairs(c, "SELECT gm.customer_id, gm.group_id FROM customer_group_member gm JOIN "
                    + "customer_group g ON g.id = gm.group_id WHERE g.partner_id = ?", partnerId);
            groups.forEach((id, g) -> {
                Entry e = byId.get(id);
                if (e != null) {
                    e.groups = g;
                }
            });
            // Assignments and pins stay inside a partner, so the partner of the customer or group is the user's.
            Map<Long, long[]> staff = pairs(c, "SELECT sc.customer_id, sc.staff_id FROM staff_customer sc JOIN customer c "
                    + "ON c.id = sc.customer_id WHERE c.partner_id = ?", partnerId);
            staff.forEach((id, s) -> {
                Entry e = byId.get(id);
                if (e != null) {
                    e.staff = s;
                }
            });
            Map<Long, long[]> staffGroups = pairs(c, "SELECT sg.staff_id, sg.group_id FROM staff_group sg JOIN customer_group g "
                    + "ON g.id = sg.group_id WHERE g.partner_id = ?", partnerId);
            Map<Long, Set<Long>> pins = new ConcurrentHashMap<>();
            pairs(c, "SELECT p.staff_id, p.customer_id FROM customer_pin p JOIN customer c ON c.id = p.customer_id "
                    + "WHERE c.partner_id = ?", partnerId).forEach((staffId, ids) -> {
                        Set<Long> set = ConcurrentHashMap.newKeySet();
                        for (long id : ids) {
                            set.add(id);
                        }
                        pins.put(staffId, set);
                    });
            Map<Long, String> groupNames = new HashMap<>();
            Jdbc.list(c, "SELECT id, name FROM customer_group WHERE partner_id = ?", List.of(partnerId),
                    rs -> groupNames.put(rs.getLong(1), rs.getString(2)));
            Map<Long, String[]> staffNames = new HashMap<>();
            roster.ofPartner(partnerId).forEach((id, n) -> staffNames.put(id, new String[] {n.username(), n.displayName()}));
            Entry[] byName = entries.toArray(new Entry[0]);
            Arrays.sort(byName, Comparator.comparing((Entry e) -> e.name).thenComparingLong(e -> e.id));
            return new Snapshot(byName, byId, staffGroups, groupNames, staffNames, pins);
        } catch (SQLException e) {
            throw Jdbc.failure("cannot read the customer list", e);
        }
    }

    private static Map<Long, long[]> pairs(Connection c, String sql, long partnerId) throws SQLException {
        Map<Long, List<Long>> m = new HashMap<>();
        Jdbc.list(c, sql, List.of(partnerId), rs -> m.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>(2)).add(rs.getLong(2)));
        Map<Long, long[]> out = new HashMap<>(m.size() * 2);
        m.forEach((k, v) -> out.put(k, v.stream().mapToLong(Long::longValue).toArray()));
        return out;
    }
}
