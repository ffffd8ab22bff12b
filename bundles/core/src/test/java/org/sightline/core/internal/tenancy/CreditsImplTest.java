package org.sightline.core.internal.tenancy;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.sightline.core.Credits;
import org.sightline.core.internal.storage.Transactions;

/** Credits charged by a family, on H2 (and PostgreSQL when {@code SIGHTLINE_TEST_PG_URL} is set). */
@RunWith(Parameterized.class)
public class CreditsImplTest {
    private final String kind;
    private PortalDb db;
    private Transactions transactions;
    private final Credits credits = new CreditsImpl();
    private long acme;
    private long globex;

    @Parameterized.Parameters(name = "{0}")
    public static List<Object[]> kinds() {
        return PortalDb.kinds();
    }

    public CreditsImplTest(String kind) {
        this.kind = kind;
    }

    @Before
    public void setUp() throws Exception {
        db = new PortalDb(kind);
        transactions = new Transactions(db.dataSource());
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate("INSERT INTO partner (name) VALUES ('Partner A')");
        }
        acme = customer("ACME-1", "100.0000");
        globex = customer("GLX-2", "50.0000");
    }

    @After
    public void tearDown() throws Exception {
        db.close();
    }

    private long customer(String account, String credits) throws SQLException {
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO customer (partner_id, account_id, name, name_lower, "
                     + "currency, credits) SELECT MIN(id), ?, ?, ?, 'EUR', ? FROM partner", new String[] {"id"})) {
            ps.setString(1, account);
            ps.setString(2, account);
            ps.setString(3, account.toLowerCase());
            ps.setBigDecimal(4, new BigDecimal(credits));
            ps.executeUpdate();
            try (ResultSet rs = ps.getGeneratedKeys()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private BigDecimal credits(long customer) throws SQLException {
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT credits FROM customer WHERE id = ?")) {
            ps.setLong(1, customer);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBigDecimal(1).setScale(4);
            }
        }
    }

    @Test
    public void aBatchOfChargesDrawsDownEachCustomersCreditsInOneGo() throws Exception {
        transactions.inTransaction((c, tx) -> {
            credits.charge(Map.of(acme, new BigDecimal("0.2950"), globex, new BigDecimal("0.02"),
                    987_654L, BigDecimal.ONE), tx); // a customer deleted meanwhile is skipped
            credits.charge(Map.of(acme, new BigDecimal("-0.0950"), globex, BigDecimal.ZERO), tx); // a refund
            return null;
        });
        assertEquals(new BigDecimal("99.8000"), credits(acme));
        assertEquals(new BigDecimal("49.9800"), credits(globex));
    }

    @Test
    public void aChargeCommitsOrRollsBackWithTheCallersTransaction() throws Exception {
        assertThrows(IllegalStateException.class, () -> transactions.inTransaction((c, tx) -> {
            credits.charge(Map.of(acme, new BigDecimal("10")), tx);
            throw new IllegalStateException("the caller's next write failed");
        }));
        assertEquals(new BigDecimal("100.0000"), credits(acme));
        // seen by the caller's own transaction before it commits, by nobody else
        transactions.inTransaction((c, tx) -> {
            credits.charge(Map.of(acme, new BigDecimal("10")), tx);
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT credits FROM customer WHERE id = " + acme)) {
                rs.next();
                assertEquals(new BigDecimal("90.0000"), rs.getBigDecimal(1).setScale(4));
            }
            return null;
        });
        assertEquals(new BigDecimal("90.0000"), credits(acme));
    }

    @Test
    public void aChargeOutsideATransactionOrFinerThanFourDecimalsIsRefused() throws Exception {
        IllegalArgumentException outside = assertThrows(IllegalArgumentException.class,
                () -> credits.charge(Map.of(acme, BigDecimal.ONE), db.dataSource()));
        assertEquals("credits are charged in the caller's transaction; this DataSource is not in one "
                + "(charge inside Transactions.inTransaction)", outside.getMessage());
        assertThrows(IllegalArgumentException.class, () -> transactions.inTransaction((c, tx) -> {
            credits.charge(Map.of(acme, new BigDecimal("0.00001")), tx);
            return null;
        }));
        assertEquals(new BigDecimal("100.0000"), credits(acme));
    }
}
