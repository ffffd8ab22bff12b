package org.sightline.core.internal.tenancy;

import java.io.File;
import java.net.URL;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.sightline.core.internal.storage.SqlMigrator;
import org.sightline.core.internal.storage.UrlDataSource;

/**
 * A throwaway, migrated core database for tests: H2 in memory, or a fresh schema in the PostgreSQL named by
 * {@code SIGHTLINE_TEST_PG_URL} (such as {@code jdbc:postgresql://127.0.0.1:55432/sightline_test?user=sightline}).
 */
public final class PortalDb implements AutoCloseable {
    /** The PostgreSQL URL of the test cluster, or {@code null}. */
    public static final String PG_URL = System.getenv("SIGHTLINE_TEST_PG_URL");
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private final String url;
    private final String schema;
    private final Connection keepAlive;
    private final DataSource dataSource;

    /** The databases tests run on: {@code h2}, and {@code postgresql} when the variable is set. */
    public static List<Object[]> kinds() {
        List<Object[]> out = new ArrayList<>();
        out.add(new Object[] {"h2"});
        if (PG_URL != null && !PG_URL.isBlank()) {
            out.add(new Object[] {"postgresql"});
        }
        return out;
    }

    public PortalDb(String kind) throws Exception {
        int n = COUNTER.incrementAndGet();
        if (kind.equals("postgresql")) {
            schema = "portal_test_" + ProcessHandle.current().pid() + "_" + n;
            try (Connection c = DriverManager.getConnection(PG_URL); Statement st = c.createStatement()) {
                st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                st.execute("CREATE SCHEMA " + schema);
            }
            url = PG_URL + (PG_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        } else {
            schema = null;
            url = "jdbc:h2:mem:portal" + n + ";DB_CLOSE_DELAY=-1";
        }
        keepAlive = DriverManager.getConnection(url);
        dataSource = new UrlDataSource(url);
        URL dir = SqlMigrator.class.getClassLoader().getResource("db/migration/core");
        List<SqlMigrator.Script> scripts = new ArrayList<>();
        for (File f : new File(dir.toURI()).listFiles()) {
            scripts.add(SqlMigrator.script(f.getName(), Files.readString(f.toPath())));
        }
        new SqlMigrator(dataSource).migrate("core", scripts);
    }

    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() throws Exception {
        try (Statement st = keepAlive.createStatement()) {
            st.execute(schema != null ? "DROP SCHEMA " + schema + " CASCADE" : "SHUTDOWN");
        }
        keepAlive.close();
    }
}
