package org.sightline.core.internal.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.sightline.core.UnavailableException;

/** Small JDBC helpers shared by the core's stores: binding, single-row and list reads, inserts. */
public final class Jdbc {

    /** Maps the current row. */
    @FunctionalInterface
    public interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private Jdbc() {
    }

    /** Binds the arguments in order; {@link Instant}s become {@code OffsetDateTime} in UTC. */
    public static void bind(PreparedStatement ps, List<?> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            Object a = args.get(i);
            if (a instanceof Instant t) {
                ps.setObject(i + 1, t.atOffset(ZoneOffset.UTC));
            } else {
                ps.setObject(i + 1, a);
            }
        }
    }

    /** Every row of the query. */
    public static <T> List<T> list(Connection c, String sql, List<?> args, Row<T> row) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(row.map(rs));
                }
                return out;
            }
        }
    }

    /** Every row of the query, on a connection of its own. */
    public static <T> List<T> list(DataSource ds, String sql, List<?> args, Row<T> row) {
        try (Connection c = ds.getConnection()) {
            return list(c, sql, args, row);
        } catch (SQLException e) {
            throw failure("database query failed", e);
        }
    }

    /** The first row of the query, if any. */
    public static <T> Optional<T> one(DataSource ds, String sql, List<?> args, Row<T> row) {
        List<T> all = list(ds, sql, args, row);
        return all.isEmpty() ? Optional.empty() : Optional.ofNullable(all.get(0));
    }

    /** Runs an update; returns the row count. */
    public static int update(Connection c, String sql, List<?> args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            bind(ps, args);
            return ps.executeUpdate();
        }
    }

    /** Runs an update on a connection of its own. */
    public static int update(DataSource ds, String sql, List<?> args) {
        try (Connection c = ds.getConnection()) {
            return update(c, sql, args);
        } catch (SQLException e) {
            throw failure("database update failed", e);
        }
    }

    /** Runs an insert and returns the generated {@code id}. */
    public static long insert(Connection c, String sql, List<?> args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql, new String[] {"id"})) {
            bind(ps, args);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    /** A {@code TIMESTAMP WITH TIME ZONE} column as an instant, or {@code null}. */
    public static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    /** A nullable BIGINT column. */
    public static Long longOrNull(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    /** Whether the failure is a constraint violation (SQLSTATE class 23). */
    public static boolean isConstraintViolation(SQLException e) {
        return e.getSQLState() != null && e.getSQLState().startsWith("23");
    }

    /**
     * What a failed database call is rethrown as: {@link UnavailableException} when no connection could be had
     * (the web layer answers 503 with Retry-After), otherwise an {@link IllegalStateException} saying what
     * failed (a 500 with an incident id). The driver's message stays in the cause, for the log only.
     *
     * @param what what was being done, such as {@code "cannot read customer"}
     */
    public static RuntimeException failure(String what, Exception e) {
        return UnavailableException.isConnectionFailure(e) ? new UnavailableException(e) : new IllegalStateException(what, e);
    }

    /** {@code ?, ?, ?} for {@code n} parameters. */
    public static String placeholders(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }

}
