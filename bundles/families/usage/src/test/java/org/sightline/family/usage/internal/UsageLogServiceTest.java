package org.sightline.family.usage.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.sightline.api.CustomerRef;
import org.sightline.api.data.SampleDataProvider;
import org.sightline.api.ingest.IngestBatch;
import org.sightline.api.ingest.IngestRecord;
import org.sightline.api.ingest.IngestResult;
import org.sightline.api.usage.Direction;
import org.sightline.api.usage.Outcome;
import org.sightline.api.usage.PriceList;
import org.sightline.api.usage.StoreResult;
import org.sightline.api.usage.UsageException;
import org.sightline.api.usage.UsageEntry;
import org.sightline.api.usage.UsagePage;
import org.sightline.api.usage.UsageQuery;
import org.sightline.api.usage.UsageRecord;
import org.sightline.api.usage.UsageSampleFactory;
import org.sightline.api.usage.UsageSpec;
import org.sightline.api.usage.UsageSummary;
import org.sightline.api.view.Severity;
import org.sightline.api.widget.TimeRange;
import org.sightline.family.support.testing.FamilyTestDb;

/** The usage store on H2 (and on PostgreSQL when {@code SIGHTLINE_TEST_PG_URL} is set). */
public class UsageLogServiceTest {
    static final String SMS = "sms";
    static final Instant T0 = Instant.parse("2026-11-02T09:00:00Z");
    static final TimeRange ALL = new TimeRange(Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z"));

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

    static UsageRecord sms(CustomerRef c, String id, Instant t, Direction d, String status, String country, long segments) {
        return new UsageRecord(c, id, t, d, status, "+49 170 555" + id.hashCode() % 10 + "1234",
                "+1 (415) 555-0" + Math.abs(id.hashCode() % 900 + 100), country, segments, null, Map.of());
    }

    private StoreResult store(List<UsageRecord> records) throws Exception {
        return db.inTransaction(tx -> log.store(SMS, records, tx));
    }

    @Test
    public void storingTheSameRecordIdAgainStoresNothingTwice() throws Exception {
        UsageRecord a = sms(acme, "m-1", T0, Direction.OUTBOUND, "delivered", "DE", 1);
        UsageRecord b = sms(acme, "m-2", T0.plusSeconds(1), Direction.OUTBOUND, "failed", "DE", 2);
        assertEquals(new StoreResult(2, 1), store(List.of(a, b, a)));
        assertEquals(new StoreResult(0, 2), store(List.of(a, b)));
        // the same id for another customer or another product is another record
        UsageRecord other = sms(globex, "m-1", T0, Direction.OUTBOUND, "delivered", "DE", 1);
        assertEquals(new StoreResult(1, 0), store(List.of(other)));
        assertEquals(new StoreResult(1, 0), db.inTransaction(tx -> log.store("messaging-apps", List.of(a), tx)));

        assertEquals(2, db.count("SELECT COUNT(*) FROM usage_record WHERE customer_id = ? AND product_id = 'sms'", acme.id()));
        UsageSummary s = log.summary(acme, SMS, ALL);
        assertEquals(2, s.records());
        assertEquals(3, s.quantity());
    }

    @Test
    public void pricesByTheCustomersOwnPriceListAndDrawsDownItsCredits() throws Exception {
        db.inTransaction(tx -> {
            log.setPriceList(acme, SMS, new PriceList("EUR", new BigDecimal("0.05"), Map.of("DE", new BigDecimal("0.0725"))), tx);
            log.setPriceList(globex, SMS, new PriceList("USD", new BigDecimal("0.01"), Map.of()), tx);
            return null;
        });
        assertThrows(IllegalArgumentException.class, () -> db.inTransaction(tx -> {
            log.setPriceList(acme, SMS, new PriceList("USD", BigDecimal.ONE, Map.of()), tx);
            return null;
        }));
        store(List.of(
                sms(acme, "a1", T0, Direction.OUTBOUND, "delivered", "de", 2),      // 2 x 0.0725
                sms(acme, "a2", T0.plusSeconds(5), Direction.OUTBOUND, "delivered", "FR", 3), // 3 x 0.05 default
                sms(globex, "g1", T0, Direction.OUTBOUND, "delivered", "DE", 2)));  // 2 x 0.01

        List<UsageEntry> a = log.page(acme, SMS, new UsageQuery(ALL, null, null, null, 10)).entries();
        assertEquals(new BigDecimal("0.1500"), a.get(0).price().amount());
        assertEquals("EUR", a.get(0).price().currency());
        assertEquals(new BigDecimal("0.1450"), a.get(1).price().amount());
        UsageEntry g = log.page(globex, SMS, new UsageQuery(ALL, null, null, null, 10)).entries().get(0);
        assertEquals(new BigDecimal("0.0200"), g.price().amount());
        assertEquals("USD", g.price().currency());

        assertEquals(1, log.applyPendingRollUps());
        assertEquals(new BigDecimal("99.7050"), db.credits(acme).setScale(4));
        assertEquals(new BigDecimal("49.9800"), db.credits(globex).setScale(4));
        assertEquals(new BigDecimal("0.2950"), log.summary(acme, SMS, ALL).spend().amount().setScale(4));
        assertEquals(new BigDecimal("0.0725"), log.priceList(acme, SMS).orElseThrow().unitPrice("DE").stripTrailingZeros()
                .setScale(4));
        // a duplicate is not charged again
        store(List.of(sms(acme, "a1", T0, Direction.OUTBOUND, "delivered", "de", 2)));
        assertEquals(0, log.applyPendingRollUps());
        assertEquals(new BigDecimal("99.7050"), db.credits(acme).setScale(4));
    }

    @Test
    public void aChangedPriceListAppliesToTheNextBatchAndARolledBackOneNever() throws Exception {
        db.inTransaction(tx -> {
            log.setPriceList(acme, SMS, new PriceList("EUR", new BigDecimal("0.10"), Map.of()), tx);
            return null;
        });
        store(List.of(sms(acme, "c1", T0, Direction.OUTBOUND, "delivered", "DE", 1)));
        store(List.of(sms(acme, "c2", T0.plusSeconds(1), Direction.OUTBOUND, "delivered", "DE", 1))); // cached now
        db.inTransaction(tx -> {
            log.setPriceList(acme, SMS, new PriceList("EUR", new BigDecimal("0.20"), Map.of()), tx);
            return null;
        });
        store(List.of(sms(acme, "c3", T0.plusSeconds(2), Direction.OUTBOUND, "delivered", "DE", 1)));
        assertThrows(IllegalStateException.class, () -> db.inTransaction(tx -> {
            log.setPriceList(acme, SMS, new PriceList("EUR", new BigDecimal("9.99"), Map.of()), tx);
            throw new IllegalStateException("rolled back");
        }));
        store(List.of(sms(acme, "c4", T0.plusSeconds(3), Direction.OUTBOUND, "delivered", "DE", 1)));
        List<BigDecimal> prices = log.page(acme, SMS, new UsageQuery(ALL, null, null, null, 10)).entries().stream()
                .map(e -> e.price().amount().setScale(2)).toList();
        assertEquals(List.of(new BigDecimal("0.20"), new BigDecimal("0.20"), new BigDecimal("0.10"),
                new BigDecimal("0.10")), prices);
    }

    @Test
    public void unpricedUsageCostsNothing() throws Exception {
        store(List.of(sms(acme, "x", T0, Direction.INBOUND, "delivered", "DE", 1)));
        log.applyPendingRollUps();
        assertEquals(0, log.page(acme, SMS, new UsageQuery(ALL, null, null, null, 1)).entries().get(0).price().amount().signum());
        assertEquals(new BigDecimal("100.0000"), db.credits(acme).setScale(4));
    }

    @Test
    public void rollUpsEqualAggregatesRecomputedFromRecords() throws Exception {
        db.inTransaction(tx -> {
            log.setPriceList(acme, SMS, new PriceList("EUR", new BigDecimal("0.033"), Map.of("de", new BigDecimal("0.071"))), tx);
            return null;
        });
        Random r = new Random(42);
        String[] statuses = {"delivered", "failed", "pending", "rejected"};
        String[] countries = {"DE", "FR", "US", null};
        List<UsageRecord> all = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            CustomerRef c = r.nextInt(3) == 0 ? globex : acme;
            Instant t = T0.minusSeconds(r.nextInt(20 * 86400)).plusSeconds(r.nextInt(86400));
            all.add(new UsageRecord(c, "r" + r.nextInt(2500), t, r.nextBoolean() ? Direction.INBOUND : Direction.OUTBOUND,
                    statuses[r.nextInt(4)], "+4917012345" + r.nextInt(99), null, countries[r.nextInt(4)],
                    1 + r.nextInt(4), Duration.ofSeconds(r.nextInt(300)), Map.of()));
        }
        for (int i = 0; i < all.size(); i += 700) { // several batches with duplicates across them
            store(all.subList(i, Math.min(all.size(), i + 700)));
        }
        for (CustomerRef c : List.of(acme, globex)) {
            // recompute from the stored records, read back through paging
            Map<String, long[]> expected = new TreeMap<>();
            Map<String, BigDecimal> expectedSpend = new TreeMap<>();
            String cursor = null;
            do {
                UsagePage p = log.page(c, SMS, new UsageQuery(ALL, null, null, cursor, 500));
                for (UsageEntry e : p.entries()) {
                    String k = LocalDate.ofInstant(e.time(), ZoneOffset.UTC) + "/" + e.direction() + "/" + e.status();
                    long[] s = expected.computeIfAbsent(k, x -> new long[3]);
                    s[0]++;
                    s[1] += e.quantity();
                    s[2] += e.duration().toSeconds();
                    expectedSpend.merge(k, e.price().amount(), BigDecimal::add);
                }
                cursor = p.nextCursor();
            } while (cursor != null);
            Map<String, long[]> actual = new TreeMap<>();
            Map<String, BigDecimal> actualSpend = new TreeMap<>();
            for (UsageSummary.Bucket b : log.summary(c, SMS, ALL).buckets()) {
                String k = b.day() + "/" + b.direction() + "/" + b.status();
                actual.put(k, new long[] {b.records(), b.quantity(), b.durationSeconds()});
                actualSpend.put(k, b.spend());
            }
            assertEquals(expected.keySet(), actual.keySet());
            for (String k : expected.keySet()) {
                assertEquals(k, List.of(expected.get(k)[0], expected.get(k)[1], expected.get(k)[2]),
                        List.of(actual.get(k)[0], actual.get(k)[1], actual.get(k)[2]));
                assertEquals(k, 0, expectedSpend.get(k).compareTo(actualSpend.get(k)));
            }
            // and the same with SQL straight on the records table, once the pending sums are applied
            log.applyPendingRollUps();
            assertEquals(db.count("SELECT COUNT(*) FROM usage_record WHERE customer_id = ? AND product_id = 'sms'", c.id()),
                    db.count("SELECT SUM(record_count) FROM usage_daily WHERE customer_id = ? AND product_id = 'sms'", c.id()));
            assertEquals(db.count("SELECT SUM(quantity) FROM usage_record WHERE customer_id = ?", c.id()),
                    db.count("SELECT SUM(quantity) FROM usage_daily WHERE customer_id = ?", c.id()));
        }
        BigDecimal spent = new BigDecimal("100").subtract(db.credits(acme));
        assertEquals(0, spent.compareTo(log.summary(acme, SMS, ALL).spend().amount()));
    }

