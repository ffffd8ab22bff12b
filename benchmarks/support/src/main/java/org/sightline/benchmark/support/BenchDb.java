package org.sightline.benchmark.support;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.logging.Logger;

import javax.sql.DataSource;

import org.sightline.api.data.MigrationException;
import org.sightline.api.data.ModuleStorage;
import org.sightline.core.Transactions;
import org.sightline.core.internal.storage.SqlMigrator;

/**
 * The benchmark's database: a small fixed pool (like the server's Hikari pool, without its dependency)
 * over a fresh H2 file database or a fresh PostgreSQL schema, migrated with the server's own migrator
 * and scripts. Shared by the usage and backup benchmarks; each names its own PostgreSQL schema.
 */
public final class BenchDb implements ModuleStorage, AutoCloseable {
    private final String url;
    private final BlockingQueue<Connection> idle;
    private final List<Connection> all = new ArrayList<>();
    private final DataSource pool;
    public final boolean postgres;

    /**
     * @param schema the PostgreSQL schema the benchmark works in (dropped and created again when fresh)
     */
    public BenchDb(String url, String schema, int size, boolean fresh) throws SQLException, IOException {
        this.postgres = url.startsWith("jdbc:postgresql:");
        String effective = url;
        if (postgres) {
            if (fresh) {
                try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
                    st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                    st.execute("CREATE SCHEMA " + schema);
                }
            }
            effective = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        } else if (fresh && url.startsWith("jdbc:h2:file:")) {
            String path = url.substring("jdbc:h2:file:".length()).split(";")[0];
            File dir = new File(path).getParentFile();
            if (dir.exists()) {
                try (var files = Files.walk(dir.toPath())) {
                    files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
                }
            }
        }
        this.url = effective;
        this.idle = new ArrayBlockingQueue<>(size);
        for (int i = 0; i < size; i++) {
            Connection c = DriverManager.getConnection(effective);
            all.add(c);
            idle.add(c);
        }
        this.pool = new Simple() {
            @Override
            public Connection getConnection() throws SQLException {
                Connection c;
                try {
                    c = idle.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SQLException("interrupted");
                }
                return wrap(c, true);
            }
        };
    }

    public String url() {
        return url;
    }

    /** A connection proxy whose close() returns it to the pool (or does nothing, for a transaction). */
    private Connection wrap(Connection c, boolean release) {
        boolean[] closed = {false};
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (p, m, a) -> {
                    if (m.getName().equals("close")) {
                        if (release && !closed[0]) {
                            closed[0] = true;
                            if (!c.getAutoCommit()) {
                                c.rollback();
                                c.setAutoCommit(true);
                            }
                            idle.add(c);
                        }
                        return null;
                    }
                    try {
                        return m.invoke(c, a);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Override
    public DataSource dataSource() {
        return pool;
    }

    /** Work in one transaction through a DataSource that always hands out its connection, as the core does. */
    public <T> T inTransaction(Work<T> work) throws Exception {
        Connection c = idle.take();
        try {
            c.setAutoCommit(false);
            Connection shared = wrap(c, false);
            DataSource tx = new Simple() {
                @Override
                public Connection getConnection() {
                    return shared;
                }
            };
            T result = work.run(tx, c);
            c.commit();
            return result;
        } catch (Exception e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(true);
            idle.add(c);
        }
    }

    /** The same transactions as the core's service, for the usage family's applier. */
    public Transactions transactions() {
        return new Transactions() {
            @Override
            public <T> T inTransaction(Transactions.Work<T> work) throws Exception {
                return BenchDb.this.inTransaction((tx, c) -> work.run(tx));
            }
        };
    }

    /** A count, read in a transaction of its own. */
    public long count(String sql) throws Exception {
        return inTransaction((tx, c) -> {
            try (java.sql.Statement st = c.createStatement(); java.sql.ResultSet rs = st.executeQuery(sql)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    public interface Work<T> {
        T run(DataSource tx, Connection raw) throws Exception;
    }

    @Override
    public void migrate(String module, Class<?> anchor) throws MigrationException {
        try {
            List<SqlMigrator.Script> scripts = new ArrayList<>();
            String dir = "db/migration/" + module + "/";
            URL url = anchor.getClassLoader().getResource(dir);
            if (url.getProtocol().equals("jar")) {
                JarFile jar = ((JarURLConnection) url.openConnection()).getJarFile();
                for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements();) {
                    JarEntry entry = e.nextElement();
                    if (entry.getName().startsWith(dir) && entry.getName().endsWith(".sql")) {
                        try (InputStream in = jar.getInputStream(entry)) {
                            scripts.add(SqlMigrator.script(entry.getName().substring(dir.length()),
                                    new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                        }
                    }
                }
            } else {
                for (File f : new File(url.toURI()).listFiles()) {
                    scripts.add(SqlMigrator.script(f.getName(), Files.readString(f.toPath())));
                }
            }
            new SqlMigrator(pool).migrate(module, scripts);
        } catch (MigrationException e) {
            throw e;
        } catch (Exception e) {
            throw new MigrationException("migration of " + module + " failed", e);
        }
    }

    @Override
    public void close() throws SQLException {
        for (Connection c : all) {
            c.close();
        }
    }

    private abstract static class Simple implements DataSource {
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
