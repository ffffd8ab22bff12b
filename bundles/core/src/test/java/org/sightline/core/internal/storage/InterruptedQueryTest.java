package org.sightline.core.internal.storage;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The embedded database as the distribution ships it ({@code etc/org.ops4j.datasource-sightline.cfg}) survives a
 * thread that is interrupted while it works in it. The server interrupts such threads on purpose: a widget render
 * is cancelled at its deadline, pools are shut down at stop. On H2's plain {@code file:} URL the interrupted write
 * closes the database for every connection ("The database has been closed"), so one slow widget would take the
 * whole portal down.
 */
public class InterruptedQueryTest {
    private static final Path SHIPPED = Path.of("../../features/src/main/cfg/org.ops4j.datasource-sightline.cfg");

    @Rule
    public final TemporaryFolder data = new TemporaryFolder();

    @Test
    public void anInterruptedStatementLeavesTheDatabaseOpenForEveryone() throws Exception {
        String url = shippedUrl().replace("${karaf.data}", data.getRoot().getAbsolutePath());
        try (Connection other = DriverManager.getConnection(url, "sa", "")) {
            other.createStatement().execute("CREATE TABLE note (id BIGINT PRIMARY KEY, text VARCHAR(100))");

            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread interrupted = new Thread(() -> {
                try (Connection c = DriverManager.getConnection(url, "sa", "")) {
                    Thread.currentThread().interrupt(); // as a cancelled render is, before its next write
                    c.createStatement().execute("INSERT INTO note VALUES (1, 'written while interrupted')");
                } catch (Throwable e) {
                    failure.set(e);
                }
            }, "interrupted-writer");
            interrupted.start();
            interrupted.join(30_000);

            assertNull("the interrupted thread's statement failed: " + failure.get(), failure.get());
            try (Statement s = other.createStatement(); ResultSet rs = s.executeQuery("SELECT text FROM note")) {
                assertTrue("the row is there", rs.next());
                assertEquals("written while interrupted", rs.getString(1));
            }
            other.createStatement().execute("INSERT INTO note VALUES (2, 'and the database is still writable')");
        }
    }

    private static String shippedUrl() throws Exception {
        Properties cfg = new Properties();
        try (InputStream in = Files.newInputStream(SHIPPED)) {
            cfg.load(in);
        }
        String url = cfg.getProperty("url");
        assertTrue("the shipped database is embedded H2: " + url, url != null && url.startsWith("jdbc:h2:"));
        return url;
    }
}
