package org.sightline.product.testkit;

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
        dataSource = (ConnectionSource) () -> DriverManager.getConnection(url);
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
        MigrationScripts.run(dataSource, module, anchor);
    }

    /** Work in one transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(DataSource transaction) throws Exception;
    }

    /**
     * Runs work in one transaction, as the core does for ingestion, sample data and disconnection: every
     * connection the work opens is the same one, committed when the work returns, rolled back when it throws;
     * the work may not commit or roll it back itself (see {@link TestTransaction}).
     */
    public <T> T inTransaction(Work<T> work) throws Exception {
        return TestTransaction.run(dataSource, work::run);
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
}