    @Test
    public void pagingHasNoGapsOrDuplicatesWhileRecordsArrive() throws Exception {
        List<UsageRecord> initial = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            // every third record shares its timestamp with the previous: ties are broken by row id
            initial.add(sms(acme, "p" + i, T0.plusSeconds(i - i % 3), i % 2 == 0 ? Direction.INBOUND : Direction.OUTBOUND,
                    "delivered", "DE", 1));
        }
        store(initial);
        Set<String> seen = new HashSet<>();
        List<UsageEntry> order = new ArrayList<>();
        String cursor = null;
        int arriving = 0;
        do {
            UsagePage p = log.page(acme, SMS, new UsageQuery(ALL, null, null, cursor, 37));
            for (UsageEntry e : p.entries()) {
                assertTrue("duplicate " + e.recordId(), seen.add(e.recordId()));
                order.add(e);
            }
            cursor = p.nextCursor();
            // new records arrive between pages: newer ones, ones at the cursor's very time, and late older ones
            List<UsageRecord> more = new ArrayList<>();
            Instant at = p.entries().isEmpty() ? T0 : p.entries().get(p.entries().size() - 1).time();
            more.add(sms(acme, "n" + arriving++, T0.plusSeconds(10_000 + arriving), Direction.INBOUND, "pending", "DE", 1));
            more.add(sms(acme, "n" + arriving++, at, Direction.INBOUND, "pending", "DE", 1));
            store(more);
        } while (cursor != null);
        for (UsageRecord r : initial) {
            assertTrue("missing " + r.recordId(), seen.contains(r.recordId()));
        }
        for (int i = 1; i < order.size(); i++) {
            assertFalse("not newest first", order.get(i).time().isAfter(order.get(i - 1).time()));
        }
    }

    @Test
    public void filtersByDirectionStatusAndRange() throws Exception {
        List<UsageRecord> records = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            records.add(sms(acme, "f" + i, T0.plusSeconds(3600L * i), i % 2 == 0 ? Direction.INBOUND : Direction.OUTBOUND,
                    i % 3 == 0 ? "failed" : "delivered", "DE", 1));
        }
        store(records);
        TimeRange day = new TimeRange(T0, T0.plusSeconds(24 * 3600));
        assertEquals(24, log.page(acme, SMS, new UsageQuery(day, null, null, null, 100)).entries().size());
        List<UsageEntry> in = log.page(acme, SMS, new UsageQuery(day, Direction.OUTBOUND, "failed", null, 100)).entries();
        assertEquals(4, in.size()); // i = 3, 9, 15, 21
        assertTrue(in.stream().allMatch(e -> e.direction() == Direction.OUTBOUND && e.status().equals("failed")));
        // filtered paging
        UsagePage first = log.page(acme, SMS, new UsageQuery(ALL, Direction.INBOUND, null, null, 7));
        UsagePage second = log.page(acme, SMS, new UsageQuery(ALL, Direction.INBOUND, null, first.nextCursor(), 100));
        assertEquals(7, first.entries().size());
        assertEquals(23, second.entries().size());
        assertNull(second.nextCursor());
        assertThrows(IllegalArgumentException.class,
                () -> log.page(acme, SMS, new UsageQuery(ALL, null, null, "not-a-cursor", 10)));
    }

    @Test
    public void keepsOnlyTheLastFourDigitsOfPhoneNumbers() throws Exception {
        store(List.of(new UsageRecord(acme, "pii", T0, Direction.OUTBOUND, "delivered", "+49 170 9876543",
                "+1 (415) 555-0199", "de", 1, null, Map.of("encoding", "gsm7"))));
        UsageEntry e = log.page(acme, SMS, new UsageQuery(ALL, null, null, null, 1)).entries().get(0);
        assertEquals("6543", e.fromLast4());
        assertEquals("0199", e.toLast4());
        assertEquals(Map.of("encoding", "gsm7"), e.attributes());
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT * FROM usage_record");
             ResultSet rs = ps.executeQuery()) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    String v = String.valueOf(rs.getObject(i)).replaceAll("\\D", "");
                    assertFalse(md.getColumnName(i), v.contains("9876543") || v.contains("5550199"));
                }
            }
        }
    }

    @Test
    public void rejectsBadLinesWithAReasonAndWritesNothingForThem() throws Exception {
        List<IngestRecord> lines = new ArrayList<>();
        lines.add(new IngestRecord(1, acme, "ok-1", Map.of("time", "2026-11-02T10:00:00Z", "status", "delivered", "to", "+4917012345678")));
        lines.add(new IngestRecord(2, acme, "bad-1", Map.of("time", "yesterday", "status", "delivered", "to", "+4917012345678")));
        lines.add(new IngestRecord(3, acme, "bad-2", Map.of("time", "2026-11-02T10:00:00Z", "status", "exploded", "to", "+4917012345678")));
        lines.add(new IngestRecord(4, acme, "bad-3", Map.of("time", "2026-11-02T10:00:00Z", "status", "delivered", "to", "call me")));
        lines.add(new IngestRecord(5, acme, "ok-2", Map.of("time", "2026-11-02T11:00:00Z", "status", "failed", "to", "+4917012345678")));
        db.inTransaction(tx -> {
            log.setPriceList(acme, SMS, new PriceList("EUR", BigDecimal.ONE, Map.of()), tx);
            return null;
        });
        IngestResult result = db.inTransaction(tx -> log.ingest(SMS, new IngestBatch(acme.partnerId(), lines), r ->
                new UsageRecord(r.customer(), r.recordId(), r.instant("time"), Direction.OUTBOUND,
                        r.oneOf("status", Set.of("delivered", "failed")), null, UsageRecord.phoneNumber(r, "to"), null, 1,
                        null, Map.of()), tx));
        assertEquals(2, result.stored());
        assertEquals(List.of(2, 3, 4), result.rejected().stream().map(x -> x.line()).toList());
        assertEquals("time", result.rejected().get(0).field());
        assertTrue(result.rejected().get(1).reason(), result.rejected().get(1).reason().contains("status must be one of"));
        assertEquals("to", result.rejected().get(2).field());
        assertEquals(2, db.count("SELECT COUNT(*) FROM usage_record"));
        log.applyPendingRollUps();
        assertEquals(2, db.count("SELECT SUM(record_count) FROM usage_daily"));
        assertEquals(new BigDecimal("98.0000"), db.credits(acme).setScale(4));

        // a failure while storing leaves nothing at all: the caller's transaction is rolled back
        List<IngestRecord> more = List.of(new IngestRecord(1, acme, "ok-3", Map.of("time", "2026-11-03T10:00:00Z")));
        assertThrows(IllegalStateException.class, () -> db.inTransaction(tx -> {
            log.ingest(SMS, new IngestBatch(acme.partnerId(), more), r -> new UsageRecord(r.customer(), r.recordId(),
                    r.instant("time"), Direction.NONE, "delivered", null, null, null, 1, null, Map.of()), tx);
            throw new IllegalStateException("the core failed after the handler");
        }));
        assertEquals(0, log.applyPendingRollUps());
        assertEquals(2, db.count("SELECT COUNT(*) FROM usage_record"));
        assertEquals(2, db.count("SELECT SUM(record_count) FROM usage_daily"));
        assertEquals(new BigDecimal("98.0000"), db.credits(acme).setScale(4));
    }

    @Test
    public void deletesACustomersDataForOneProduct() throws Exception {
        store(List.of(sms(acme, "d1", T0, Direction.OUTBOUND, "delivered", "DE", 1),
                sms(globex, "d1", T0, Direction.OUTBOUND, "delivered", "DE", 1)));
        db.inTransaction(tx -> {
            log.deleteCustomerData(acme, SMS, tx);
            return null;
        });
        assertEquals(0, log.summary(acme, SMS, ALL).records());
        assertTrue(log.page(acme, SMS, new UsageQuery(ALL, null, null, null, 5)).entries().isEmpty());
        assertEquals(1, log.summary(globex, SMS, ALL).records());
        // the batch was still pending: the deletion applied it first, so nothing brings the roll-ups back
        assertEquals(0, log.applyPendingRollUps());
        assertEquals(0, db.count("SELECT COUNT(*) FROM usage_daily WHERE customer_id = ?", acme.id()));
        assertEquals(1, db.count("SELECT SUM(record_count) FROM usage_daily WHERE customer_id = ?", globex.id()));
    }

    @Test
    public void aDisconnectedCustomersUsageOfEveryProductIsDeletedEvenOfProductsNoLongerDeployed() throws Exception {
        db.inTransaction(tx -> {
            log.setPriceList(acme, "retired", new PriceList("EUR", BigDecimal.ONE, Map.of()), tx);
            return null;
        });
        for (String product : List.of(SMS, "voice", "retired")) {
            db.inTransaction(tx -> log.store(product, List.of(sms(acme, "x1", T0, Direction.OUTBOUND, "delivered", "DE", 1),
                    sms(globex, "x1", T0, Direction.OUTBOUND, "delivered", "DE", 1)), tx));
        }
        log.applyPendingRollUps();
        store(List.of(sms(acme, "x2", T0, Direction.OUTBOUND, "delivered", "DE", 1))); // still pending
        assertEquals("usage", log.module());
        db.inTransaction(tx -> {
            log.deleteCustomerData(acme, tx); // as the core's disconnection calls every CustomerDataOwner
            return null;
        });
        log.applyPendingRollUps();
        for (String table : List.of("usage_record", "usage_daily", "usage_price")) {
            assertEquals(table, 0, db.count("SELECT COUNT(*) FROM " + table + " WHERE customer_id = ?", acme.id()));
        }
        assertEquals(3, db.count("SELECT COUNT(*) FROM usage_record WHERE customer_id = ?", globex.id()));
        assertEquals(3, db.count("SELECT SUM(record_count) FROM usage_daily WHERE customer_id = ?", globex.id()));
    }

    @Test
    public void summariesCountABatchOnceWhetherItsRollUpsArePendingOrApplied() throws Exception {
        db.inTransaction(tx -> {
            log.setPriceList(acme, SMS, new PriceList("EUR", new BigDecimal("0.10"), Map.of()), tx);
            return null;
        });
        store(List.of(sms(acme, "s1", T0, Direction.OUTBOUND, "delivered", "DE", 2),
                sms(acme, "s2", T0.plusSeconds(60), Direction.OUTBOUND, "failed", "DE", 1),
                sms(acme, "s3", T0.plusSeconds(86_400), Direction.INBOUND, "delivered", "DE", 1)));
        // stored and not yet applied: the summary has it all, the roll-up table and the credits not yet
        UsageSummary pending = log.summary(acme, SMS, ALL);
        assertEquals(3, pending.records());
        assertEquals(4, pending.quantity());
        assertEquals(new BigDecimal("0.4000"), pending.spend().amount().setScale(4));
        assertEquals(0, db.count("SELECT COUNT(*) FROM usage_daily"));
        assertEquals(new BigDecimal("100.0000"), db.credits(acme).setScale(4));
        // a range of one day takes only that day's pending sums
        assertEquals(2, log.summary(acme, SMS, new TimeRange(T0.minusSeconds(3600), T0.plusSeconds(3600))).records());

        assertEquals(1, log.applyPendingRollUps());
        UsageSummary applied = log.summary(acme, SMS, ALL);
        assertEquals(pending.buckets(), applied.buckets());
        assertEquals(new BigDecimal("99.6000"), db.credits(acme).setScale(4));
        assertEquals(0, db.count("SELECT COUNT(*) FROM usage_pending"));

        // pending sums and applied ones of the same day and status add up
        store(List.of(sms(acme, "s4", T0.plusSeconds(120), Direction.OUTBOUND, "delivered", "DE", 5)));
        UsageSummary both = log.summary(acme, SMS, ALL);
        assertEquals(4, both.records());
        assertEquals(pending.buckets().size(), both.buckets().size());
        assertEquals(0, log.summary(globex, SMS, ALL).records());
    }

    @Test
    public void summariesStayExactWhileRollUpsAreAppliedAlongside() throws Exception {
        int batches = 3 * RollUps.ROWS_PER_APPLY; // several apply transactions
        for (int b = 0; b < batches; b++) {
            store(List.of(sms(acme, "c" + b, T0.plusSeconds(b), Direction.OUTBOUND, b % 2 == 0 ? "delivered" : "failed",
                    "DE", 1), sms(globex, "c" + b, T0.plusSeconds(b), Direction.INBOUND, "delivered", "DE", 1)));
        }
        Thread applier = new Thread(() -> {
            try {
                log.applyPendingRollUps();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        applier.start();
        int reads = 0;
        while (applier.isAlive() || reads == 0) {
            assertEquals(batches, log.summary(acme, SMS, ALL).records());
            reads++;
        }
        applier.join();
        assertEquals(0, db.count("SELECT COUNT(*) FROM usage_pending"));
        assertEquals(batches, log.summary(acme, SMS, ALL).records());
        assertEquals(batches, db.count("SELECT SUM(record_count) FROM usage_daily WHERE customer_id = ?", globex.id()));
    }

    @Test
    public void aBatchIsChargedExactlyOnceEvenWhenTheApplyFailsAfterTheCharge() throws Exception {
        db.inTransaction(tx -> {
            log.setPriceList(acme, SMS, new PriceList("EUR", new BigDecimal("0.10"), Map.of()), tx);
            return null;
        });
        store(List.of(sms(acme, "e1", T0, Direction.OUTBOUND, "delivered", "DE", 2)));
        // the core charges, then the apply's transaction fails: the charge goes with it, the row stays pending
        UsageLogService failing = UsageLogService.create(db, db.transactions(), (amounts, tx) -> {
            db.credits().charge(amounts, tx);
            throw new SQLException("the database went away");
        }, false);
        assertThrows(UsageException.class, failing::applyPendingRollUps);
        assertEquals(new BigDecimal("100.0000"), db.credits(acme).setScale(4));
        assertEquals(1, db.count("SELECT COUNT(*) FROM usage_pending"));
        assertEquals(0, db.count("SELECT COUNT(*) FROM usage_daily"));
        assertEquals(new BigDecimal("0.2000"), log.summary(acme, SMS, ALL).spend().amount().setScale(4));

        assertEquals(1, log.applyPendingRollUps());
        assertEquals(0, log.applyPendingRollUps());
        assertEquals(new BigDecimal("99.8000"), db.credits(acme).setScale(4));
        assertEquals(new BigDecimal("0.2000"), log.summary(acme, SMS, ALL).spend().amount().setScale(4));
    }

    @Test
    public void theServiceAppliesPendingRollUpsOnItsOwnShortlyAfterAStore() throws Exception {
        UsageLogService running = UsageLogService.create(db, db.transactions(), db.credits(), true);
        try {
            db.inTransaction(tx -> {
                running.setPriceList(globex, SMS, new PriceList("USD", new BigDecimal("1.25"), Map.of()), tx);
                return running.store(SMS, List.of(sms(globex, "b1", T0, Direction.OUTBOUND, "delivered", "US", 2)), tx);
            });
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (db.count("SELECT COUNT(*) FROM usage_pending") > 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertEquals(0, db.count("SELECT COUNT(*) FROM usage_pending"));
            assertEquals(new BigDecimal("47.5000"), db.credits(globex).setScale(4));
            assertEquals(1, db.count("SELECT SUM(record_count) FROM usage_daily WHERE customer_id = ?", globex.id()));
        } finally {
            running.deactivate();
        }
    }

    static final UsageSpec SPEC = new UsageSpec(SMS, "Messages", "Segments", "Country", true, true, false, List.of(
            new UsageSpec.StatusSpec("delivered", "Delivered", Severity.OK, Outcome.SUCCESS),
            new UsageSpec.StatusSpec("failed", "Failed", Severity.CRITICAL, Outcome.FAILURE),
            new UsageSpec.StatusSpec("rejected", "Rejected", Severity.WARNING, Outcome.FAILURE),
            new UsageSpec.StatusSpec("pending", "Pending", Severity.INFO, Outcome.OTHER)), List.of());

    static final UsageSampleFactory FACTORY = new UsageSampleFactory() {
        @Override public int weekdayVolume() { return 200; }
        @Override public PriceList samplePrices(String currency) {
            return new PriceList(currency, new BigDecimal("0.04"), Map.of("de", new BigDecimal("0.07")));
        }
        @Override public UsageRecord create(Event e) {
            return new UsageRecord(e.customer(), e.recordId(), e.time(), e.random().nextBoolean() ? Direction.INBOUND
                    : Direction.OUTBOUND, e.status(), "+4917" + e.random().nextLong(10_000_000L, 99_999_999L),
                    "+4930" + e.random().nextLong(1_000_000L, 9_999_999L), e.random().nextBoolean() ? "de" : "at",
                    1 + e.random().nextInt(3), null, Map.of());
        }
    };

    @Test
    public void sampleDataIsDeterministicIdempotentAndLooksLikeRealTraffic() throws Exception {
        Instant now = Instant.parse("2026-11-20T15:00:00Z");
        SampleDataProvider.Request req = new SampleDataProvider.Request(acme, 7, 1, now, ZoneId.of("Europe/Berlin"));
        StoreResult first = db.inTransaction(tx -> log.writeSample(req, SPEC, FACTORY, tx));
        assertTrue(first.stored() > 5000);
        assertEquals(new StoreResult(0, first.stored()), db.inTransaction(tx -> log.writeSample(req, SPEC, FACTORY, tx)));
        // a day later only the new day's records are new
        SampleDataProvider.Request later = new SampleDataProvider.Request(acme, 7, 1, now.plusSeconds(86400), req.zone());
        StoreResult next = db.inTransaction(tx -> log.writeSample(later, SPEC, FACTORY, tx));
        assertTrue(next.stored() < first.stored() / 20);
        assertNotNull(log.priceList(acme, SMS).orElse(null));

        UsageSummary s = log.summary(acme, SMS, new TimeRange(now.minusSeconds(89L * 86400), now));
        Map<DayOfWeek, Long> byWeekday = new HashMap<>();
        long maxFailedDay = 0;
        for (Map.Entry<LocalDate, Map<String, Long>> d : s.recordsByDayAndStatus().entrySet()) {
            byWeekday.merge(d.getKey().getDayOfWeek(), d.getValue().values().stream().mapToLong(Long::longValue).sum(), Long::sum);
            maxFailedDay = Math.max(maxFailedDay, d.getValue().getOrDefault("failed", 0L));
        }
        assertTrue("weekdays are busier", byWeekday.get(DayOfWeek.TUESDAY) > 3 * byWeekday.get(DayOfWeek.SUNDAY));
        double failedShare = (double) s.records("failed") / s.records();
        assertTrue(failedShare > 0.01 && failedShare < 0.15);
        assertTrue("a failure burst", maxFailedDay > 4 * s.records("failed") / 90);
        assertTrue(s.spend().amount().signum() > 0);

        // a heavy customer at scale 5 has about five times the traffic
        StoreResult heavy = db.inTransaction(tx -> log.writeSample(new SampleDataProvider.Request(globex, 7, 5, now,
                req.zone()), SPEC, FACTORY, tx));
        assertTrue(heavy.stored() > 4 * first.stored());
    }
}
