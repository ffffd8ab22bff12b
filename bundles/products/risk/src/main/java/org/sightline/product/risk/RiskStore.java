package org.sightline.product.risk;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sightline.api.CustomerRef;
import org.sightline.api.data.CustomerDataOwner;
import org.sightline.api.data.MigrationException;
import org.sightline.api.data.ModuleStorage;

/**
 * The risk product's own tables, {@code risk_workspace} and {@code risk_service_account} (module {@code risk}):
 * the only class that runs SQL on them. Its per-day counts are the governance family's.
 */
@Component(service = {RiskStore.class, CustomerDataOwner.class})
public class RiskStore implements CustomerDataOwner {
    static final String MODULE = "risk";
    private static final String COLUMNS = "workspace_id, kind, name, as_of, high_risk, medium_risk, sensitive, "
            + "external_users, external_links";

    private final DataSource dataSource;

    @Activate
    public RiskStore(@Reference ModuleStorage storage) throws MigrationException {
        storage.migrate(MODULE, getClass());
        this.dataSource = storage.dataSource();
    }

    /**
     * Stores a workspace's counts unless those stored are of a later day or the same; {@code true} when something
     * changed.
     */
    boolean putWorkspace(CustomerRef customer, Workspace w, DataSource transaction) throws SQLException {
        try (Connection c = transaction.getConnection()) {
            Workspace stored = null;
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                    + " FROM risk_workspace WHERE customer_id = ? AND workspace_id = ?")) {
                ps.setLong(1, customer.id());
                ps.setString(2, w.id());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        stored = workspace(rs);
                    }
                }
            }
            if (stored != null && (stored.equals(w) || stored.asOf().isAfter(w.asOf()))) {
                return false;
            }
            try (PreparedStatement ps = c.prepareStatement(stored == null
                    ? "INSERT INTO risk_workspace (kind, name, as_of, high_risk, medium_risk, sensitive, external_users, "
                            + "external_links, customer_id, workspace_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                    : "UPDATE risk_workspace SET kind = ?, name = ?, as_of = ?, high_risk = ?, medium_risk = ?, "
                            + "sensitive = ?, external_users = ?, external_links = ? WHERE customer_id = ? AND workspace_id = ?")) {
                ps.setString(1, w.kind());
                ps.setString(2, w.name());
                ps.setDate(3, Date.valueOf(w.asOf()));
                long[] counts = w.counts();
                for (int i = 0; i < counts.length; i++) {
                    ps.setLong(4 + i, counts[i]);
                }
                ps.setLong(9, customer.id());
                ps.setString(10, w.id());
                return ps.executeUpdate() == 1;
            }
        }
    }

    /**
     * The customer's riskiest workspaces: most high-risk items, then medium-risk, then external links; Exchange
     * Online mailboxes only, or all but them.
     */
    List<Workspace> riskiest(CustomerRef customer, int limit, boolean exchange) throws SQLException {
        List<Workspace> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS
                + " FROM risk_workspace WHERE customer_id = ? AND (kind = 'exchange') = ? ORDER BY high_risk DESC, medium_risk DESC, "
                + "external_links DESC, workspace_id FETCH FIRST ? ROWS ONLY")) {
            ps.setLong(1, customer.id());
            ps.setBoolean(2, exchange);
            ps.setInt(3, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(workspace(rs));
                }
            }
        }
        return out;
    }

    /** How many workspaces (or, with {@code exchange}, mailboxes) the customer has. */
    long workspaces(CustomerRef customer, boolean exchange) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT COUNT(*) FROM risk_workspace WHERE customer_id = ? AND (kind = 'exchange') = ?")) {
            ps.setLong(1, customer.id());
            ps.setBoolean(2, exchange);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static Workspace workspace(ResultSet rs) throws SQLException {
        return new Workspace(rs.getString(1), rs.getString(2), rs.getString(3), rs.getDate(4).toLocalDate(),
                rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9));
    }

    /** The customer's service account, {@link ServiceAccount#NONE} when nothing is known. */
    ServiceAccount serviceAccount(CustomerRef customer) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            ServiceAccount a = read(c, customer);
            return a == null ? ServiceAccount.NONE : a;
        }
    }

    /** Records what the backend reports about the service account; {@code true} when it changed. */
    boolean reportServiceAccount(CustomerRef customer, String status, boolean mfa, Instant at, DataSource transaction)
            throws SQLException {
        try (Connection c = transaction.getConnection()) {
            ServiceAccount before = read(c, customer);
            if (before != null && status.equals(before.status()) && Boolean.valueOf(mfa).equals(before.mfa())) {
                return false;
            }
            try (PreparedStatement ps = c.prepareStatement(before == null
                    ? "INSERT INTO risk_service_account (status, mfa, reported_at, customer_id) VALUES (?, ?, ?, ?)"
                    : "UPDATE risk_service_account SET status = ?, mfa = ?, reported_at = ? WHERE customer_id = ?")) {
                ps.setString(1, status);
                ps.setBoolean(2, mfa);
                ps.setTimestamp(3, Timestamp.from(at));
                ps.setLong(4, customer.id());
                return ps.executeUpdate() == 1;
            }
        }
    }

    /** Records a portal user's request for a service account, for the backend to pick up. */
    void requestServiceAccount(CustomerRef customer, Instant at) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            boolean exists = read(c, customer) != null;
            try (PreparedStatement ps = c.prepareStatement(exists
                    ? "UPDATE risk_service_account SET requested_at = ? WHERE customer_id = ?"
                    : "INSERT INTO risk_service_account (requested_at, customer_id) VALUES (?, ?)")) {
                ps.setTimestamp(1, Timestamp.from(at));
                ps.setLong(2, customer.id());
                ps.executeUpdate();
            }
        }
    }

    private static ServiceAccount read(Connection c, CustomerRef customer) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT status, mfa, requested_at FROM risk_service_account WHERE customer_id = ?")) {
            ps.setLong(1, customer.id());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                Boolean mfa = rs.getBoolean(2);
                if (rs.wasNull()) {
                    mfa = null;
                }
                Timestamp t = rs.getTimestamp(3);
                return new ServiceAccount(rs.getString(1), mfa, t == null ? null : t.toInstant());
            }
        }
    }

    @Override
    public String module() {
        return MODULE;
    }

    @Override
    public void deleteCustomerData(CustomerRef customer, DataSource transaction) throws SQLException {
        try (Connection c = transaction.getConnection()) {
            for (String table : List.of("risk_workspace", "risk_service_account")) {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE customer_id = ?")) {
                    ps.setLong(1, customer.id());
                    ps.executeUpdate();
                }
            }
        }
    }
}
