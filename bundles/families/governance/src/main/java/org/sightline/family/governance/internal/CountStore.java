package org.sightline.family.governance.internal;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sightline.api.CustomerRef;
import org.sightline.api.data.CustomerDataOwner;
import org.sightline.api.data.MigrationException;
import org.sightline.api.data.ModuleStorage;
import org.sightline.api.governance.CountResult;
import org.sightline.api.governance.DailyCount;
import org.sightline.api.governance.GovernanceCounts;
import org.sightline.api.governance.GovernanceException;

/**
 * The per-day counts of the governance products, on {@code governance_daily}. Writing a customer's counts
 * reads the stored ones of the days concerned in one query, then inserts the new and updates the changed in
 * two JDBC batches; a count stored with the same value is left alone and counted as unchanged.
 */
@Component(service = {GovernanceCounts.class, CustomerDataOwner.class})
public class CountStore implements GovernanceCounts, CustomerDataOwner {
    static final String MODULE = "governance";

    private static final String EXISTING = "SELECT count_day, measure, kind, count_value FROM governance_daily "
            + "WHERE customer_id = ? AND product_id = ? AND count_day >= ? AND count_day <= ?";
    private static final String INSERT = "INSERT INTO governance_daily (customer_id, product_id, count_day, measure, "
            + "kind, count_value) VALUES (?, ?, ?, ?, ?, ?)";
    private static final String UPDATE = "UPDATE governance_daily SET count_value = ? WHERE customer_id = ? "
            + "AND product_id = ? AND count_day = ? AND measure = ? AND kind = ?";
    private static final String READ = "SELECT count_day, measure, kind, count_value FROM governance_daily "
            + "WHERE customer_id = ? AND product_id = ? AND count_day >= ? AND count_day <= ? "
            + "ORDER BY count_day, measure, kind";
    private static final String LAST_DAY = "SELECT MAX(count_day) FROM governance_daily "
            + "WHERE customer_id = ? AND product_id = ? AND count_day <= ?";

    private final DataSource dataSource;

    /**
     * @param storage the server's database; the governance tables are migrated on activation
     * @throws MigrationException when they cannot be created or upgraded
     */
    @Activate
    public CountStore(@Reference ModuleStorage storage) throws MigrationException {
        storage.migrate(MODULE, getClass());
        this.dataSource = storage.dataSource();
    }

    @Override
    public CountResult put(String productId, List<DailyCount> counts, DataSource transaction)
            throws GovernanceException {
        // by customer, then by key; the last count of a key wins
        Map<Long, Map<Key, DailyCount>> byCustomer = new LinkedHashMap<>();
        for (DailyCount c : counts) {
            byCustomer.computeIfAbsent(c.customer().id(), k -> new LinkedHashMap<>())
                    .put(new Key(c.day(), c.measure(), c.kind()), c);
        }
        int changed = 0;
        int unchanged = 0;
        try (Connection c = transaction.getConnection()) {
            for (Map.Entry<Long, Map<Key, DailyCount>> e : byCustomer.entrySet()) {
                Map<Key, Long> stored = existing(c, e.getKey(), productId, e.getValue().keySet());
                List<DailyCount> inserts = new ArrayList<>();
                List<DailyCount> updates = new ArrayList<>();
                for (Map.Entry<Key, DailyCount> k : e.getValue().entrySet()) {
                    Long before = stored.get(k.getKey());
                    if (before == null) {
                        inserts.add(k.getValue());
                    } else if (before != k.getValue().value()) {
                        updates.add(k.getValue());
                    } else {
                        unchanged++;
                    }
                }
                changed += write(c, INSERT, productId, inserts, true) + write(c, UPDATE, productId, updates, false);
            }
        } catch (SQLException e) {
            throw new GovernanceException("storing " + productId + " counts failed: " + e.getMessage(), e);
        }
        return new CountResult(changed, unchanged);
    }

    private static Map<Key, Long> existing(Connection c, long customer, String productId, Iterable<Key> keys)
            throws SQLException {
        LocalDate min = null;
        LocalDate max = null;
        for (Key k : keys) {
            min = min == null || k.day.isBefore(min) ? k.day : min;
            max = max == null || k.day.isAfter(max) ? k.day : max;
        }
        Map<Key, Long> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(EXISTING)) {
            ps.setLong(1, customer);
            ps.setString(2, productId);
            ps.setDate(3, Date.valueOf(min));
            ps.setDate(4, Date.valueOf(max));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(new Key(rs.getDate(1).toLocalDate(), rs.getString(2), rs.getString(3)), rs.getLong(4));
                }
            }
        }
        return out;
    }

    private static int write(Connection c, String sql, String productId, List<DailyCount> rows, boolean insert)
            throws SQLException {
        if (rows.isEmpty()) {
            return 0;
        }
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (DailyCount d : rows) {
                int i = 1;
                if (!insert) {
                    ps.setLong(i++, d.value());
                }
                ps.setLong(i++, d.customer().id());
                ps.setString(i++, productId);
                ps.setDate(i++, Date.valueOf(d.day()));
                ps.setString(i++, d.measure());
                ps.setString(i++, d.kind());
                if (insert) {
                    ps.setLong(i, d.value());
                }
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return rows.size();
    }

    @Override
    public List<DailyCount> read(String productId, CustomerRef customer, LocalDate from, LocalDate to)
            throws GovernanceException {
        List<DailyCount> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(READ)) {
            ps.setLong(1, customer.id());
            ps.setString(2, productId);
            ps.setDate(3, Date.valueOf(from));
            ps.setDate(4, Date.valueOf(to));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new DailyCount(customer, rs.getDate(1).toLocalDate(), rs.getString(2), rs.getString(3),
                            rs.getLong(4)));
                }
            }
        } catch (SQLException e) {
            throw new GovernanceException("reading " + productId + " counts failed: " + e.getMessage(), e);
        }
        return out;
    }

    @Override
    public LocalDate lastDay(String productId, CustomerRef customer, LocalDate onOrBefore) throws GovernanceException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(LAST_DAY)) {
            ps.setLong(1, customer.id());
            ps.setString(2, productId);
            ps.setDate(3, Date.valueOf(onOrBefore));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                Date d = rs.getDate(1);
                return d == null ? null : d.toLocalDate();
            }
        } catch (SQLException e) {
            throw new GovernanceException("reading " + productId + " counts failed: " + e.getMessage(), e);
        }
    }

    @Override
    public String module() {
        return MODULE;
    }

    /** Deletes the disconnected customer's counts of every governance product, deployed or not. */
    @Override
    public void deleteCustomerData(CustomerRef customer, DataSource transaction) throws GovernanceException {
        try (Connection c = transaction.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM governance_daily WHERE customer_id = ?")) {
            ps.setLong(1, customer.id());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new GovernanceException("deleting the customer's governance counts failed: " + e.getMessage(), e);
        }
    }

    private record Key(LocalDate day, String measure, String kind) {
    }
}
