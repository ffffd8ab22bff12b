package org.sightline.core.internal.tenancy;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.sightline.api.CustomerRef;
import org.sightline.api.Permissions;
import org.sightline.api.Viewer;
import org.sightline.core.Changes;
import org.sightline.core.Caches;
import org.sightline.core.CustomerDetails;
import org.sightline.core.CustomerDirectory;
import org.sightline.core.CustomerPage;
import org.sightline.core.CustomerQuery;
import org.sightline.core.CustomerSummary;
import org.sightline.core.InvalidParameterException;
import org.sightline.core.Logo;
import org.sightline.core.NotFoundException;
import org.sightline.core.Roles;
import org.sightline.core.Subscription;
import org.sightline.core.internal.cache.CacheDirectory;
import org.sightline.core.internal.storage.Jdbc;
import org.sightline.core.internal.storage.CoreStorage;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/** Partners, customers and subscriptions in the core's tables; every read is scoped to a partner. */
@Component(service = {CustomerDirectory.class, Tenancy.class})
public class CustomerDirectoryImpl implements CustomerDirectory, Tenancy {
    /** Subscription statuses. */
    public static final Set<String> STATUSES = Set.of("active", "trial", "expired", "not-started",
            "partially-started", "suspended");
    private static final String COLUMNS = "id, partner_id, account_id, name, currency, access_enabled, environment_url";
    private static final String C_COLUMNS = "c.id, c.partner_id, c.account_id, c.name, c.currency, c.access_enabled, c.environment_url";
    private static final int MAX_CACHED_USERS = 50_000;
    private final DataSource ds;
    private final CustomerList list;
    private final CustomerIndex index;
    private final Changes changes;
    /**
     * Staff ids by username (cache {@code core.staff-ids}): usernames are never reused for another user (users
     * are disabled, not deleted), so an entry never goes stale.
     */
    private final Cache<String, Long> staffIds = Caffeine.newBuilder().maximumSize(MAX_CACHED_USERS).recordStats().build();
    private final AutoCloseable registration;

    @Activate
    public CustomerDirectoryImpl(@Reference CoreStorage storage, @Reference CustomerIndex index, @Reference Changes changes,
                                 @Reference Caches caches) {
        this(storage.dataSource(), index, changes, caches);
    }

    /** A directory on a plain data source (tests, benchmarks). */
    public static CustomerDirectoryImpl on(DataSource ds, CustomerIndex index, Changes changes) {
        return new CustomerDirectoryImpl(ds, index, changes, new CacheDirectory());
    }

    private CustomerDirectoryImpl(DataSource ds, CustomerIndex index, Changes changes, Caches caches) {
        this.ds = ds;
        this.index = index;
        this.changes = changes;
        this.list = new CustomerList(ds, index);
        this.registration = caches.register(CacheDirectory.of("core.staff-ids", staffIds, MAX_CACHED_USERS));
    }

    @Deactivate
    void deactivate() {
        CacheDirectory.close(registration);
    }

    @Override
    public Optional<CustomerRef> find(Viewer viewer, long customerId) {
        Scope scope = scope(viewer);
        List<Object> args = new ArrayList<>();
        args.add(customerId);
        args.addAll(scope.args());
        return Jdbc.one(ds, "SELECT " + C_COLUMNS + " FROM customer c WHERE c.id = ? AND " + scope.sql(), args,
                CustomerDirectoryImpl::ref);
    }

    /** Which customers the viewer sees. */
    Scope scope(Viewer viewer) {
        if (Roles.partnerWide(viewer)) {
            return new Scope(viewer.partnerId(), -1, true);
        }
        Long id = staffIds.getIfPresent(viewer.user());
        if (id == null) {
            id = index.roster().idOf(viewer.partnerId(), viewer.user());
            if (id > 0) {
                staffIds.put(viewer.user(), id);
            }
        }
        return new Scope(viewer.partnerId(), id, false);
    }

    /** The viewer's staff id, or -1 (a token, an operator without a staff record). */
    long staffId(Viewer viewer) {
        Scope s = scope(viewer);
        if (s.partnerWide()) {
            return index.roster().idOf(viewer.partnerId(), viewer.user());
        }
        return s.staffId();
    }

    @Override
    public CustomerPage list(Viewer viewer, CustomerQuery query) {
        Roles.require(viewer, Permissions.CUSTOMER_READ);
        Scope scope = scope(viewer);
        if (Roles.partnerWide(viewer)) {
            scope = new Scope(scope.partnerId(), staffId(viewer), true);
        }
        return list.list(scope, query);
    }

