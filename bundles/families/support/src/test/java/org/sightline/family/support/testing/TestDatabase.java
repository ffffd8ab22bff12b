package org.sightline.family.support.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.sightline.api.data.MigrationException;
import org.sightline.api.data.ModuleStorage;
import org.sightline.product.testkit.ConnectionSource;
import org.sightline.product.testkit.MigrationScripts;
import org.sightline.product.testkit.TestTransaction;

/**
 * A throwaway database for the unit tests of a family or a product that stores data: H2 in memory, or PostgreSQL
 * when {@code SIGHTLINE_TEST_PG_URL} is set (such as {@code jdbc:postgresql://127.0.0.1:55432/sightline_test?user=sightline}),
 * where each instance gets a fresh schema, dropped by {@link #close()}. The module's real migration scripts run on
 * it as the core's migrator runs them (a statement per semicolon that ends a line, comment lines dropped), and
 * {@link #inTransaction} hands work a transaction as the core does. The test needs H2 and the PostgreSQL driver on
 * its class path (test scope).
 */
public final class TestDatabase implements ModuleStorage, AutoCloseable {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private final String schema;
    private final Connection keepAlive;
    private final DataSource dataSource;
    private final Set<String> migrated = new HashSet<>();

    /**
     * A new, empty database.
     *
     * @param name what the database (H2) or schema (PostgreSQL) is named after, such as the family's name
     */
    public TestDatabase(String name) throws SQLException {
        String pg = System.getenv("SIGHTLINE_TEST_PG_URL");
        int n = COUNTER.incrementAndGet();
        String url;
        if (pg != null && !pg.isBlank()) {
            schema = name + "_test_" + ProcessHandle.current().pid() + "_" + n;
            try (Connection c = DriverManager.getConnection(pg); Statement st = c.createStatement()) {
                st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                st.execute("CREATE SCHEMA " + schema);
            }
            url = pg + (pg.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        } else {
            schema = null;
            url = "jdbc:h2:mem:" + name + n + ";DB_CLOSE_DELAY=-1";
        }
        keepAlive = DriverManager.getConnection(url);
        dataSource = (ConnectionSource) () -> DriverManager.getConnection(url);
    }

    /** Whether this is a PostgreSQL schema (else H2). */
    public boolean postgres() {
        return schema != null;
    }

    /** Opens a new connection in auto-commit mode each time. */
    @Override
    public DataSource dataSource() {
        return dataSource;
    }

    /** A fresh connection in auto-commit mode. */
    public Connection connection() throws SQLException {
        return dataSource.getConnection();
    }

    /** Runs the module's scripts once per database, as the core's migrator does (see {@link MigrationScripts}). */
    @Override
    public synchronized void migrate(String module, Class<?> anchor) throws MigrationException {
        if (!migrated.add(module)) {
            return;
        }
        MigrationScripts.run(dataSource, module, anchor);
    }

    /**
     * Runs work in one transaction, as the core does for ingestion, sample data and disconnection: every connection
     * the work opens is the same one, committed when the work returns, rolled back when it throws; the work may not
     * commit or roll it back itself (see {@link TestTransaction}).
     */
    public <T> T inTransaction(TestTransaction.Work<T> work) throws Exception {
        return TestTransaction.run(dataSource, work);
    }

    /** The single number a query returns, such as a count. */
    public long count(String sql, Object... args) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Drops the PostgreSQL schema, or shuts the H2 database down. */
    @Override
    public void close() throws SQLException {
        try (Statement st = keepAlive.createStatement()) {
            st.execute(schema == null ? "SHUTDOWN" : "DROP SCHEMA " + schema + " CASCADE");
        }
        keepAlive.close();
    }
}
