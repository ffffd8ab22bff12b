package org.sightline.product.testkit;

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
 * A throwaway in-memory H2 database for a product's unit tests, on which the module's real migration scripts
 * run as the core runs them (each script once, a statement per semicolon that ends a line, {@code --} comment
 * lines dropped). The test needs H2 on its class path ({@code com.h2database:h2}, test scope).
 *
 * <pre>{@code
 * try (TestStorage db = new TestStorage()) {
 *     MyIngest ingest = new MyIngest(db);          // migrates in its constructor
 *     IngestResult r = db.inTransaction(tx -> ingest.ingest(batch, tx));
 * }
 * }</pre>
 */
public final class TestStorage implements ModuleStorage, AutoCloseable {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private final String url;
    private final Connection keepAlive;
    private final DataSource dataSource;
    private final Set<String> migrated = new HashSet<>();

    /** A new, empty database. */
    public TestStorage() throws SQLException {
        url = "jdbc:h2:mem:testkit" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet()
                + ";DB_CLOSE_DELAY=-1";
        keepAlive = DriverManager.getConnection(url);
        dataSource = new UrlDataSource(url);
    }

    @Override
    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public synchronized void migrate(String module, Class<?> anchor) throws MigrationException {
        if (!migrated.add(module)) {
            return;
        }
        try {
            URL dir = anchor.getClassLoader().getResource("db/migration/" + module);
            if (dir == null) {
                throw new IllegalArgumentException("no db/migration/" + module + " beside " + anchor.getName());
            }
            java.net.URI uri = dir.toURI();
            // the scripts are files in target/classes, or entries of the module's jar (a test-scope dependency)
            try (java.nio.file.FileSystem jar = "jar".equals(uri.getScheme())
                    ? java.nio.file.FileSystems.newFileSystem(uri, Map.of()) : null) {
                java.nio.file.Path folder = jar == null ? java.nio.file.Path.of(uri) : jar.provider().getPath(uri);
                Map<Integer, java.nio.file.Path> scripts = new TreeMap<>();
                try (java.util.stream.Stream<java.nio.file.Path> list = Files.list(folder)) {
                    list.forEach(f -> {
                        String name = f.getFileName().toString();
                        scripts.put(Integer.parseInt(name.substring(1, name.indexOf("__"))), f);
                    });
                }
                try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
                    for (java.nio.file.Path f : scripts.values()) {
                        StringBuilder statement = new StringBuilder();
                        for (String line : Files.readAllLines(f)) {
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
     * Runs work in one transaction, as the core does for ingestion, sample data and disconnection: every
     * connection the work opens is the same one, committed when the work returns, rolled back when it throws.
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

    @Override
    public void close() throws SQLException {
        try (Statement st = keepAlive.createStatement()) {
            st.execute("SHUTDOWN");
        }
        keepAlive.close();
    }

    /** A data source whose connections are the given one, which their close() leaves open. */
    private static DataSource bound(Connection c) {
        Connection shared = (Connection) Proxy.newProxyInstance(TestStorage.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        return null;
                    }
                    try {
                        return method.invoke(c, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        return new DataSource() {
            @Override public Connection getConnection() { return shared; }
            @Override public Connection getConnection(String u, String p) { return shared; }
            @Override public PrintWriter getLogWriter() { return null; }
            @Override public void setLogWriter(PrintWriter out) { }
            @Override public void setLoginTimeout(int seconds) { }
            @Override public int getLoginTimeout() { return 0; }
            @Override public Logger getParentLogger() { return Logger.getGlobal(); }
            @Override public <T> T unwrap(Class<T> iface) throws SQLException { throw new SQLException("not a wrapper"); }
            @Override public boolean isWrapperFor(Class<?> iface) { return false; }
        };
    }

    private static final class UrlDataSource implements DataSource {
        private final String url;

        UrlDataSource(String url) {
            this.url = url;
        }

        @Override public Connection getConnection() throws SQLException { return DriverManager.getConnection(url); }
        @Override public Connection getConnection(String u, String p) throws SQLException { return getConnection(); }
        @Override public PrintWriter getLogWriter() { return null; }
        @Override public void setLogWriter(PrintWriter out) { }
        @Override public void setLoginTimeout(int seconds) { }
        @Override public int getLoginTimeout() { return 0; }
        @Override public Logger getParentLogger() { return Logger.getGlobal(); }
        @Override public <T> T unwrap(Class<T> iface) throws SQLException { throw new SQLException("not a wrapper"); }
        @Override public boolean isWrapperFor(Class<?> iface) { return false; }
    }
}