    @Override
    public CustomerDetails details(Viewer viewer, long customerId) {
        Roles.require(viewer, Permissions.CUSTOMER_READ);
        CustomerRef ref = find(viewer, customerId).orElseThrow(() -> new NotFoundException("no customer with id " + customerId));
        long staff = staffId(viewer);
        try (Connection c = ds.getConnection()) {
            CustomerSummary summary = list.one(c, ref.id(), staff);
            Object[] extra = Jdbc.list(c, "SELECT environment_url, hide_expired, billing_send, billing_recipients, "
                    + "billing_profile, report_send, report_recipients FROM customer WHERE id = ?", List.of(ref.id()),
                    rs -> new Object[] {rs.getString(1), rs.getBoolean(2), rs.getBoolean(3), rs.getString(4), rs.getString(5),
                    rs.getBoolean(6), rs.getString(7)}).get(0);
            return new CustomerDetails(summary, (String) extra[0], (Boolean) extra[1], (Boolean) extra[2],
                    split((String) extra[3]), (String) extra[4], subscriptions(c, ref.id(), null), (Boolean) extra[5],
                    split((String) extra[6]));
        } catch (SQLException e) {
            throw Jdbc.failure("cannot read customer", e);
        }
    }

    private static List<String> split(String joined) {
        return joined == null || joined.isBlank() ? List.of() : List.of(joined.split(","));
    }

    @Override
    public Optional<ReportSettings> reportSettings(long customerId) {
        return Jdbc.one(ds, "SELECT report_send, report_recipients, billing_send, billing_recipients, billing_profile "
                + "FROM customer WHERE id = ?", List.of(customerId), rs -> new ReportSettings(rs.getBoolean(1),
                split(rs.getString(2)), rs.getBoolean(3), split(rs.getString(4)), rs.getString(5)));
    }

    @Override
    public List<Long> billingCustomers() {
        return Jdbc.list(ds, "SELECT id FROM customer WHERE billing_send = TRUE AND billing_recipients IS NOT NULL ORDER BY id",
                List.of(), rs -> rs.getLong(1));
    }

    @Override
    public List<Subscription> subscriptions(Viewer viewer, long customerId, String status) {
        Roles.require(viewer, Permissions.CUSTOMER_READ);
        CustomerRef ref = find(viewer, customerId).orElseThrow(() -> new NotFoundException("no customer with id " + customerId));
        if (status != null && !Subscription.STATUSES.contains(status)) {
            throw new InvalidParameterException("status", "status must be one of " + Subscription.STATUSES);
        }
        try (Connection c = ds.getConnection()) {
            return subscriptions(c, ref.id(), status);
        } catch (SQLException e) {
            throw Jdbc.failure("cannot read subscriptions", e);
        }
    }

    /** The customer's shown subscriptions, by product id. */
    static List<Subscription> subscriptions(Connection c, long customerId, String status) throws SQLException {
        List<Object> args = new ArrayList<>();
        args.add(customerId);
        String sql = "SELECT s.product_id, s.status, s.starts_on, s.ends_on, s.quantity, s.quota FROM subscription s "
                + "JOIN customer c ON c.id = s.customer_id WHERE s.customer_id = ? AND (s.status <> 'expired' OR c.hide_expired = FALSE)";
        if (status != null) {
            sql += " AND s.status = ?";
            args.add(status);
        }
        return Jdbc.list(c, sql + " ORDER BY s.product_id", args, CustomerDirectoryImpl::subscription);
    }

    static Subscription subscription(ResultSet rs) throws SQLException {
        java.sql.Date from = rs.getDate(3);
        java.sql.Date to = rs.getDate(4);
        return new Subscription(rs.getString(1), rs.getString(2), from == null ? null : from.toLocalDate(),
                to == null ? null : to.toLocalDate(), Jdbc.longOrNull(rs, 5), Jdbc.longOrNull(rs, 6));
    }

    @Override
    public Logo logo(Viewer viewer, long customerId) {
        Roles.require(viewer, Permissions.CUSTOMER_READ);
        CustomerRef ref = find(viewer, customerId).orElseThrow(() -> new NotFoundException("no customer with id " + customerId));
        return Jdbc.one(ds, "SELECT l.content_type, l.bytes, c.logo_version FROM customer_logo l JOIN customer c "
                + "ON c.id = l.customer_id WHERE l.customer_id = ?", List.of(ref.id()),
                rs -> new Logo(rs.getString(1), rs.getBytes(2), rs.getInt(3)))
                .orElseThrow(() -> new NotFoundException("customer " + customerId + " has no logo"));
    }

