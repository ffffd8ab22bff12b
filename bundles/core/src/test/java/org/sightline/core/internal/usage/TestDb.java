package org.sightline.core.internal.usage;

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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.sightline.api.CustomerRef;
import org.sightline.api.data.MigrationException;
import org.sightline.api.data.ModuleStorage;
import org.sightline.core.internal.storage.SqlMigrator;
import org.sightline.core.internal.storage.Transactions;
import org.sightline.core.internal.storage.UrlDataSource;

/**
 * A throwaway database for usage tests: H2 in memory, or PostgreSQL when {@code SIGHTLINE_TEST_PG_URL}
 * is set (such as {@code jdbc:postgresql://127.0.0.1:55432/sightline_test?user=sightline}); there each
 * instance gets a fresh schema. Migrated like the server does it, core first, with the real scripts.
 */
final class TestDb implements ModuleStorage, AutoCloseable {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private final String url;
    private final String schema;
    private final Connection keepAlive;
    private final DataSource dataSource;

    TestDb() throws Exception {
        String pg = System.getenv("SIGHTLINE_TEST_PG_URL");
        int n = COUNTER.incrementAndGet();
        if (pg != null && !pg.isBlank()) {
            schema = "usage_test_" + ProcessHandle.current().pid() + "_" + n;
            try (Connection c = DriverManager.getConnection(pg); Statement st = c.createStatement()) {
                st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                st.execute("CREATE SCHEMA " + schema);
            }
            url = pg + (pg.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        } else {
            schema = null;
            url = "jdbc:h2:mem:usage" + n + ";DB_CLOSE_DELAY=-1";
        }
        keepAlive = DriverManager.getConnection(url);
        dataSource = new UrlDataSource(url);
        migrate("core", SqlMigrator.class);
    }

    boolean postgres() {
        return schema != null;
    }

    @Override
    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void migrate(String module, Class<?> anchor) throws MigrationException {
        try {
            URL dir = anchor.getClassLoader().getResource("db/migration/" + module);
            List<SqlMigrator.Script> scripts = new ArrayList<>();
            for (File f : new File(dir.toURI()).listFiles()) {
                scripts.add(SqlMigrator.script(f.getName(), Files.readString(f.toPath())));
            }
            new SqlMigrator(dataSource).migrate(module, scripts);
        } catch (MigrationException e) {
            throw e;
        } catch (Exception e) {
            throw new MigrationException("test migration failed", e);
        }
    }

    /** Runs work in one transaction, as the core does for ingestion: committed if it returns. */
    <T> T inTransaction(TxWork<T> work) throws Exception {
        return new Transactions(dataSource).inTransaction((c, tx) -> work.run(tx));
    }

    interface TxWork<T> {
        T run(DataSource tx) throws Exception;
    }

    /** Creates a partner (once) and a customer; returns its reference. */
    CustomerRef customer(String name, String currency, BigDecimal credits) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            long partner;
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT MIN(id) FROM partner")) {
                rs.next();
                partner = rs.getLong(1);
            }
            if (partner == 0) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO partner (name) VALUES ('Test partner')",
                        Statement.RETURN_GENERATED_KEYS)) {
                    ps.executeUpdate();
                    try (ResultSet rs = ps.getGeneratedKeys()) {
                        rs.next();
                        partner = rs.getLong(1);
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO customer (partner_id, account_id, name, "
                    + "name_lower, currency, credits) VALUES (?, ?, ?, ?, ?, ?)", new String[] {"id"})) {
                ps.setLong(1, partner);
                ps.setString(2, "acc-" + name);
                ps.setString(3, name);
                ps.setString(4, name.toLowerCase());
                ps.setString(5, currency);
                ps.setBigDecimal(6, credits);
                ps.executeUpdate();
                try (ResultSet rs = ps.getGeneratedKeys()) {
                    rs.next();
                    return new CustomerRef(rs.getLong(1), partner, "acc-" + name, name, currency, true);
                }
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
