package org.sightline.mail.internal;

import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.sightline.core.internal.storage.SqlMigrator;

/**
 * A throwaway core database migrated with the core's own scripts: H2 in memory, or a fresh schema in the
 * PostgreSQL named by {@code SIGHTLINE_TEST_PG_URL}.
 */
final class MailDb implements AutoCloseable {
    static final String PG_URL = System.getenv("SIGHTLINE_TEST_PG_URL");
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private final String schema;
    private final Connection keepAlive;
    private final DataSource dataSource;

    static List<Object[]> kinds() {
        List<Object[]> out = new ArrayList<>();
        out.add(new Object[] {"h2"});
        if (PG_URL != null && !PG_URL.isBlank()) {
            out.add(new Object[] {"postgresql"});
        }
        return out;
    }

    MailDb(String kind) throws Exception {
        int n = COUNTER.incrementAndGet();
        String url;
        if (kind.equals("postgresql")) {
            schema = "mail_test_" + ProcessHandle.current().pid() + "_" + n;
            try (Connection c = DriverManager.getConnection(PG_URL); Statement st = c.createStatement()) {
                st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                st.execute("CREATE SCHEMA " + schema);
            }
            url = PG_URL + (PG_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
            PGSimpleDataSource pg = new PGSimpleDataSource();
            pg.setURL(url);
            dataSource = pg;
        } else {
            schema = null;
            url = "jdbc:h2:mem:mail" + n + ";DB_CLOSE_DELAY=-1";
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL(url);
            dataSource = h2;
        }
        keepAlive = dataSource.getConnection();
        new SqlMigrator(dataSource).migrate("core", coreScripts());
    }

    DataSource dataSource() {
        return dataSource;
    }

    /** The core's migrations, from its classes folder or its jar. */
    private static List<SqlMigrator.Script> coreScripts() throws Exception {
        List<SqlMigrator.Script> out = new ArrayList<>();
        Enumeration<URL> dirs = SqlMigrator.class.getClassLoader().getResources("db/migration/core");
        URL dir = dirs.nextElement();
        if (dir.getProtocol().equals("jar")) {
            JarFile jar = ((JarURLConnection) dir.openConnection()).getJarFile();
            for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                JarEntry entry = e.nextElement();
                if (entry.getName().startsWith("db/migration/core/") && entry.getName().endsWith(".sql")) {
                    try (InputStream in = jar.getInputStream(entry)) {
                        out.add(SqlMigrator.script(entry.getName().substring("db/migration/core/".length()),
                                new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                    }
                }
            }
        } else {
            try (Stream<Path> files = Files.list(Path.of(dir.toURI()))) {
                for (Path f : files.toList()) {
                    out.add(SqlMigrator.script(f.getFileName().toString(), Files.readString(f)));
                }
            }
        }
        return out;
    }

    @Override
    public void close() throws Exception {
        try (Statement st = keepAlive.createStatement()) {
            st.execute(schema != null ? "DROP SCHEMA " + schema + " CASCADE" : "SHUTDOWN");
        }
        keepAlive.close();
    }
}
