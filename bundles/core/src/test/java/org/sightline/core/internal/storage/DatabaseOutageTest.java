package org.sightline.core.internal.storage;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.mockito.Mockito.atMost;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.sightline.core.AuditQuery;
import org.sightline.core.Readiness;
import org.sightline.core.UnavailableException;
import org.sightline.core.internal.audit.AuditLogImpl;

/** With the database down, services throw UnavailableException (503) and readiness says so; liveness is the web's. */
public class DatabaseOutageTest {
    private static final String UP = "jdbc:h2:mem:outage;DB_CLOSE_DELAY=-1";
    private static Connection keepAlive;
    /** An H2 server address where nothing listens: every connection is refused. */
    private static DataSource refused;

    @BeforeClass
    public static void setUp() throws Exception {
        keepAlive = DriverManager.getConnection(UP);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        refused = new UrlDataSource("jdbc:h2:tcp://127.0.0.1:" + port + "/nothing");
    }

    @AfterClass
    public static void tearDown() throws Exception {
        keepAlive.close();
    }

    @Test
    public void aRefusedConnectionIsUnavailableWithAFixedMessage() {
        UnavailableException e = assertThrows(UnavailableException.class,
                () -> Jdbc.list(refused, "SELECT 1", List.of(), rs -> rs.getInt(1)));
        assertEquals(503, e.status());
        assertEquals("The database is unavailable.", e.getMessage());
        assertTrue(e.retryAfterSeconds() > 0);
    }

    @Test
    public void aServiceOnARefusingDatabaseThrowsUnavailable() {
        assertThrows(UnavailableException.class,
                () -> AuditLogImpl.on(refused).query(1, new AuditQuery(null, null, null, null, null, null, 10)));
    }

    @Test
    public void aFailedQueryOnAWorkingDatabaseSaysWhatFailedButNotTheDriversText() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Jdbc.list(new UrlDataSource(UP), "SELECT nope FROM missing_table", List.of(), rs -> rs.getInt(1)));
        assertEquals("database query failed", e.getMessage());
    }

    @Test
    public void connectionFailuresAreFoundThroughWrappersAndOtherFailuresAreNot() {
        SQLTransientConnectionException hikari = new SQLTransientConnectionException(
                "HikariPool-1 - Connection is not available, request timed out after 5000ms.");
        assertTrue(UnavailableException.isConnectionFailure(new IllegalStateException("cannot check token", hikari)));
        assertTrue(UnavailableException.isConnectionFailure(new java.sql.SQLException("refused", "08001")));
        assertFalse(UnavailableException.isConnectionFailure(new IllegalStateException("x", new SQLSyntaxErrorException("bad"))));
        assertFalse(UnavailableException.isConnectionFailure(new IllegalStateException("no cause")));
    }

    @Test
    public void readinessSaysWhetherTheDatabaseAnswers() {
        assertEquals(Map.of(Readiness.DATABASE, true), new DatabaseReadiness(new UrlDataSource(UP)).checks());
        assertEquals(Map.of(Readiness.DATABASE, false), new DatabaseReadiness(refused).checks());
    }

    @Test
    public void probesWithinASecondShareOneCheck() throws Exception {
        DataSource counted = mock(DataSource.class);
        when(counted.getConnection()).thenAnswer(inv -> DriverManager.getConnection(UP));
        DatabaseReadiness readiness = new DatabaseReadiness(counted);
        for (int i = 0; i < 50; i++) {
            assertEquals(Map.of(Readiness.DATABASE, true), readiness.checks());
        }
        verify(counted, atMost(2)).getConnection();
    }
}
