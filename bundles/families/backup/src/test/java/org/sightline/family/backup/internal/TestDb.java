package org.sightline.family.backup.internal;

import java.io.File;
import java.math.BigDecimal;
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

import javax.sql.DataSource;

import org.sightline.api.CustomerRef;
import org.sightline.api.data.MigrationException;
import org.sightline.api.data.ModuleStorage;
import org.sightline.core.Credits;
import org.sightline.core.Transactions;

/**
 * A throwaway database for backup tests: H2 in memory, or PostgreSQL when {@code SIGHTLINE_TEST_PG_URL}
 * is set (such as {@code jdbc:postgresql://127.0.0.1:55432/sightline_test?user=sightline}); there each
 * instance gets a fresh schema. The family's real migration scripts run on it; a {@code customer} table
 * stands in for the core's, written only by {@link TestCore}, the core's transactions and credits.
 */
final class TestDb implements ModuleStorage, AutoCloseable {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private final String url;
    private final String schema;
    private final Connection keepAlive;
    private final DataSource dataSource;
    private final TestCore core;
    private final Set<String> migrated = new HashSet<>();

    TestDb() throws Exception {
        String pg = System.getenv("SIGHTLINE_TEST_PG_URL");
        int n = COUNTER.incrementAndGet();
        if (pg != null && !pg.isBlank()) {
            schema = "backup_test_" + ProcessHandle.current().pid() + "_" + n;
            try (Connection c = DriverManager.getConnection(pg); Statement st = c.createStatement()) {
                st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                st.execute("CREATE SCHEMA " + schema);
            }
            url = pg + (pg.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        } else {
            schema = null;
            url = "jdbc:h2:mem:backup" + n + ";DB_CLOSE_DELAY=-1";
        }
        keepAlive = DriverManager.getConnection(url);
        dataSource = new UrlDataSource(url);
        core = new TestCore(dataSource);
        try (Statement st = keepAlive.createStatement()) {
            st.execute(TestCore.CUSTOMER_TABLE);
        }
    }

    /** The core's transactions on this database. */
    Transactions transactions() {
        return core;
    }

    /** The core's credits on this database. */
    Credits credits() {
        return core;
    }

    boolean postgres() {
        return schema != null;
    }

    @Override
    public DataSource dataSource() {
        return dataSource;
    }

    /**
     * Runs the module's scripts once per database, in version order, a statement per semicolon that ends
     * a line ({@code --} comment lines dropped), as the core's migrator does.
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

    /** Runs work in one transaction, as the core does for ingestion: committed if it returns. */
    <T> T inTransaction(Transactions.Work<T> work) throws Exception {
        return core.inTransaction(work);
    }

    /** Creates a customer of partner 1; returns its reference. */
    CustomerRef customer(String name, String currency, BigDecimal credits) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO customer (name, currency, credits) VALUES (?, ?, ?)",
                     new String[] {"id"})) {
            ps.setString(1, name);
            ps.setString(2, currency);
            ps.setBigDecimal(3, credits);
            ps.executeUpdate();
            try (ResultSet rs = ps.getGeneratedKeys()) {
                rs.next();
                return new CustomerRef(rs.getLong(1), 1, "acc-" + name, name, currency, true);
            }
        }
    }

    BigDecimal credits(CustomerRef customer) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT credits FROM customer WHERE id = ?")) {
            ps.setLong(1, customer.id());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBigDecimal(1);
            }
        }
    }

    long count(String sql, Object... args) throws SQLException {
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
    public void close() throws Exception {
        if (schema != null) {
            try (Statement st = keepAlive.createStatement()) {
                st.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        } else {
            try (Statement st = keepAlive.createStatement()) {
                st.execute("SHUTDOWN");
            }
        }
        keepAlive.close();
    }
}
