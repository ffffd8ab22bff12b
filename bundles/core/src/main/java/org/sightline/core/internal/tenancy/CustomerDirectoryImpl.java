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
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sightline.api.CustomerRef;
import org.sightline.api.Viewer;
import org.sightline.core.CustomerDirectory;
import org.sightline.core.InvalidParameterException;
import org.sightline.core.internal.storage.CoreStorage;

/** Partners, customers and subscriptions in the core's tables; every read is scoped to a partner. */
@Component(service = CustomerDirectory.class)
public class CustomerDirectoryImpl implements CustomerDirectory {
    /** Subscription statuses. */
    public static final Set<String> STATUSES = Set.of("active", "trial", "expired", "not-started",
            "partially-started", "suspended");
    private static final String COLUMNS = "id, partner_id, account_id, name, currency, access_enabled";
    private final DataSource ds;

    @Activate
    public CustomerDirectoryImpl(@Reference CoreStorage storage) {
        this.ds = storage.dataSource();
    }

    @Override
    public Optional<CustomerRef> find(Viewer viewer, long customerId) {
        return one("SELECT " + COLUMNS + " FROM customer WHERE id = ? AND partner_id = ?", customerId,
                viewer.partnerId());
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
            throw new IllegalStateException("cannot read subscriptions: " + e.getMessage(), e);
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
            throw new IllegalStateException("cannot read partners: " + e.getMessage(), e);
        }
    }

    @Override
    public long createPartner(String name) {
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new InvalidParameterException("name", "a partner name is 1 to 200 characters");
        }
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO partner (name) VALUES (?)",
                     Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, name);
            ps.executeUpdate();
            return generatedId(ps);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create partner: " + e.getMessage(), e);
        }
    }

    @Override
    public CustomerRef createCustomer(long partnerId, String accountId, String name, String currency,
                                      boolean accessEnabled) {
        if (accountId == null || !accountId.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new InvalidParameterException("accountId", "an account id is 1 to 64 letters, digits, dots, dashes or underscores");
        }
        if (name == null || name.isBlank() || name.length() > 200) {
            throw new InvalidParameterException("name", "a customer name is 1 to 200 characters");
        }
        if (currency == null || !currency.matches("[A-Z]{3}")) {
            throw new InvalidParameterException("currency", "the billing currency is an ISO 4217 code such as EUR");
        }
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO customer (partner_id, account_id, name, name_lower, "
                     + "currency, credits, access_enabled) VALUES (?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            ps.setLong(1, partnerId);
            ps.setString(2, accountId);
            ps.setString(3, name);
            ps.setString(4, name.toLowerCase(Locale.ROOT));
            ps.setString(5, currency);
            ps.setBigDecimal(6, BigDecimal.ZERO);
            ps.setBoolean(7, accessEnabled);
            ps.executeUpdate();
            return new CustomerRef(generatedId(ps), partnerId, accountId, name, currency, accessEnabled);
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
                throw new InvalidParameterException("accountId", "account id " + accountId + " is already taken");
            }
            throw new IllegalStateException("cannot create customer: " + e.getMessage(), e);
        }
    }

    @Override
    public void subscribe(long customerId, String productId, String status) {
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
            throw new IllegalStateException("cannot subscribe: " + e.getMessage(), e);
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
                return Optional.of(new CustomerRef(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getString(5).trim(), rs.getBoolean(6)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read customer: " + e.getMessage(), e);
        }
    }

    private static long generatedId(PreparedStatement ps) throws SQLException {
        try (ResultSet keys = ps.getGeneratedKeys()) {
            keys.next();
            return keys.getLong(1);
        }
    }
}
