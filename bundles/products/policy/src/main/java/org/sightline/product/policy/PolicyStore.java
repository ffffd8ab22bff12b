package org.sightline.product.policy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sightline.api.CustomerRef;
import org.sightline.api.data.CustomerDataOwner;
import org.sightline.api.data.MigrationException;
import org.sightline.api.data.ModuleStorage;

/**
 * The policy product's tables, {@code policy_rule} and {@code policy_violation} (module {@code policy}): the only
 * class that runs SQL on them. A rule or violation sent again replaces the stored one when it differs, except a
 * rule evaluated before the stored evaluation (a late, stale line), which changes nothing.
 */
@Component(service = {PolicyStore.class, CustomerDataOwner.class})
public class PolicyStore implements CustomerDataOwner {
    static final String MODULE = "policy";

    private final DataSource dataSource;

    @Activate
    public PolicyStore(@Reference ModuleStorage storage) throws MigrationException {
        storage.migrate(MODULE, getClass());
        this.dataSource = storage.dataSource();
    }

    /** Stores a rule; {@code true} when something changed. */
    boolean putRule(CustomerRef customer, Rule r, DataSource transaction) throws SQLException {
        try (Connection c = transaction.getConnection()) {
            Rule stored = null;
            try (PreparedStatement ps = c.prepareStatement("SELECT name, scope, compliant, last_evaluated FROM policy_rule "
                    + "WHERE customer_id = ? AND rule_id = ?")) {
                ps.setLong(1, customer.id());
                ps.setString(2, r.id());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        stored = new Rule(r.id(), rs.getString(1), rs.getString(2), rs.getBoolean(3), instant(rs, 4));
                    }
                }
            }
            if (stored == null) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO policy_rule (name, scope, compliant, "
                        + "last_evaluated, customer_id, rule_id) VALUES (?, ?, ?, ?, ?, ?)")) {
                    return bindRule(ps, customer, r).executeUpdate() == 1;
                }
            }
            if (stored.equals(r) || r.lastEvaluated().isBefore(stored.lastEvaluated())) {
                return false;
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE policy_rule SET name = ?, scope = ?, compliant = ?, "
                    + "last_evaluated = ? WHERE customer_id = ? AND rule_id = ?")) {
                return bindRule(ps, customer, r).executeUpdate() == 1;
            }
        }
    }

    private static PreparedStatement bindRule(PreparedStatement ps, CustomerRef customer, Rule r) throws SQLException {
        ps.setString(1, r.name());
        ps.setString(2, r.scope());
        ps.setBoolean(3, r.compliant());
        ps.setTimestamp(4, Timestamp.from(r.lastEvaluated()));
        ps.setLong(5, customer.id());
        ps.setString(6, r.id());
        return ps;
    }

    /** Stores a violation; {@code true} when something changed. */
    boolean putViolation(CustomerRef customer, Violation v, DataSource transaction) throws SQLException {
        try (Connection c = transaction.getConnection()) {
            Violation stored = null;
            try (PreparedStatement ps = c.prepareStatement("SELECT rule_id, object_name, found_at, fixed, fixed_at "
                    + "FROM policy_violation WHERE customer_id = ? AND violation_id = ?")) {
                ps.setLong(1, customer.id());
                ps.setString(2, v.id());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        stored = new Violation(v.id(), rs.getString(1), rs.getString(2), instant(rs, 3), rs.getBoolean(4),
                                instant(rs, 5));
                    }
                }
            }
            if (Objects.equals(stored, v)) {
                return false;
            }
            String sql = stored == null
                    ? "INSERT INTO policy_violation (rule_id, object_name, found_at, fixed, fixed_at, customer_id, "
                            + "violation_id) VALUES (?, ?, ?, ?, ?, ?, ?)"
                    : "UPDATE policy_violation SET rule_id = ?, object_name = ?, found_at = ?, fixed = ?, fixed_at = ? "
                            + "WHERE customer_id = ? AND violation_id = ?";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, v.ruleId());
                ps.setString(2, v.object());
                ps.setTimestamp(3, Timestamp.from(v.found()));
                ps.setBoolean(4, v.fixed());
                ps.setTimestamp(5, v.fixedAt() == null ? null : Timestamp.from(v.fixedAt()));
                ps.setLong(6, customer.id());
                ps.setString(7, v.id());
                return ps.executeUpdate() == 1;
            }
        }
    }

    /** The customer's four figures as of now. */
    PolicyFigures figures(CustomerRef customer) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT (SELECT COUNT(*) FROM policy_rule WHERE customer_id = ? AND compliant), "
                        + "(SELECT COUNT(*) FROM policy_rule WHERE customer_id = ? AND NOT compliant), "
                        + "(SELECT COUNT(*) FROM policy_violation WHERE customer_id = ? AND fixed), "
                        + "(SELECT COUNT(*) FROM policy_violation WHERE customer_id = ? AND NOT fixed)")) {
            for (int i = 1; i <= 4; i++) {
                ps.setLong(i, customer.id());
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new PolicyFigures(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4));
            }
        }
    }

    /** A non-compliant rule with one of its unfixed violations, or none ({@code violation} null). */
    record OpenRow(Rule rule, Violation violation) {
    }

    /**
     * A page of the non-compliant rules, each with its unfixed violations (one row per violation, or one row
     * without a violation), by rule name, then newest violation first.
     */
    List<OpenRow> nonCompliant(CustomerRef customer, int offset, int limit) throws SQLException {
        List<OpenRow> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT r.rule_id, r.name, r.scope, r.last_evaluated, v.violation_id, v.object_name, v.found_at "
                        + "FROM policy_rule r LEFT JOIN policy_violation v ON v.customer_id = r.customer_id "
                        + "AND v.rule_id = r.rule_id AND NOT v.fixed WHERE r.customer_id = ? AND NOT r.compliant "
                        + "ORDER BY r.name, r.rule_id, v.found_at DESC, v.violation_id OFFSET ? ROWS FETCH NEXT ? ROWS ONLY")) {
            ps.setLong(1, customer.id());
            ps.setInt(2, offset);
            ps.setInt(3, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Rule r = new Rule(rs.getString(1), rs.getString(2), rs.getString(3), false, instant(rs, 4));
                    String vid = rs.getString(5);
                    out.add(new OpenRow(r, vid == null ? null
                            : new Violation(vid, r.id(), rs.getString(6), instant(rs, 7), false, null)));
                }
            }
        }
        return out;
    }

    /** How many rows {@link #nonCompliant} has in all. */
    long nonCompliantRows(CustomerRef customer) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT COUNT(*) FROM policy_rule r LEFT JOIN policy_violation v ON v.customer_id = r.customer_id "
                        + "AND v.rule_id = r.rule_id AND NOT v.fixed WHERE r.customer_id = ? AND NOT r.compliant")) {
            ps.setLong(1, customer.id());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Found and fixed times of the violations open at some time in {@code [from, to)}. */
    List<Violation> violationsDuring(CustomerRef customer, Instant from, Instant to) throws SQLException {
        List<Violation> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT violation_id, rule_id, found_at, fixed, fixed_at FROM policy_violation WHERE customer_id = ? "
                        + "AND found_at < ? AND (fixed_at IS NULL OR fixed_at >= ?)")) {
            ps.setLong(1, customer.id());
            ps.setTimestamp(2, Timestamp.from(to));
            ps.setTimestamp(3, Timestamp.from(from));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Violation(rs.getString(1), rs.getString(2), "", instant(rs, 3), rs.getBoolean(4),
                            instant(rs, 5)));
                }
            }
        }
        return out;
    }

    @Override
    public String module() {
        return MODULE;
    }

    @Override
    public void deleteCustomerData(CustomerRef customer, DataSource transaction) throws SQLException {
        try (Connection c = transaction.getConnection()) {
            for (String table : List.of("policy_violation", "policy_rule")) {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE customer_id = ?")) {
                    ps.setLong(1, customer.id());
                    ps.executeUpdate();
                }
            }
        }
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
