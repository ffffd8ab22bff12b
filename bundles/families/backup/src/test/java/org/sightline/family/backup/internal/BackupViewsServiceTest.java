package org.sightline.family.backup.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.sightline.api.CustomerRef;
import org.sightline.api.Permissions;
import org.sightline.api.Viewer;
import org.sightline.api.backup.BackupViews;
import org.sightline.api.backup.JobStatus;
import org.sightline.api.backup.WorkloadSummary;
import org.sightline.api.data.SampleDataProvider;
import org.sightline.api.report.ReportActivity;
import org.sightline.api.view.Cell;
import org.sightline.api.view.CellType;
import org.sightline.api.view.Link;
import org.sightline.api.view.TableView;
import org.sightline.api.view.TimeSeriesView;
import org.sightline.api.widget.BadWidgetRequestException;
import org.sightline.api.widget.PageRequest;
import org.sightline.api.widget.TimeRange;
import org.sightline.api.widget.WidgetRequest;
import org.sightline.core.CustomerDirectory;
import org.sightline.core.Subscription;
import org.sightline.family.support.testing.FamilyTestDb;

/** What the backup widgets show, on a real store with sample backups. */
public class BackupViewsServiceTest {
    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    private static final TimeRange MONTH = new TimeRange(Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-12-01T00:00:00Z"));
    private static final Viewer ENGINEER = new Viewer("eddie", 1, Set.of("engineer"),
            Set.of(Permissions.CUSTOMER_READ, Permissions.CUSTOMER_ACT));
    private static final Viewer VIEWER = new Viewer("vera", 1, Set.of("viewer"), Set.of(Permissions.CUSTOMER_READ));

    private FamilyTestDb db;
    private CustomerDirectory customers;
    private ReportActivity activity;
    private BackupViewsService views;
    private CustomerRef acme;

    @Before
    public void setUp() throws Exception {
        db = new FamilyTestDb("backup");
        BackupStoreService store = new BackupStoreService(db, db.transactions(), false);
        customers = mock(CustomerDirectory.class);
        activity = mock(ReportActivity.class);
        views = new BackupViewsService(db, customers, activity);
        acme = db.customer("Acme", "EUR", BigDecimal.ZERO);
        db.inTransaction(tx -> store.writeSample(new SampleDataProvider.Request(acme, 3, 1, NOW, ZoneId.of("UTC")),
                BackupStoreServiceTest.SPEC, tx));
        store.applyPendingRollUps(); // as the store's applier does about a second later
    }

    @After
    public void tearDown() throws Exception {
        db.close();
    }

    private WidgetRequest request(Viewer viewer, String panel, Map<String, String> filters, PageRequest page) {
        return new WidgetRequest(acme, viewer, MONTH, ZoneId.of("UTC"), page, filters, panel);
    }

    @Test
    public void theStatusShowsARowPerWorkloadWithLastRunLastSuccessProtectedObjectsAndSuccessRate() throws Exception {
        TableView t = (TableView) views.status(BackupStoreServiceTest.SPEC, request(VIEWER, null, Map.of(), PageRequest.first()));
        assertEquals(List.of("workload", "lastStatus", "lastRun", "lastSuccess", "protected", "successRate", "runs"),
                t.columns().stream().map(TableView.Column::id).toList());
        assertEquals(2, t.rows().size());
        assertEquals(new Cell.Text("Mail"), t.rows().get(0).cells().get(0));
        List<WorkloadSummary> s = views.summary(acme, BackupStoreServiceTest.SPEC, MONTH);
        long runs = db.count("SELECT COUNT(*) FROM backup_job WHERE workload = 'mail' AND started >= ? AND started < ?",
                BackupWriter.odt(MONTH.from()), BackupWriter.odt(MONTH.to()));
        assertEquals(runs, s.get(0).totalRuns());
        assertEquals(Cell.number(runs), t.rows().get(0).cells().get(6));
        assertTrue(t.rows().get(0).cells().get(1) instanceof Cell.Status);
        assertEquals(Instant.parse("2026-11-30T00:00:00Z"), s.get(0).lastRun().truncatedTo(java.time.temporal.ChronoUnit.DAYS));
        assertNotNull(s.get(0).lastSuccess());
        assertEquals("mailboxes", ((Cell.Num) t.rows().get(0).cells().get(4)).unit());
        assertEquals("%", ((Cell.Num) t.rows().get(0).cells().get(5)).unit());
        assertEquals(List.of("failures", "jobs", "storage"), t.links().stream().map(Link::panel).toList());
    }

    @Test
    public void theStatusOffersToStartTheServiceOnlyWhenNotStartedAndOnlyToStaffWhoMayAct() throws Exception {
        when(customers.subscriptions(any(), anyLong(), any())).thenReturn(List.of(new Subscription("acme-backup",
                "partially-started", LocalDate.of(2026, 1, 1), null, 10L, 20L)));
        TableView t = (TableView) views.status(BackupStoreServiceTest.SPEC, request(ENGINEER, null, Map.of(), PageRequest.first()));
        assertEquals(Link.to("Start service", "/customers/" + acme.id() + "/services/acme-backup/start"), t.links().get(3));
        TableView forViewer = (TableView) views.status(BackupStoreServiceTest.SPEC, request(VIEWER, null, Map.of(), PageRequest.first()));
        assertEquals(3, forViewer.links().size());
        when(customers.subscriptions(any(), anyLong(), any())).thenReturn(List.of(new Subscription("acme-backup",
                "active", LocalDate.of(2026, 1, 1), null, 10L, 20L)));
        assertEquals(3, ((TableView) views.status(BackupStoreServiceTest.SPEC, request(ENGINEER, null, Map.of(),
                PageRequest.first()))).links().size());
    }

    @Test
    public void failuresArePagedByKeyFilteredAndTheirErrorTextIsMessageContent() throws Exception {
        long want = db.count("SELECT COUNT(*) FROM backup_job WHERE status IN ('failed', 'partially-succeeded') AND started >= ? "
                + "AND started < ?", BackupWriter.odt(MONTH.from()), BackupWriter.odt(MONTH.to()));
        assertTrue("the sample has failures this month: " + want, want > 2);
        Set<Object> seen = new HashSet<>();
        String cursor = null;
        Instant previous = Instant.MAX;
        do {
            TableView page = (TableView) views.status(BackupStoreServiceTest.SPEC, request(VIEWER, BackupViews.PANEL_FAILURES,
                    Map.of(), new PageRequest(cursor, 2)));
            assertEquals(CellType.MESSAGE_CONTENT, page.columns().get(6).type());
            for (TableView.Row r : page.rows()) {
                Instant started = ((Cell.Timestamp) r.cells().get(0)).value();
                assertFalse(started.isAfter(previous));
                previous = started;
                assertTrue(seen.add(r.cells()));
                assertTrue(r.cells().get(6) instanceof Cell.Message);
                assertTrue(r.cells().get(5) instanceof Cell.Text);
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        assertEquals(want, seen.size());

        TableView failed = (TableView) views.failures(BackupStoreServiceTest.SPEC, request(VIEWER, null,
                Map.of("status", "failed", "workload", "files"), new PageRequest(null, 500)));
        assertEquals(db.count("SELECT COUNT(*) FROM backup_job WHERE status = 'failed' AND workload = 'files' AND started >= ? "
                + "AND started < ?", BackupWriter.odt(MONTH.from()), BackupWriter.odt(MONTH.to())), failed.rows().size());
        assertEquals(List.of("status", "workload"), failed.filters().stream().map(TableView.Filter::id).toList());
        assertEquals("status", assertThrows(BadWidgetRequestException.class, () -> views.failures(BackupStoreServiceTest.SPEC,
                request(VIEWER, null, Map.of("status", "succeeded"), PageRequest.first()))).parameter());
        assertEquals("workload", assertThrows(BadWidgetRequestException.class, () -> views.failures(BackupStoreServiceTest.SPEC,
                request(VIEWER, null, Map.of("workload", "calendar"), PageRequest.first()))).parameter());
        assertEquals("cursor", assertThrows(BadWidgetRequestException.class, () -> views.failures(BackupStoreServiceTest.SPEC,
                request(VIEWER, null, Map.of(), new PageRequest("bm90IGEgY3Vyc29y", 5)))).parameter());
        assertEquals("panel", assertThrows(BadWidgetRequestException.class, () -> views.status(BackupStoreServiceTest.SPEC,
                request(VIEWER, "nope", Map.of(), PageRequest.first()))).parameter());
    }

    @Test
    public void runsPerDayAddUpToTheRunsOfTheRange() throws Exception {
        TimeSeriesView v = views.jobs(BackupStoreServiceTest.SPEC, request(VIEWER, null, Map.of(), PageRequest.first()));
        double total = v.series().stream().flatMap(s -> s.points().stream()).mapToDouble(TimeSeriesView.Point::value).sum();
        assertEquals(db.count("SELECT COUNT(*) FROM backup_job WHERE started >= ? AND started < ?",
                BackupWriter.odt(MONTH.from()), BackupWriter.odt(MONTH.to())), (long) total);
        assertEquals(30, v.series().get(0).points().size());
        assertEquals(JobStatus.SUCCEEDED.label(), v.series().get(0).name());
    }

    @Test
    public void theStorageReportShowsGigabytesPerWorkloadAndIsRecordedWhenOpened() throws Exception {
        WidgetRequest open = request(VIEWER, BackupViews.PANEL_STORAGE, Map.of(), PageRequest.first());
        TimeSeriesView v = (TimeSeriesView) views.status(BackupStoreServiceTest.SPEC, open);
        assertEquals("GB", v.unit());
        assertEquals(List.of("Mail", "Files"), v.series().stream().map(TimeSeriesView.Series::name).toList());
        assertEquals(30, v.series().get(0).points().size());
        verify(activity).record(eq(open), eq("Backup storage report"), eq(ReportActivity.Kind.RUN), eq(true));

        List<TableView.Row> rows = new ArrayList<>();
        String cursor = null;
        do {
            TableView t = (TableView) views.storage(BackupStoreServiceTest.SPEC, request(VIEWER, BackupViews.PANEL_STORAGE_TABLE,
                    Map.of("workload", "files"), new PageRequest(cursor, 7)));
            assertEquals(Long.valueOf(30), t.total());
            rows.addAll(t.rows());
            cursor = t.nextCursor();
        } while (cursor != null);
        assertEquals(30, rows.size());
        assertEquals(new Cell.Text("2026-11-30"), rows.get(0).cells().get(0));
        assertEquals("GB", ((Cell.Num) rows.get(0).cells().get(2)).unit());
        verify(activity, never()).record(eq(request(VIEWER, BackupViews.PANEL_STORAGE_TABLE, Map.of("workload", "files"),
                new PageRequest(null, 7))), any(), any(), eq(true));
        assertNull(((TableView) views.storage(BackupStoreServiceTest.SPEC, request(VIEWER, BackupViews.PANEL_STORAGE_TABLE,
                Map.of(), new PageRequest(null, 500)))).nextCursor());
        assertEquals(Duration.ofDays(30), MONTH.length());
    }
}
