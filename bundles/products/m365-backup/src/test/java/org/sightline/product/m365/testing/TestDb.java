package org.sightline.product.m365.testing;

import java.io.File;
import java.io.PrintWriter;
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
 * A throwaway database for the product's tests: H2 in memory, or PostgreSQL when {@code SIGHTLINE_TEST_PG_URL} is
 * set (such as {@code jdbc:postgresql://127.0.0.1:55432/sightline_test?user=sightline}), where each instance gets a
 * fresh schema. The module's real migration scripts run on it, as the core's migrator runs them (a statement per
 * semicolon that ends a line, comment lines dropped).
 */
public final class TestDb implements ModuleStorage, AutoCloseable {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private final String url;
    private final String schema;
    private final Connection keepAlive;
    private final Set<String> migrated = new HashSet<>();

    public TestDb() throws SQLException {
        String pg = System.getenv("SIGHTLINE_TEST_PG_URL");
        int n = COUNTER.incrementAndGet();
        if (pg != null && !pg.isBlank()) {
            schema = "m365_test_" + ProcessHandle.current().pid() + "_" + n;
            try (Connection c = DriverManager.getConnection(pg); Statement st = c.createStatement()) {
                st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                st.execute("CREATE SCHEMA " + schema);
            }
            url = pg + (pg.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        } else {
            schema = null;
            url = "jdbc:h2:mem:m365-" + n + ";DB_CLOSE_DELAY=-1";
        }
        keepAlive = DriverManager.getConnection(url);
    }

    @Override
    public DataSource dataSource() {
        return new Source(() -> DriverManager.getConnection(url));
    }

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
            try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
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

    /** Work done on one transaction, as the core's ingestion and sample loader do it. */
    public interface Work<T> {
        T run(DataSource transaction) throws Exception;
    }

    /**
     * Runs work in one transaction: every connection the data source hands out is the same one, whose close does
     * nothing; committed if the work returns, rolled back if it throws.
     */
    public <T> T inTransaction(Work<T> work) throws Exception {
        try (Connection c = DriverManager.getConnection(url)) {
            c.setAutoCommit(false);
            Connection shared = (Connection) Proxy.newProxyInstance(TestDb.class.getClassLoader(),
                    new Class<?>[] {Connection.class}, (p, m, args) -> {
                        if (m.getName().equals("close")) {
                            return null;
                        }
                        try {
                            return m.invoke(c, args);
                        } catch (java.lang.reflect.InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
            try {
                T result = work.run(new Source(() -> shared));
                c.commit();
                return result;
            } catch (Exception e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** A single number a query returns. */
    public long count(String sql, Object... args) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** A fresh connection in auto-commit mode. */
    public Connection connection() throws SQLException {
        return DriverManager.getConnection(url);
    }

    @Override
    public void close() throws SQLException {
        try (Statement st = keepAlive.createStatement()) {
            st.execute(schema == null ? "SHUTDOWN" : "DROP SCHEMA " + schema + " CASCADE");
        }
        keepAlive.close();
    }

    private interface Opener {
        Connection open() throws SQLException;
    }

    private record Source(Opener opener) implements DataSource {
        @Override
        public Connection getConnection() throws SQLException {
            return opener.open();
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            return opener.open();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getGlobal();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }
}
