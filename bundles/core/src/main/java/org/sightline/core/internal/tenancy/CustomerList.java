package org.sightline.core.internal.tenancy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.TreeMap;
import java.util.Locale;
import java.util.Map;

import javax.sql.DataSource;

import org.sightline.core.CustomerPage;
import org.sightline.core.CustomerQuery;
import org.sightline.core.CustomerSummary;
import org.sightline.core.CustomerSummary.GroupRef;
import org.sightline.core.CustomerSummary.StaffRef;
import org.sightline.core.InvalidParameterException;
import org.sightline.core.Subscription;
import org.sightline.core.internal.storage.Jdbc;

/**
 * The customer list query: scope, search, filters, order and keyset paging, pinned customers first.
 * <p>
 * Which customers match, their order and the total come from the {@link CustomerIndex} (a pass over the
 * partner's customers in memory, in the order asked for); the page's rows are then read from the database
 * by id, with the scope checked again in SQL. The cursor holds the phase (pinned or not), the sort key and
 * the id of the last row, so pages stay stable while customers are added.
 */
final class CustomerList {
    static final String ROW = "c.id, c.account_id, c.name, c.logo_version, c.currency, c.credits, c.access_enabled";
    private static final java.util.Set<String> SORTS = java.util.Set.of("name", "accountId", "credits");
    private static final String PIN = "EXISTS (SELECT 1 FROM customer_pin pn WHERE pn.customer_id = c.id AND pn.staff_id = ?)";
    private static final String SHOWN = "(s.status <> 'expired' OR c.hide_expired = FALSE)";
    private final DataSource ds;
    private final CustomerIndex index;

    CustomerList(DataSource ds, CustomerIndex index) {
        this.ds = ds;
        this.index = index;
    }

    private record Cursor(boolean pinnedPhase, Object key, long id) {
    }

    CustomerPage list(Scope scope, CustomerQuery q) {
        boolean desc = q.sort().startsWith("-");
        String sortName = desc ? q.sort().substring(1) : q.sort();
        if (!SORTS.contains(sortName)) {
            throw new InvalidParameterException("sort", "sort by name, credits or accountId, with a leading - for descending");
        }
        if (q.limit() < 1 || q.limit() > 500) {
            throw new InvalidParameterException("limit", "limit must be a whole number from 1 to 500");
        }
        if (q.status() != null && !Subscription.STATUSES.contains(q.status())) {
            throw new InvalidParameterException("status", "status must be one of " + Subscription.STATUSES);
        }
        Cursor cursor = q.cursor() == null ? null : decode(q.cursor(), q.sort(), sortName);
        CustomerIndex.Snapshot snap = index.snapshot(scope.partnerId());
        CustomerIndex.Entry[] order = switch (sortName) {
            case "credits" -> snap.byCredits;
            case "accountId" -> snap.byAccount;
            default -> snap.byName;
        };
        String needle = q.q() == null || q.q().isBlank() ? null : q.q().strip().toLowerCase(Locale.ROOT);
        long[] mask = needle == null ? null : CustomerIndex.bigrams(needle, new long[2]);
        long staffId = scope.staffId();
        long[] myGroups = scope.partnerWide() ? null : snap.staffGroups.getOrDefault(staffId, new long[0]);
        java.util.Set<Long> myPins = staffId > 0 ? snap.pins.getOrDefault(staffId, java.util.Set.of()) : java.util.Set.of();
        int want = q.limit();
        List<CustomerIndex.Entry> pinnedPage = new ArrayList<>();
        List<CustomerIndex.Entry> otherPage = new ArrayList<>();
        long total = 0;
        int n = order.length;
        for (int k = 0; k < n; k++) {
            CustomerIndex.Entry e = order[desc ? n - 1 - k : k];
            if (!scope.partnerWide() && !contains(e.staff, staffId) && !intersects(e.groups, myGroups)) {
                continue;
            }
            if (needle != null && !e.matches(needle, mask)) {
                continue;
            }
            if ((q.product() != null || q.status() != null) && !e.shows(q.product(), q.status())) {
                continue;
            }
            if (q.groupId() != null && !contains(e.groups, q.groupId())) {
                continue;
            }
            boolean pinned = myPins.contains(e.id);
            if (q.pinned() && !pinned) {
                continue;
            }
            total++;
            if (pinned) {
                if (pinnedPage.size() <= want && (cursor == null || cursor.pinnedPhase() && after(e, cursor, sortName, desc))) {
                    pinnedPage.add(e);
                }
            } else if (pinnedPage.size() + otherPage.size() <= want
                    && (cursor == null || cursor.pinnedPhase() || after(e, cursor, sortName, desc))) {
                otherPage.add(e);
            }
        }
        List<CustomerIndex.Entry> page = new ArrayList<>(pinnedPage);
        page.addAll(otherPage);
        String next = null;
        if (page.size() > want) {
            page = page.subList(0, want);
            CustomerIndex.Entry last = page.get(want - 1);
            next = encode(new Cursor(myPins.contains(last.id), key(last, sortName), last.id), q.sort());
        }
        try (Connection c = ds.getConnection()) {
            List<Row> rows = rows(c, scope, page, myPins);
            return new CustomerPage(summaries(snap, rows), next, total);
        } catch (SQLException e) {
            throw Jdbc.failure("cannot list customers", e);
        }
    }

