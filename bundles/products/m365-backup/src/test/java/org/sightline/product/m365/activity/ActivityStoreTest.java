package org.sightline.product.m365.activity;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.sightline.api.CustomerRef;
import org.sightline.api.ingest.IngestRecord;
import org.sightline.api.ingest.InvalidRecordException;
import org.sightline.family.support.testing.TestDatabase;
import org.sightline.product.m365.testing.Requests;

public class ActivityStoreTest {
    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
    private final CustomerRef customer = Requests.customer(7, null);
    private TestDatabase db;
    private ActivityStore store;
    private ActivityRecords records;

    @Before
    public void setUp() throws Exception {
        db = new TestDatabase("m365");
        store = new ActivityStore(db);
        records = new ActivityRecords(store);
    }

    @After
    public void tearDown() throws Exception {
        db.close();
    }

    private IngestRecord finding(int line, String id, String day, String activity, long score, List<String> files) {
        Map<String, Object> f = new HashMap<>();
        f.put("kind", ActivityRecords.FINDING);
        f.put("day", day);
        f.put("objectType", "onedrive");
        f.put("objectId", "jane.doe@contoso.com");
        f.put("objectName", "Jane Doe");
        f.put("activity", activity);
        f.put("score", score);
        f.put("files", files);
        return new IngestRecord(line, customer, id, f);
    }

    private ActivityStore.Stored ingest(IngestRecord r) throws Exception {
        return db.inTransaction(tx -> records.store((String) r.fields().get("kind"), r, tx));
    }

    @Test
    public void aFindingSentTwiceIsStoredOnce() throws Exception {
        IngestRecord r = finding(1, "f1", TODAY.minusDays(1).toString(), "mass-encryption", 92,
                List.of("/Documents/a.docx.locked", "/Documents/b.xlsx.locked"));
        assertEquals(ActivityStore.Stored.NEW, ingest(r));
        assertEquals(ActivityStore.Stored.UNCHANGED, ingest(r));
        assertEquals(1, db.count("SELECT COUNT(*) FROM m365_activity_finding"));
        assertEquals(2, db.count("SELECT COUNT(*) FROM m365_activity_file"));
        assertEquals(1, db.count("SELECT COUNT(*) FROM m365_activity_object"));
        assertEquals(1, db.count("SELECT findings FROM m365_activity_daily WHERE on_day = ?", TODAY.minusDays(1)));
    }

    @Test
    public void aLaterStateReplacesTheEarlierOneAndMovesTheDailyRows() throws Exception {
        ingest(finding(1, "f1", TODAY.minusDays(2).toString(), "mass-deletion", 70, List.of("/a", "/b", "/c")));
        assertEquals(ActivityStore.Stored.REPLACED,
                ingest(finding(1, "f1", TODAY.minusDays(1).toString(), "mass-deletion", 95, List.of("/a"))));
        assertEquals(1, db.count("SELECT COUNT(*) FROM m365_activity_finding"));
        assertEquals(95, db.count("SELECT score FROM m365_activity_finding"));
        assertEquals(1, db.count("SELECT COUNT(*) FROM m365_activity_file"));
        assertEquals(0, db.count("SELECT COUNT(*) FROM m365_activity_daily WHERE on_day = ?", TODAY.minusDays(2)));
        assertEquals(1, db.count("SELECT suspicious_onedrives FROM m365_activity_daily WHERE on_day = ?", TODAY.minusDays(1)));
    }

    @Test
    public void aBadLineIsRejectedWithItsReasonAndNothingOfItIsWritten() throws Exception {
        List<IngestRecord> bad = List.of(
                finding(1, "f1", TODAY.toString(), "mass-exfiltration", 90, List.of("/a")),
                finding(2, "f2", "25.11.2026", "mass-deletion", 90, List.of("/a")),
                finding(3, "f3", TODAY.toString(), "mass-deletion", 101, List.of("/a")),
                finding(4, "f4", TODAY.toString(), "mass-deletion", 50, List.of("/a", "")));
        List<String> fields = new ArrayList<>();
        for (IngestRecord r : bad) {
            try {
                ingest(r);
                fail("line " + r.line() + " was accepted");
            } catch (InvalidRecordException e) {
                fields.add(e.rejection(r.line()).field());
                assertTrue(e.getMessage(), e.getMessage().startsWith(e.field() + " "));
            }
        }
        assertEquals(List.of("activity", "day", "score", "files"), fields);
        for (String table : List.of("m365_activity_finding", "m365_activity_file", "m365_activity_object",
                "m365_activity_daily")) {
            assertEquals(table, 0, db.count("SELECT COUNT(*) FROM " + table));
        }
    }

    @Test
    public void aScanOfTheSameDayReplacesTheEarlierOne() throws Exception {
        Map<String, Object> f = new HashMap<>(Map.of("day", TODAY.toString(), "onedrives", 120L, "sites", 30L));
        IngestRecord r = new IngestRecord(1, customer, "scan-1", f);
        assertEquals(ActivityStore.Stored.NEW, db.inTransaction(tx -> records.store(ActivityRecords.SCAN, r, tx)));
        assertEquals(ActivityStore.Stored.UNCHANGED, db.inTransaction(tx -> records.store(ActivityRecords.SCAN, r, tx)));
        f.put("onedrives", 121L);
        IngestRecord later = new IngestRecord(1, customer, "scan-2", f);
        assertEquals(ActivityStore.Stored.REPLACED, db.inTransaction(tx -> records.store(ActivityRecords.SCAN, later, tx)));
        assertEquals(151, db.count("SELECT tracked_onedrives + tracked_sites FROM m365_activity_daily"));
    }