    @Override
    public List<CustomerSummary.GroupRef> groups(Viewer viewer) {
        Roles.require(viewer, Permissions.CUSTOMER_READ);
        Scope scope = scope(viewer);
        List<Object> args = new ArrayList<>();
        args.add(viewer.partnerId());
        String sql = "SELECT g.id, g.name FROM customer_group g WHERE g.partner_id = ?";
        if (!scope.partnerWide()) {
            sql += " AND (EXISTS (SELECT 1 FROM staff_group sg WHERE sg.group_id = g.id AND sg.staff_id = ?)"
                    + " OR EXISTS (SELECT 1 FROM customer_group_member gm JOIN staff_customer sc ON sc.customer_id = gm.customer_id"
                    + " WHERE gm.group_id = g.id AND sc.staff_id = ?))";
            args.add(scope.staffId());
            args.add(scope.staffId());
        }
        return Jdbc.list(ds, sql + " ORDER BY g.name", args, rs -> new CustomerSummary.GroupRef(rs.getLong(1), rs.getString(2)));
    }

    @Override
    public long createGroup(long partnerId, String name) {
        if (name == null || name.isBlank() || name.length() > 100) {
            throw new InvalidParameterException("name", "a group name is 1 to 100 characters");
        }
        Optional<Long> existing = Jdbc.one(ds, "SELECT id FROM customer_group WHERE partner_id = ? AND name = ?",
                List.of(partnerId, name.strip()), rs -> rs.getLong(1));
        if (existing.isPresent()) {
            return existing.get();
        }
        try (Connection c = ds.getConnection()) {
            return Jdbc.insert(c, "INSERT INTO customer_group (partner_id, name) VALUES (?, ?)", List.of(partnerId, name.strip()));
        } catch (SQLException e) {
            throw Jdbc.failure("cannot create group", e);
        }
    }

    @Override
    public void addToGroup(long groupId, long customerId) {
        int n = Jdbc.update(ds, "INSERT INTO customer_group_member (group_id, customer_id) SELECT g.id, c.id FROM customer_group g "
                + "JOIN customer c ON c.partner_id = g.partner_id WHERE g.id = ? AND c.id = ? AND NOT EXISTS "
                + "(SELECT 1 FROM customer_group_member x WHERE x.group_id = g.id AND x.customer_id = c.id)",
                List.of(groupId, customerId));
        changes.announce(new Changes.AllPartners());
        if (n == 0 && Jdbc.one(ds, "SELECT 1 FROM customer_group_member WHERE group_id = ? AND customer_id = ?",
                List.of(groupId, customerId), rs -> 1).isEmpty()) {
            throw new InvalidParameterException("group", "group " + groupId + " and customer " + customerId + " are not of one partner");
        }
    }

    @Override
    public String partnerName(Viewer viewer) {
        return Jdbc.one(ds, "SELECT name FROM partner WHERE id = ?", List.of(viewer.partnerId()), rs -> rs.getString(1)).orElse("");
    }

    @Override
    public Map<Long, String> partners() {
        Map<Long, String> out = new java.util.LinkedHashMap<>();
        Jdbc.list(ds, "SELECT id, name FROM partner ORDER BY id", List.of(), rs -> out.put(rs.getLong(1), rs.getString(2)));
        return out;
    }

    @Override
    public long count(long partnerId) {
        return Jdbc.one(ds, "SELECT COUNT(*) FROM customer WHERE partner_id = ?", List.of(partnerId), rs -> rs.getLong(1)).orElse(0L);
    }