    /** The page's rows from the database, in page order, scope checked again. */
    private List<Row> rows(Connection c, Scope scope, List<CustomerIndex.Entry> page, java.util.Set<Long> pins)
            throws SQLException {
        if (page.isEmpty()) {
            return List.of();
        }
        List<Object> args = new ArrayList<>();
        page.forEach(e -> args.add(e.id));
        args.addAll(scope.args());
        Map<Long, Row> byId = new HashMap<>();
        for (Row r : Jdbc.list(c, "SELECT " + ROW + " FROM customer c WHERE c.id IN (" + Jdbc.placeholders(page.size())
                + ") AND " + scope.sql(), args, rs -> row(rs, false))) {
            byId.put(r.id(), r);
        }
        List<Row> out = new ArrayList<>(page.size());
        for (CustomerIndex.Entry e : page) {
            Row r = byId.get(e.id);
            if (r != null) {
                out.add(new Row(r.id(), r.accountId(), r.name(), r.logoVersion(), r.currency(), r.credits(),
                        r.accessEnabled(), pins.contains(e.id)));
            }
        }
        return out;
    }

    /** Products, staff and groups of the page's rows, from the index (no further queries). */
    private static List<CustomerSummary> summaries(CustomerIndex.Snapshot snap, List<Row> rows) {
        List<CustomerSummary> out = new ArrayList<>(rows.size());
        for (Row r : rows) {
            CustomerIndex.Entry e = snap.byId.get(r.id());
            java.util.TreeSet<String> products = new java.util.TreeSet<>();
            java.util.TreeMap<String, StaffRef> staff = new java.util.TreeMap<>();
            List<GroupRef> groups = new ArrayList<>();
            if (e != null) {
                for (int i = 0; i < e.subs.length; i += 2) {
                    if (!(e.hideExpired && e.subs[i + 1].equals("expired"))) {
                        products.add(e.subs[i]);
                    }
                }
                for (long s : e.staff) {
                    addStaff(snap, staff, s);
                }
                for (long g : e.groups) {
                    groups.add(new GroupRef(g, snap.groupNames.getOrDefault(g, "")));
                    for (long s : snap.groupStaff.getOrDefault(g, new long[0])) {
                        addStaff(snap, staff, s);
                    }
                }
                groups.sort(java.util.Comparator.comparing(GroupRef::name));
            }
            out.add(new CustomerSummary(r.id(), r.accountId(), r.name(), r.logoVersion(), r.currency(), r.credits(),
                    List.copyOf(products), List.copyOf(staff.values()), List.copyOf(groups), r.pinned(), r.accessEnabled()));
        }
        return out;
    }

    private static void addStaff(CustomerIndex.Snapshot snap, Map<String, StaffRef> staff, long id) {
        String[] n = snap.staffNames.get(id);
        if (n != null) {
            staff.putIfAbsent(n[0], new StaffRef(n[0], n[1]));
        }
    }

    private static boolean contains(long[] a, long v) {
        for (long x : a) {
            if (x == v) {
                return true;
            }
        }
        return false;
    }

