package org.sightline.family.support.testing;

import java.io.File;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.URL;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

import javax.sql.DataSource;

import org.sightline.api.data.MigrationException;
import org.sightline.api.data.ModuleStorage;

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
        dataSource = new Source(() -> DriverManager.getConnection(url));
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

    /**
     * Runs the module's scripts once per database, in version order, a statement per semicolon that ends a line
     * ({@code --} comment lines dropped), as the core's migrator does.
     */
    @Override
    public synchronized void migrate(String module, Class<?> anchor) throws MigrationException {
        if (!migrated.add(module)) {
            return;
        }
        try {
            URL dir = anchor.getClassLoader().getResource("db/migration/" + module);
            Map<Integer, File> scripts = new TreeMap<>();
            for (File f : new File(dir.toURI()).listFiles()) {
                scripts.put(Integer.parseInt(f.getName().substring(1, f.getName().indexOf("__"))), f);
            }
            try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
                for (File f : scripts.values()) {
                    StringBuilder statement = new StringBuilder();
                    for (String line : Files.readAllLines(f.toPath())) {
                        String t = line.strip();
                        if (t.isEmpty() || t.startsWith("--")) {
                            continue;
                        }
                        statement.append(line).append('\n');
                        if (t.endsWith(";")) {
                            st.execute(statement.substring(0, statement.lastIndexOf(";")));
                            statement.setLength(0);
                        }
                    }
                }
            }
        } catch (Exception e) {
            throw new MigrationException("test migration of " + module + " failed", e);
        }
    }

    /** Work in one transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(DataSource transaction) throws Exception;
    }

    /**
     * Runs work in one transaction, as the core does for ingestion, sample data and disconnection: every connection
     * the work opens is the same one, whose close does nothing and which refuses to commit, roll back entirely,
     * release a savepoint or change auto-commit (the core owns the transaction; savepoints may be set and rolled back
     * to); committed when the work returns, rolled back when it throws.
     */
    public <T> T inTransaction(Work<T> work) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(bound(c));
                c.commit();
                return result;
            } catch (Exception | Error e) {
                c.rollback();
                throw e;
            }
        }
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

    /** A {@code DataSource} of the one connection, which its users cannot close, commit or roll back. */
    private static DataSource bound(Connection connection) {
        Connection proxy = (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (p, m, args) -> {
                    if (m.getName().equals("close")) {
                        return null;
                    }
                    if (m.getName().equals("commit") || m.getName().equals("setAutoCommit")
                            || m.getName().equals("releaseSavepoint")
                            || m.getName().equals("rollback") && (args == null || args.length == 0)) {
                        throw new SQLException("the core owns this transaction: " + m.getName() + " is not allowed");
                    }
                    try {
                        return m.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        return new Source(() -> proxy);
    }

    private interface Opener {
        Connection open() throws SQLException;
    }

    private record Source(Opener opener) implements DataSource {
        @Override public Connection getConnection() throws SQLException { return opener.open(); }
        @Override public Connection getConnection(String u, String p) throws SQLException { return opener.open(); }
        @Override public PrintWriter getLogWriter() { return null; }
        @Override public void setLogWriter(PrintWriter out) { }
        @Override public void setLoginTimeout(int seconds) { }
        @Override public int getLoginTimeout() { return 0; }
        @Override public Logger getParentLogger() { return Logger.getGlobal(); }
        @Override public <T> T unwrap(Class<T> iface) throws SQLException { throw new SQLException("not a wrapper"); }
        @Override public boolean isWrapperFor(Class<?> iface) { return false; }
    }
}