    @Test
    public void dailyRowsEqualThoseRecomputedFromTheRawRows() throws Exception {
        ActivitySample sample = new ActivitySample(store);
        db.inTransaction(tx -> {
            try (Connection c = tx.getConnection()) {
                sample.write(c, customer.id(), 42, TODAY, true);
                sample.write(c, 8, 43, TODAY, false);
            }
            return null;
        });
        // more findings, some sent again with a later state, on random days and objects
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 300; i++) {
            LocalDate day = TODAY.minusDays(random.nextInt(90));
            Finding f = new Finding("r" + random.nextInt(150), day,
                    random.nextBoolean() ? ObjectType.ONEDRIVE : ObjectType.SHAREPOINT_SITE, "o" + random.nextInt(20),
                    "Object " + random.nextInt(3), Activity.values()[random.nextInt(4)], random.nextInt(101),
                    List.of("/f" + random.nextInt(9)));
            db.inTransaction(tx -> {
                try (Connection c = tx.getConnection()) {
                    return store.store(c, customer.id(), f);
                }
            });
        }
        Map<String, List<Long>> recomputed = rows("SELECT x.customer_id, x.on_day, "
                + "COALESCE(s.onedrives, 0), COALESCE(s.sites, 0), "
                + "(SELECT COUNT(DISTINCT f.object_id) FROM m365_activity_finding f JOIN m365_activity_object o ON o.id = f.object_id "
                + " WHERE f.customer_id = x.customer_id AND f.on_day = x.on_day AND o.object_type = 'onedrive'), "
                + "(SELECT COUNT(DISTINCT f.object_id) FROM m365_activity_finding f JOIN m365_activity_object o ON o.id = f.object_id "
                + " WHERE f.customer_id = x.customer_id AND f.on_day = x.on_day AND o.object_type = 'sharepoint-site'), "
                + "(SELECT COUNT(*) FROM m365_activity_finding f WHERE f.customer_id = x.customer_id AND f.on_day = x.on_day) "
                + "FROM (SELECT customer_id, on_day FROM m365_activity_scan UNION SELECT customer_id, on_day FROM m365_activity_finding) x "
                + "LEFT JOIN m365_activity_scan s ON s.customer_id = x.customer_id AND s.on_day = x.on_day");
        Map<String, List<Long>> daily = rows("SELECT customer_id, on_day, tracked_onedrives, tracked_sites, "
                + "suspicious_onedrives, suspicious_sites, findings FROM m365_activity_daily");
        assertEquals(180, daily.size());
        assertEquals(recomputed, daily);
    }

    @Test
    public void theSampleIncidentHitsTwoOneDrivesLastWeek() throws Exception {
        ActivitySample sample = new ActivitySample(store);
        db.inTransaction(tx -> {
            try (Connection c = tx.getConnection()) {
                sample.write(c, customer.id(), 42, TODAY, true);
                sample.write(c, customer.id(), 42, TODAY, true); // written again: nothing twice
            }
            return null;
        });
        List<SuspiciousObject> top = store.suspicious(customer.id(), TODAY.minusDays(7), TODAY.plusDays(1), 0, 2);
        assertEquals(List.of("Megan Bowen", "Alex Wilber"), top.stream().map(SuspiciousObject::name).toList());
        assertEquals(96, top.get(0).maxScore());
        assertEquals(List.of(Activity.MASS_ENCRYPTION, Activity.MASS_DELETION, Activity.UNUSUAL_RENAME),
                List.copyOf(top.get(0).activities().keySet()));
        assertEquals(90, db.count("SELECT COUNT(*) FROM m365_activity_daily WHERE customer_id = ?", customer.id()));
        assertEquals(6, db.count("SELECT COUNT(*) FROM m365_activity_finding WHERE record_id LIKE 'sample-incident-%'"));
    }

    @Test
    public void aDisconnectedCustomersDataIsDeleted() throws Exception {
        ingest(finding(1, "f1", TODAY.toString(), "mass-deletion", 70, List.of("/a")));
        ActivityDataOwner owner = new ActivityDataOwner(store);
        db.inTransaction(tx -> {
            owner.deleteCustomerData(customer, tx);
            return null;
        });
        for (String table : List.of("m365_activity_finding", "m365_activity_file", "m365_activity_object",
                "m365_activity_daily")) {
            assertEquals(table, 0, db.count("SELECT COUNT(*) FROM " + table));
        }
    }

    private Map<String, List<Long>> rows(String sql) throws Exception {
        Map<String, List<Long>> out = new HashMap<>();
        try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                List<Long> v = new ArrayList<>();
                for (int i = 3; i <= 7; i++) {
                    v.add(rs.getLong(i));
                }
                out.put(rs.getLong(1) + "/" + rs.getDate(2), v);
            }
        }
        return out;
    }

}
