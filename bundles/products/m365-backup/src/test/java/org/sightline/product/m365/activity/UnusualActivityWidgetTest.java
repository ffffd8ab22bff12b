package org.sightline.product.m365.activity;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.sql.Connection;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.sightline.api.CustomerRef;
import org.sightline.api.view.Cell;
import org.sightline.api.view.Link;
import org.sightline.api.view.TableView;
import org.sightline.api.view.TimeSeriesView;
import org.sightline.api.widget.BadWidgetRequestException;
import org.sightline.family.support.testing.TestDatabase;
import org.sightline.product.m365.testing.Requests;

public class UnusualActivityWidgetTest {
    private static final Instant END = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS);
    private static final LocalDate TODAY = LocalDate.ofInstant(END.minusSeconds(1), ZoneOffset.UTC);
    private static final String ENV = "https://backup.example.net/tenants/contoso";
    private final CustomerRef customer = Requests.customer(7, ENV);
    private final Requests.Recorder reports = new Requests.Recorder();
    private TestDatabase db;
    private UnusualActivityWidget widget;

    @Before
    public void setUp() throws Exception {
        db = new TestDatabase("m365");
        ActivityStore store = new ActivityStore(db);
        widget = new UnusualActivityWidget(store, reports);
        ActivitySample sample = new ActivitySample(store);
        db.inTransaction(tx -> {
            try (Connection c = tx.getConnection()) {
                sample.write(c, customer.id(), 42, TODAY, true);
            }
            return null;
        });
    }

    @After
    public void tearDown() throws Exception {
        db.close();
    }

    @Test
    public void theChartShowsTrackedAndSuspiciousPerDayAndTheCountsOpenTheSuspiciousItems() throws Exception {
        TimeSeriesView v = (TimeSeriesView) widget.render(Requests.request(customer, END, 30, null, null, 50));
        assertEquals(List.of("Tracked OneDrives and sites", "Suspicious OneDrives and sites"),
                v.series().stream().map(TimeSeriesView.Series::name).toList());
        assertEquals(30, v.series().get(0).points().size());
        double peak = v.series().get(1).points().stream().mapToDouble(TimeSeriesView.Point::value).max().orElse(0);
        assertTrue("two OneDrives on one day at least", peak >= 2);
        Link counts = v.links().get(0);
        assertEquals(UnusualActivityWidget.SUSPICIOUS, counts.panel());
        assertTrue(counts.label(), counts.label().matches("Suspicious: \\d+ of \\d+ protected .*"));
        Link export = v.links().get(1);
        assertTrue(export.href(), export.href().startsWith("/api/v1/customers/7/widgets/m365-backup.unusual-activity/export?"
                + "format=xlsx&panel=suspicious&from="));
        assertTrue("opening the dashboard is not a report run", reports.entries.isEmpty());
    }

    @Test
    public void theSuspiciousItemsListEachObjectWithItsActivitiesFilesAndRestoreLink() throws Exception {
        TableView t = (TableView) widget.render(Requests.request(customer, END, 7, "suspicious", null, 50));
        TableView.Row first = t.rows().get(0);
        assertEquals(new Cell.Text("OneDrive"), first.cells().get(0));
        assertEquals(new Cell.PersonName("Megan Bowen"), first.cells().get(1));
        assertEquals(new Cell.Text("Mass encryption (score 96); Mass deletion (score 91); Unusual rename or extension "
                + "(score 88)"), first.cells().get(2));
        assertEquals(new Cell.LinkCell(Link.to("Restore in Cloud Backup", ENV)), first.cells().get(6));
        assertTrue(first.panel().startsWith("object-"));
        assertEquals(List.of("7 erin.engineer Unusual activity: suspicious items RUN true"), reports.entries);

        TableView files = (TableView) widget.render(Requests.request(customer, END, 7, first.panel(), null, 50));
        assertTrue(files.rows().stream().anyMatch(r -> r.cells().get(3).equals(new Cell.Text(".locked"))
                && r.cells().get(4) instanceof Cell.Message));
        assertEquals(1, reports.entries.size());
    }

    @Test
    public void theSuspiciousItemsArePagedAndTheNextPageIsNotASecondRun() throws Exception {
        TableView p1 = (TableView) widget.render(Requests.request(customer, END, 90, "suspicious", null, 1));
        assertEquals(1, p1.rows().size());
        TableView p2 = (TableView) widget.render(Requests.request(customer, END, 90, "suspicious", p1.nextCursor(), 1));
        assertEquals(new Cell.PersonName("Alex Wilber"), p2.rows().get(0).cells().get(1));
        assertEquals(1, reports.entries.size());
    }

    @Test
    public void withoutAnEnvironmentThereIsNoRestoreLink() throws Exception {
        CustomerRef noEnv = Requests.customer(7, null);
        TableView t = (TableView) widget.render(Requests.request(noEnv, END, 7, "suspicious", null, 50));
        assertEquals(new Cell.Empty(), t.rows().get(0).cells().get(6));
        assertNull(t.nextCursor());
    }

    @Test
    public void anotherCustomersObjectOrAnUnknownPanelIsABadRequest() throws Exception {
        TableView t = (TableView) widget.render(Requests.request(customer, END, 7, "suspicious", null, 50));
        CustomerRef other = Requests.customer(8, ENV);
        for (String panel : List.of(t.rows().get(0).panel(), "object-x", "nothing")) {
            try {
                widget.render(Requests.request(other, END, 7, panel, null, 50));
                fail(panel);
            } catch (BadWidgetRequestException e) {
                assertEquals("panel", e.parameter());
            }
        }
        try {
            widget.render(Requests.request(customer, END, 7, "suspicious", "x1", 50));
            fail();
        } catch (BadWidgetRequestException e) {
            assertEquals("cursor", e.parameter());
        }
    }
}
