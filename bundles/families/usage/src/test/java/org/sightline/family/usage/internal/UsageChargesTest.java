package org.sightline.family.usage.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.sightline.api.CustomerRef;
import org.sightline.api.report.ChargesSource;
import org.sightline.api.usage.Direction;
import org.sightline.api.usage.PriceList;
import org.sightline.family.support.testing.FamilyTestDb;

/**
 * The billing report's charges are the daily roll-ups' sums: per product, the month's quantity and spend in the
 * customer's currency, nothing from the months around it or from another customer.
 */
public class UsageChargesTest {
    private FamilyTestDb db;
    private UsageLogService log;
    private CustomerRef acme;
    private CustomerRef globex;

    @Before
    public void setUp() throws Exception {
        db = new FamilyTestDb("usage");
        log = UsageLogService.create(db, db.transactions(), db.credits(), false);
        acme = db.customer("Acme", "EUR", new BigDecimal("100.0000"));
        globex = db.customer("Globex", "USD", new BigDecimal("50.0000"));
    }

    @After
    public void tearDown() throws Exception {
        log.deactivate();
        db.close();
    }

    @Test
    public void theMonthsChargesPerProductEqualTheRollUps() throws Exception {
        db.inTransaction(tx -> {
            log.setPriceList(acme, "sms", new PriceList("EUR", new BigDecimal("0.05"), Map.of("DE", new BigDecimal("0.0725"))), tx);
            log.setPriceList(acme, "voice", new PriceList("EUR", new BigDecimal("0.02"), Map.of()), tx);
            return null;
        });
        Instant nov = Instant.parse("2026-11-02T09:00:00Z");
        Instant lastOfNov = Instant.parse("2026-11-30T23:59:00Z");
        Instant dec = Instant.parse("2026-12-01T00:01:00Z");
        db.inTransaction(tx -> log.store("sms", List.of(
                UsageLogServiceTest.sms(acme, "a1", nov, Direction.OUTBOUND, "delivered", "DE", 2),       // 0.1450
                UsageLogServiceTest.sms(acme, "a2", lastOfNov, Direction.OUTBOUND, "delivered", "FR", 3), // 0.1500
                UsageLogServiceTest.sms(acme, "a3", dec, Direction.OUTBOUND, "delivered", "FR", 5),       // December
                UsageLogServiceTest.sms(globex, "g1", nov, Direction.OUTBOUND, "delivered", "DE", 7)), tx));
        db.inTransaction(tx -> log.store("voice", List.of(
                UsageLogServiceTest.sms(acme, "v1", nov, Direction.OUTBOUND, "delivered", "DE", 10)), tx)); // 0.2000
        log.applyPendingRollUps();

        List<ChargesSource.Charge> charges = new UsageCharges(db, log).charges(acme, YearMonth.of(2026, 11));

        assertEquals(2, charges.size());
        assertEquals("sms", charges.get(0).productId());
        assertEquals(5, charges.get(0).quantity());
        assertEquals(0, new BigDecimal("0.2950").compareTo(charges.get(0).amount().amount()));
        assertEquals("EUR", charges.get(0).amount().currency());
        assertEquals("voice", charges.get(1).productId());
        assertEquals(0, new BigDecimal("0.2000").compareTo(charges.get(1).amount().amount()));
        // the same figures as the roll-up table, summed directly
        for (ChargesSource.Charge c : charges) {
            assertEquals(0, rolledUp(acme.id(), c.productId()).compareTo(c.amount().amount()));
        }
        assertTrue(new UsageCharges(db, log).charges(acme, YearMonth.of(2026, 10)).isEmpty());
        assertEquals(7, new UsageCharges(db, log).charges(globex, YearMonth.of(2026, 11)).get(0).quantity());
    }

    private BigDecimal rolledUp(long customerId, String product) throws Exception {
        try (Connection c = db.dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT SUM(spend) FROM usage_daily WHERE customer_id = ? AND product_id = ? AND usage_day >= DATE '2026-11-01' "
                        + "AND usage_day < DATE '2026-12-01'")) {
            ps.setLong(1, customerId);
            ps.setString(2, product);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBigDecimal(1);
            }
        }
    }
}