    static CustomerRef ref(ResultSet rs) throws SQLException {
        return new CustomerRef(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5).trim(),
                rs.getBoolean(6), rs.getString(7));
    }

    @Override
    public Optional<CustomerRef> customer(long customerId) {
        return Jdbc.one(ds, "SELECT " + C_COLUMNS + " FROM customer c WHERE c.id = ?", List.of(customerId), CustomerDirectoryImpl::ref);
    }

    @Override
    public Optional<CustomerRef> findByAccount(long partnerId, String accountId) {
        return one("SELECT " + COLUMNS + " FROM customer WHERE partner_id = ? AND account_id = ?", partnerId,
                accountId);
    }

    @Override
    public List<String> subscribedProducts(long customerId) {
        List<String> out = new ArrayList<>();
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT product_id FROM subscription WHERE customer_id = ? AND status <> 'expired'")) {
            ps.setLong(1, customerId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        } catch (SQLException e) {
            throw Jdbc.failure("cannot read subscriptions", e);
        }
    }

    @Override
    public Optional<Long> defaultPartner() {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT MIN(id) FROM partner");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            long id = rs.getLong(1);
            return rs.wasNull() ? Optional.empty() : Optional.of(id);
        } catch (SQLException e) {
            throw Jdbc.failure("cannot read partners", e);
        }
    }

    @Override
    public long createPartner(String name, boolean viewOnly) {
        if (name == null || name.isBlank() || name.strip().length() > 200) {
            throw new InvalidParameterException("name", "a partner name is 1 to 200 characters");
        }
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO partner (name, view_only) VALUES (?, ?)",
                     Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, name.strip());
            ps.setBoolean(2, viewOnly);
            ps.executeUpdate();
            return generatedId(ps);
        } catch (SQLException e) {
            throw Jdbc.failure("cannot create partner", e);
        }
    }

    @Override
    public CustomerRef createCustomer(long partnerId, String accountId, String name, String currency,
                                      boolean accessEnabled) {
        if (accountId == null || !accountId.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new InvalidParameterException("accountId", "an account id is 1 to 64 letters, digits, dots, dashes or underscores");
        }
        if (name == null || name.isBlank() || !CustomerColumns.nameFits(name)) {
            throw new InvalidParameterException("name", "a customer name is 1 to 200 characters, in lower case too");
        }
        if (currency == null || !currency.matches("[A-Z]{3}")) {
            throw new InvalidParameterException("currency", "the billing currency is an ISO 4217 code such as EUR");
        }
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO customer (partner_id, account_id, name, name_lower, "
                     + "currency, credits, access_enabled, account_lower) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                     Statement.RETURN_GENERATED_KEYS)) {
            ps.setLong(1, partnerId);
            ps.setString(2, accountId);
            ps.setString(3, name);
            ps.setString(4, name.toLowerCase(Locale.ROOT));
            ps.setString(5, currency);
            ps.setBigDecimal(6, BigDecimal.ZERO);
            ps.setBoolean(7, accessEnabled);
            ps.setString(8, accountId.toLowerCase(Locale.ROOT));
            ps.executeUpdate();
            changes.announce(new Changes.Partner(partnerId));
            return new CustomerRef(generatedId(ps), partnerId, accountId, name, currency, accessEnabled);
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
                throw new InvalidParameterException("accountId", "account id " + accountId + " is already taken");
            }
            throw Jdbc.failure("cannot create customer", e);
        }
    }

    /**
     * Subscribes the customer to a product, or changes the status of its subscription, unscoped: for the
     * operator path ({@link CustomerActionsImpl#subscribeAsOperator}), which audits, and for tests.
     */
    public void subscribe(long customerId, String productId, String status) {
        upsertSubscription(ds, customerId, productId, status);
        changes.announce(new Changes.AllPartners());
        changes.announce(new Changes.Customer(customerId));
    }

    /** The one statement that subscribes a customer or changes its subscription's status. */
    static void upsertSubscription(DataSource ds, long customerId, String productId, String status) {
        if (!STATUSES.contains(status)) {
            throw new InvalidParameterException("status", "status must be one of " + new java.util.TreeSet<>(STATUSES));
        }
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("MERGE INTO subscription s USING (VALUES (CAST(? AS BIGINT), "
                     + "CAST(? AS VARCHAR(40)), CAST(? AS VARCHAR(20)))) v(customer_id, product_id, status) "
                     + "ON s.customer_id = v.customer_id AND s.product_id = v.product_id "
                     + "WHEN MATCHED THEN UPDATE SET status = v.status "
                     + "WHEN NOT MATCHED THEN INSERT (customer_id, product_id, status, starts_on) "
                     + "VALUES (v.customer_id, v.product_id, v.status, CURRENT_DATE)")) {
            ps.setLong(1, customerId);
            ps.setString(2, productId);
            ps.setString(3, status);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw Jdbc.failure("cannot subscribe", e);
        }
    }

    private Optional<CustomerRef> one(String sql, long a, Object b) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, a);
            ps.setObject(2, b);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(ref(rs));
            }
        } catch (SQLException e) {
            throw Jdbc.failure("cannot read customer", e);
        }
    }

    private static long generatedId(PreparedStatement ps) throws SQLException {
        try (ResultSet keys = ps.getGeneratedKeys()) {
            keys.next();
            return keys.getLong(1);
        }
    }
}
