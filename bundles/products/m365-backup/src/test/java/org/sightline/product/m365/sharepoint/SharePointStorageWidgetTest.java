package org.sightline.product.m365.sharepoint;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.math.BigDecimal;
import java.sql.Connection;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.sightline.api.CustomerRef;
import org.sightline.api.ingest.IngestRecord;
import org.sightline.api.ingest.InvalidRecordException;
import org.sightline.api.view.Cell;
import org.sightline.api.view.Link;
import org.sightline.api.view.LinksView;
import org.sightline.api.view.Money;
import org.sightline.api.view.TableView;
import org.sightline.api.view.TimeSeriesView;
import org.sightline.family.support.testing.TestDatabase;
import org.sightline.product.m365.testing.Requests;

public class SharePointStorageWidgetTest {
    private static final Instant END = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS);
    private static final LocalDate TODAY = LocalDate.ofInstant(END.minusSeconds(1), ZoneOffset.UTC);
    private final CustomerRef customer = Requests.customer(7, "https://backup.example.net/t/7");
    private final Requests.Recorder reports = new Requests.Recorder();
    private TestDatabase db;
    private StorageStore store;
    private SharePointStorageWidget widget;

    @Before
    public void setUp() throws Exception {
        db = new TestDatabase("m365");
        store = new StorageStore(db);
        widget = new SharePointStorageWidget(store, reports, config("0.20"));
    }

    @After
    public void tearDown() throws Exception {
        db.close();
    }

    private static SharePointStorageWidget.Config config(String price) {
        return new SharePointStorageWidget.Config() {
            @Override
            public Class<? extends java.lang.annotation.Annotation> annotationType() {
                return SharePointStorageWidget.Config.class;
            }

            @Override
            public String sharepoint_price_per_gb() {
                return price;
            }
        };
    }

    private void sample(StorageSample.Shape shape) throws Exception {
        StorageSample s = new StorageSample(store);
        db.inTransaction(tx -> {
            try (Connection c = tx.getConnection()) {
                s.write(c, customer.id(), 42, TODAY, END, shape);
            }
            return null;
        });
    }

    @Test
    public void aTenantHeadingOverItsQuotaShowsItsTrendAndWhatTheExtraStorageWillCost() throws Exception {
        sample(StorageSample.Shape.HEADING_OVER_QUOTA);
        TimeSeriesView v = (TimeSeriesView) widget.render(Requests.request(customer, END, 30, null, null, 50));
        assertEquals(90, v.series().get(0).points().size());
        assertEquals("Used", v.series().get(0).name());
        assertNotNull(v.forecast());
        assertEquals(90, v.forecast().points().size());
        double quota = v.series().get(1).points().get(0).value();
        assertTrue("the trend passes the quota", v.forecast().points().get(89).expected() > quota);
        assertEquals(List.of("budget", "report"), v.links().stream().map(Link::panel).toList());
        assertTrue(reports.entries.isEmpty());

        TableView budget = (TableView) widget.render(Requests.request(customer, END, 30, "budget", null, 50));
        assertTrue(budget.rows().size() >= 3);
        TableView.Row last = budget.rows().get(budget.rows().size() - 1);
        Money cost = ((Cell.MoneyCell) last.cells().get(4)).value();
        assertEquals("EUR", cost.currency());
        BigDecimal above = ((Cell.Num) last.cells().get(3)).value();
        assertTrue(above.signum() > 0);
        assertEquals(above.multiply(new BigDecimal("0.20")).setScale(2), cost.amount());
        assertTrue(budget.columns().get(4).label(), budget.columns().get(4).label().equals("Estimated cost at 0.20 EUR per GB"));
        assertTrue(((Cell.Text) last.cells().get(0)).value().matches("[A-Z][a-z]{2} 20\\d\\d"));
        assertEquals(List.of("7 erin.engineer SharePoint storage report RUN true"), reports.entries);

        TableView report = (TableView) widget.render(Requests.request(customer, END, 30, "report", null, 50));
        assertEquals(Long.valueOf(90), report.total());
        assertEquals("/api/v1/customers/7/widgets/m365-backup.sharepoint-storage/export?format=xlsx&panel=report",
                report.links().get(0).href());
        assertEquals(50, report.rows().size());
        widget.render(Requests.request(customer, END, 30, "report", report.nextCursor(), 50));
        assertEquals(2, reports.entries.size());
    }

    @Test
    public void withoutReportsReadAllItSaysWhatToGrantAndWhere() throws Exception {
        sample(StorageSample.Shape.NO_PERMISSION);
        LinksView v = (LinksView) widget.render(Requests.request(customer, END, 30, null, null, 50));
        assertTrue(v.links().get(0).label().contains("Reports.Read.All"));
        assertEquals(SharePointStorageWidget.ENTRA_APP_REGISTRATIONS, v.links().get(0).href());
        assertEquals("https://backup.example.net/t/7", v.links().get(1).href());
        assertTrue(widget.render(Requests.request(customer, END, 30, "budget", null, 50)) instanceof LinksView);
    }

    @Test
    public void theLatestAppProfileCounts() throws Exception {
        StorageRecords records = new StorageRecords(store);
        ingestProfile(records, "2026-11-20T06:00:00Z", List.of("Sites.Read.All"));
        ingestProfile(records, "2026-11-21T06:00:00Z", List.of("Reports.Read.All"));
        assertEquals(java.util.Optional.of(true), store.permission(customer.id()));
        ingestProfile(records, "2026-11-19T06:00:00Z", List.of("Sites.Read.All"));
        assertEquals(java.util.Optional.of(true), store.permission(customer.id()));
    }

    @Test
    public void aStorageDaySentTwiceIsStoredOnceAndABadOneNotAtAll() throws Exception {
        StorageRecords records = new StorageRecords(store);
        Map<String, Object> f = new HashMap<>(Map.of("day", TODAY.toString(), "usedBytes", 5_000_000_000L,
                "quotaBytes", 1_099_511_627_776L));
        IngestRecord r = new IngestRecord(1, customer, "sp-1", f);
        assertTrue(db.inTransaction(tx -> records.store(StorageRecords.STORAGE, r, tx)));
        assertEquals(false, db.inTransaction(tx -> records.store(StorageRecords.STORAGE, r, tx)));
        f.put("usedBytes", -1L);
        IngestRecord bad = new IngestRecord(2, customer, "sp-2", f);
        try {
            db.inTransaction(tx -> records.store(StorageRecords.STORAGE, bad, tx));
        } catch (InvalidRecordException e) {
            assertEquals("usedBytes", e.field());
        }
        assertEquals(5_000_000_000L, db.count("SELECT used_bytes FROM m365_sp_storage"));
    }

    @Test(expected = IllegalArgumentException.class)
    public void aPriceThatIsNotANumberStopsTheWidget() throws Exception {
        new SharePointStorageWidget(store, reports, config("twenty cents"));
    }

    private void ingestProfile(StorageRecords records, String time, List<String> permissions) throws Exception {
        IngestRecord r = new IngestRecord(1, customer, "p-" + time, Map.of("time", time, "permissions", permissions));
        db.inTransaction(tx -> records.store(StorageRecords.PROFILE, r, tx));
    }
}
