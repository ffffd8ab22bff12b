package org.sightline.core.internal.tenancy;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import org.sightline.core.internal.storage.Jdbc;

/**
 * The tenancy package's bulk statements for sample data: the sample partner's customers with their
 * subscriptions, customer-group memberships, direct assignments and pins, written in JDBC batches so that
 * 100 000 customers load in seconds. The sample-data loader decides what to write; only this package runs
 * SQL on the tenancy tables. Each call is one transaction: all of its rows or none.
 */
public final class SampleTenancyWriter {

    /** A sample customer to create, with what hangs on it. */
    public record NewCustomer(String accountId, String name, String currency, BigDecimal credits, boolean accessEnabled,
                              String environmentUrl, long groupId, Long assignedStaffId, Long pinnedByStaffId,
                              List<NewSubscription> subscriptions) {
    }

    /** A subscription to add. */
    public record NewSubscription(String productId, String status, LocalDate startsOn, LocalDate endsOn, Long quantity,
                                  Long quota) {
    }

    /** A customer's id and account id. */
    public record Account(long id, String accountId) {
    }

    private static final String INSERT_CUSTOMER = "INSERT INTO customer (partner_id, account_id, account_lower, name, "
            + "name_lower, currency, credits, access_enabled, environment_url) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String INSERT_SUBSCRIPTION = "INSERT INTO subscription (customer_id, product_id, status, "
            + "starts_on, ends_on, quantity, quota) VALUES (?, ?, ?, ?, ?, ?, ?)";

    private final DataSource ds;

    private SampleTenancyWriter(DataSource ds) {
        this.ds = ds;
    }

    public static SampleTenancyWriter on(DataSource ds) {
        return new SampleTenancyWriter(ds);
    }

    /** The partner's account ids that start with {@code prefix}. */
    public Set<String> accountIds(long partnerId, String prefix) {
        return new HashSet<>(Jdbc.list(ds, "SELECT account_id FROM customer WHERE partner_id = ? AND account_id LIKE ?",
                List.of(partnerId, prefix + "%"), rs -> rs.getString(1)));
    }

    /** Creates the customers and what hangs on them, in one transaction; the account ids must be new. */
    public void create(long partnerId, List<NewCustomer> customers) {
        if (customers.isEmpty()) {
            return;
        }
        inTransaction("cannot write sample customers", c -> {
            try (PreparedStatement ps = c.prepareStatement(INSERT_CUSTOMER)) {
                for (NewCustomer n : customers) {
                    ps.setLong(1, partnerId);
                    ps.setString(2, n.accountId());
                    ps.setString(3, n.accountId().toLowerCase(Locale.ROOT));
                    ps.setString(4, n.name());
                    ps.setString(5, n.name().toLowerCase(Locale.ROOT));
                    ps.setString(6, n.currency());
                    ps.setBigDecimal(7, n.credits());
                    ps.setBoolean(8, n.accessEnabled());
                    ps.setString(9, n.environmentUrl());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            Map<String, Long> ids = ids(c, partnerId, customers);
            try (PreparedStatement subs = c.prepareStatement(INSERT_SUBSCRIPTION);
                 PreparedStatement members = c.prepareStatement("INSERT INTO customer_group_member (group_id, customer_id) VALUES (?, ?)");
                 PreparedStatement direct = c.prepareStatement("INSERT INTO staff_customer (staff_id, customer_id) VALUES (?, ?)");
                 PreparedStatement pins = c.prepareStatement("INSERT INTO customer_pin (staff_id, customer_id) VALUES (?, ?)")) {
                for (NewCustomer n : customers) {
                    long id = ids.get(n.accountId());
                    for (NewSubscription s : n.subscriptions()) {
                        addSubscription(subs, id, s);
                    }
                    members.setLong(1, n.groupId());
                    members.setLong(2, id);
                    members.addBatch();
                    if (n.assignedStaffId() != null) {
                        direct.setLong(1, n.assignedStaffId());
                        direct.setLong(2, id);
                        direct.addBatch();
                    }
                    if (n.pinnedByStaffId() != null) {
                        pins.setLong(1, n.pinnedByStaffId());
                        pins.setLong(2, id);
                        pins.addBatch();
                    }
                }
                subs.executeBatch();
                members.executeBatch();
                direct.executeBatch();
                pins.executeBatch();
            }
        });
    }

    /** The partner's customers whose account id starts with {@code prefix} and who have no subscription to the product. */
    public List<Account> withoutSubscription(long partnerId, String prefix, String productId) {
        return Jdbc.list(ds, "SELECT c.id, c.account_id FROM customer c WHERE c.partner_id = ? AND c.account_id LIKE ? "
                + "AND NOT EXISTS (SELECT 1 FROM subscription s WHERE s.customer_id = c.id AND s.product_id = ?)",
                List.of(partnerId, prefix + "%", productId), rs -> new Account(rs.getLong(1), rs.getString(2)));
    }

    /** Adds the subscriptions (customer id to subscription), in one transaction. */
    public void subscribe(Map<Long, NewSubscription> subscriptions) {
        if (subscriptions.isEmpty()) {
            return;
        }
        inTransaction("cannot write sample subscriptions", c -> {
            try (PreparedStatement subs = c.prepareStatement(INSERT_SUBSCRIPTION)) {
                int pending = 0;
                for (Map.Entry<Long, NewSubscription> e : subscriptions.entrySet()) {
                    addSubscription(subs, e.getKey(), e.getValue());
                    if (++pending == 1000) {
                        subs.executeBatch();
                        pending = 0;
                    }
                }
                subs.executeBatch();
            }
        });
    }

    /** Subscribes the customer to the product, or changes the status of its subscription. */
    public void upsertSubscription(long customerId, String productId, String status) {
        CustomerDirectoryImpl.upsertSubscription(ds, customerId, productId, status);
    }

    /** Sets a customer's credits (a sample customer's prepaid balance). */
    public void setCredits(long customerId, BigDecimal credits) {
        Jdbc.update(ds, "UPDATE customer SET credits = ? WHERE id = ?", List.of(credits, customerId));
    }

    private static Map<String, Long> ids(Connection c, long partnerId, List<NewCustomer> customers) throws SQLException {
        String low = customers.get(0).accountId();
        String high = low;
        for (NewCustomer n : customers) {
            low = n.accountId().compareTo(low) < 0 ? n.accountId() : low;
            high = n.accountId().compareTo(high) > 0 ? n.accountId() : high;
        }
        Map<String, Long> ids = new HashMap<>();
        for (Account a : Jdbc.list(c, "SELECT id, account_id FROM customer WHERE partner_id = ? AND account_id BETWEEN ? AND ?",
                List.of(partnerId, low, high), rs -> new Account(rs.getLong(1), rs.getString(2)))) {
            ids.put(a.accountId(), a.id());
        }
        return ids;
    }

    private static void addSubscription(PreparedStatement subs, long customerId, NewSubscription s) throws SQLException {
        subs.setLong(1, customerId);
        subs.setString(2, s.productId());
        subs.setString(3, s.status());
        subs.setObject(4, s.startsOn());
        subs.setObject(5, s.endsOn());
        subs.setObject(6, s.quantity());
        subs.setObject(7, s.quota());
        subs.addBatch();
    }

    private interface Work {
        void run(Connection c) throws SQLException;
    }

    private void inTransaction(String what, Work work) {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try {
                work.run(c);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw Jdbc.failure(what, e);
        }
    }
}
