package org.sightline.product.m365;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.mockito.Mockito.mock;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.sightline.api.CustomerRef;
import org.sightline.api.backup.BackupStore;
import org.sightline.api.backup.Stored;
import org.sightline.api.ingest.IngestRecord;
import org.sightline.api.ingest.InvalidRecordException;
import org.sightline.family.support.testing.TestDatabase;
import org.sightline.product.m365.activity.ActivityRecords;
import org.sightline.product.m365.activity.ActivityStore;
import org.sightline.product.m365.sharepoint.StorageRecords;
import org.sightline.product.m365.sharepoint.StorageStore;
import org.sightline.product.m365.testing.Requests;
import org.sightline.product.testkit.ComponentDescriptors;

/** The product's own record kinds reach their packages through the family's ingestion, counted idempotently. */
public class M365IngestTest {
    private static final String TODAY = LocalDate.now(ZoneOffset.UTC).toString();
    private final CustomerRef customer = Requests.customer(7, null);
    private TestDatabase db;
    private M365Ingest ingest;

    @Before
    public void setUp() throws Exception {
        db = new TestDatabase("m365");
        ingest = new M365Ingest(mock(BackupStore.class), new ActivityRecords(new ActivityStore(db)),
                new StorageRecords(new StorageStore(db)));
    }

    @After
    public void tearDown() throws Exception {
        db.close();
    }

    private Stored send(String kind, IngestRecord r) throws Exception {
        return db.inTransaction(tx -> ingest.ingestOther(kind, r, tx));
    }

    @Test
    public void eachKindIsStoredOnceAndCountedAsADuplicateWhenSentAgain() throws Exception {
        List<Object[]> lines = List.of(
                new Object[] {"unusual-activity", Map.of("day", TODAY, "objectType", "sharepoint-site", "objectId", "s1",
                        "objectName", "Finance", "activity", "mass-deletion", "score", 80L, "files", List.of("/a.docx"))},
                new Object[] {"activity-scan", Map.of("day", TODAY, "onedrives", 10L, "sites", 2L)},
                new Object[] {"sharepoint-storage", Map.of("day", TODAY, "usedBytes", 10L, "quotaBytes", 20L)},
                new Object[] {"app-profile", Map.of("time", "2026-11-25T06:00:00Z", "permissions", List.of("Reports.Read.All"))});
        int line = 0;
        for (Object[] l : lines) {
            @SuppressWarnings("unchecked")
            IngestRecord r = new IngestRecord(++line, customer, "r" + line, (Map<String, Object>) l[1]);
            assertEquals((String) l[0], Stored.STORED, send((String) l[0], r));
            assertEquals((String) l[0], Stored.DUPLICATE, send((String) l[0], r));
        }
        assertEquals(1, db.count("SELECT COUNT(*) FROM m365_activity_finding"));
        assertEquals(1, db.count("SELECT COUNT(*) FROM m365_sp_storage"));
    }

    @Test
    public void anUnknownKindIsRejectedNamingTheKind() throws Exception {
        try {
            send("ransom-note", new IngestRecord(1, customer, "x", Map.of()));
            fail();
        } catch (InvalidRecordException e) {
            assertEquals("kind", e.field());
            assertTrue(e.getMessage(), e.getMessage().contains("ransom-note"));
        }
    }

    @Test
    public void everyComponentCanBeActivated() throws Exception {
        ComponentDescriptors.assertActivatable(Path.of("target/classes"));
    }
}
