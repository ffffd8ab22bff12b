package org.sightline.product.m365.sharepoint;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sightline.api.data.MigrationException;
import org.sightline.api.data.ModuleStorage;

/**
 * The SharePoint storage tables ({@code m365_sp_*}): the only class that runs SQL on them. Storage arrives as one
 * row per tenant and day, so the widget reads at most 90 rows per render.
 */
@Component(service = StorageStore.class)
public class StorageStore {
    /** The module id of the tables' migrations ({@code db/migration/m365-sharepoint}). */
    public static final String MODULE = "m365-sharepoint";

    private final DataSource dataSource;

    @Activate
    public StorageStore(@Reference ModuleStorage storage) throws MigrationException {
        storage.migrate(MODULE, StorageStore.class);
        this.dataSource = storage.dataSource();
    }

    /** Stores a day's storage; returns false when the same figures were stored already. */
    public boolean store(Connection c, long customerId, StorageDay d) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT used_bytes, quota_bytes FROM m365_sp_storage WHERE customer_id = ? AND on_day = ?")) {
            ps.setLong(1, customerId);
            ps.setDate(2, Date.valueOf(d.day()));
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    if (rs.getLong(1) == d.usedBytes() && rs.getLong(2) == d.quotaBytes()) {
                        return false;
                    }
                    update(c, "UPDATE m365_sp_storage SET used_bytes = ?, quota_bytes = ? WHERE customer_id = ? AND on_day = ?",
                            d.usedBytes(), d.quotaBytes(), customerId, Date.valueOf(d.day()));
                    return true;
                }
            }
        }
        update(c, "INSERT INTO m365_sp_storage (customer_id, on_day, used_bytes, quota_bytes) VALUES (?, ?, ?, ?)",
                customerId, Date.valueOf(d.day()), d.usedBytes(), d.quotaBytes());
        return true;
    }

    /**
     * Stores whether the app profile grants Reports.Read.All, unless a later observation is stored already;
     * returns false when nothing changed.
     */
    public boolean storePermission(Connection c, long customerId, boolean granted, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT reports_read_all, observed_at FROM m365_sp_permission WHERE customer_id = ?")) {
            ps.setLong(1, customerId);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    Instant stored = rs.getTimestamp(2).toInstant();
                    if (stored.isAfter(at) || stored.equals(at) && rs.getBoolean(1) == granted) {
                        return false;
                    }
                    update(c, "UPDATE m365_sp_permission SET reports_read_all = ?, observed_at = ? WHERE customer_id = ?",
                            granted, Timestamp.from(at), customerId);
                    return true;
                }
            }
        }
        update(c, "INSERT INTO m365_sp_permission (customer_id, reports_read_all, observed_at) VALUES (?, ?, ?)",
                customerId, granted, Timestamp.from(at));
        return true;
    }

    /** Whether the customer's app profile grants Reports.Read.All; empty when no profile was reported. */
    public Optional<Boolean> permission(long customerId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT reports_read_all FROM m365_sp_permission WHERE customer_id = ?")) {
            ps.setLong(1, customerId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getBoolean(1)) : Optional.empty();
            }
        }
    }

    /** The customer's days from {@code from} (inclusive) to {@code to} (exclusive), oldest first. */
    public List<StorageDay> days(long customerId, LocalDate from, LocalDate to) throws SQLException {
        List<StorageDay> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT on_day, used_bytes, quota_bytes FROM m365_sp_storage WHERE customer_id = ? AND on_day >= ? AND on_day < ? "
                        + "ORDER BY on_day")) {
            ps.setLong(1, customerId);
            ps.setDate(2, Date.valueOf(from));
            ps.setDate(3, Date.valueOf(to));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new StorageDay(rs.getDate(1).toLocalDate(), rs.getLong(2), rs.getLong(3)));
                }
            }
        }
        return out;
    }

    /** Deletes everything stored about the customer, in the caller's transaction. */
    public void deleteCustomer(Connection c, long customerId) throws SQLException {
        update(c, "DELETE FROM m365_sp_storage WHERE customer_id = ?", customerId);
        update(c, "DELETE FROM m365_sp_permission WHERE customer_id = ?", customerId);
    }

    private static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            return ps.executeUpdate();
        }
    }
}