    private static boolean intersects(long[] a, long[] b) {
        if (b == null || b.length == 0) {
            return false;
        }
        for (long x : a) {
            if (contains(b, x)) {
                return true;
            }
        }
        return false;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static boolean after(CustomerIndex.Entry e, Cursor c, String sort, boolean desc) {
        Comparable k = (Comparable) key(e, sort);
        int cmp = k.compareTo(c.key());
        if (cmp == 0) {
            cmp = Long.compare(e.id, c.id());
        }
        return desc ? cmp < 0 : cmp > 0;
    }

    private static Object key(CustomerIndex.Entry e, String sort) {
        return switch (sort) {
            case "credits" -> e.credits;
            case "accountId" -> e.account == null ? "" : e.account;
            default -> e.name;
        };
    }

    /** The summary of one customer (already known to be visible). */
    CustomerSummary one(Connection c, long customerId, long staffId) throws SQLException {
        List<Row> rows = Jdbc.list(c, "SELECT " + ROW + ", CASE WHEN " + PIN + " THEN 1 ELSE 0 END FROM customer c WHERE c.id = ?",
                List.of(staffId, customerId), rs -> row(rs, rs.getInt(8) == 1));
        return rows.isEmpty() ? null : summaries(c, rows).get(0);
    }

    /** A customer row before its products, staff and groups are added. */
    private record Row(long id, String accountId, String name, int logoVersion, String currency, BigDecimal credits,
                       boolean accessEnabled, boolean pinned) {
    }

    private static Row row(ResultSet rs, boolean pinned) throws SQLException {
        return new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5).trim(),
                rs.getBigDecimal(6), rs.getBoolean(7), pinned);
    }

    private List<CustomerSummary> summaries(Connection c, List<Row> rows) throws SQLException {
        if (rows.isEmpty()) {
            return List.of();
        }
        List<Object> ids = new ArrayList<>();
        rows.forEach(r -> ids.add(r.id()));
        String in = "(" + Jdbc.placeholders(ids.size()) + ")";
        Map<Long, List<String>> products = new HashMap<>();
        for (Object[] p : Jdbc.list(c, "SELECT s.customer_id, s.product_id FROM subscription s JOIN customer c ON c.id = s.customer_id "
                + "WHERE s.customer_id IN " + in + " AND " + SHOWN + " ORDER BY s.customer_id, s.product_id", ids,
                rs -> new Object[] {rs.getLong(1), rs.getString(2)})) {
            products.computeIfAbsent((Long) p[0], k -> new ArrayList<>()).add((String) p[1]);
        }
        List<Object> twice = new ArrayList<>(ids);
        twice.addAll(ids);
        // Who is assigned (tenancy's rows, by staff id), then their names from the staff directory.
        List<long[]> assigned = Jdbc.list(c, "SELECT sc.customer_id, sc.staff_id FROM staff_customer sc WHERE sc.customer_id IN "
                + in + " UNION SELECT gm.customer_id, sg.staff_id FROM customer_group_member gm "
                + "JOIN staff_group sg ON sg.group_id = gm.group_id WHERE gm.customer_id IN " + in, twice,
                rs -> new long[] {rs.getLong(1), rs.getLong(2)});
        Map<Long, StaffRoster.StaffName> names = index.roster().named(assigned.stream().map(a -> a[1]).toList());
        Map<Long, Map<String, StaffRef>> staff = new HashMap<>();
        for (long[] a : assigned) {
            StaffRoster.StaffName n = names.get(a[1]);
            if (n != null) {
                staff.computeIfAbsent(a[0], k -> new TreeMap<>()).putIfAbsent(n.username(),
                        new StaffRef(n.username(), n.displayName()));
            }
        }
        Map<Long, List<GroupRef>> groups = new HashMap<>();
        for (Object[] g : Jdbc.list(c, "SELECT gm.customer_id, g.id, g.name FROM customer_group_member gm "
                + "JOIN customer_group g ON g.id = gm.group_id WHERE gm.customer_id IN " + in + " ORDER BY g.name", ids,
                rs -> new Object[] {rs.getLong(1), new GroupRef(rs.getLong(2), rs.getString(3))})) {
            groups.computeIfAbsent((Long) g[0], k -> new ArrayList<>()).add((GroupRef) g[1]);
        }
        List<CustomerSummary> out = new ArrayList<>(rows.size());
        for (Row r : rows) {
            Map<String, StaffRef> st = staff.get(r.id());
            out.add(new CustomerSummary(r.id(), r.accountId(), r.name(), r.logoVersion(), r.currency(), r.credits(),
                    List.copyOf(products.getOrDefault(r.id(), List.of())),
                    st == null ? List.of() : List.copyOf(st.values()),
                    List.copyOf(groups.getOrDefault(r.id(), List.of())), r.pinned(), r.accessEnabled()));
        }
        return out;
    }

    private static String encode(Cursor c, String sort) {
        String s = (c.pinnedPhase() ? "p" : "u") + "\n" + sort + "\n" + (c.key() instanceof BigDecimal b ? b.toPlainString()
                : c.key()) + "\n" + c.id();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static Cursor decode(String cursor, String sort, String sortName) {
        try {
            String[] p = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\n", -1);
            if (p.length != 4 || !p[1].equals(sort) || !(p[0].equals("p") || p[0].equals("u"))) {
                throw new IllegalArgumentException("cursor of another query");
            }
            Object key = sortName.equals("credits") ? new BigDecimal(p[2]) : p[2];
            return new Cursor(p[0].equals("p"), key, Long.parseLong(p[3]));
        } catch (RuntimeException e) {
            throw new InvalidParameterException("cursor", "the cursor is not valid for this query");
        }
    }
}
