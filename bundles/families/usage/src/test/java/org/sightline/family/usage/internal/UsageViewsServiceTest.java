package org.sightline.family.usage.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.sightline.api.CustomerRef;
import org.sightline.api.Viewer;
import org.sightline.api.usage.Direction;
import org.sightline.api.usage.PriceList;
import org.sightline.api.usage.UsageRecord;
import org.sightline.api.view.Cell;
import org.sightline.api.view.CellType;
import org.sightline.api.view.Kpi;
import org.sightline.api.view.KpiView;
import org.sightline.api.view.TableView;
import org.sightline.api.view.TimeSeriesView;
import org.sightline.api.widget.BadWidgetRequestException;
import org.sightline.api.widget.PageRequest;
import org.sightline.api.widget.TimeRange;
import org.sightline.api.widget.WidgetRequest;
import org.sightline.family.support.testing.FamilyTestDb;

/** What the standard usage widgets show, on a real usage store. */
public class UsageViewsServiceTest {
    private static final Instant DAY = Instant.parse("2026-11-02T00:00:00Z");
    private static final TimeRange WEEK = new TimeRange(DAY, DAY.plusSeconds(7 * 86400));

    private FamilyTestDb db;
    private UsageLogService log;
    private UsageViewsService views;
    private CustomerRef acme;

    @Before
    public void setUp() throws Exception {
        db = new FamilyTestDb("usage");
        log = UsageLogService.create(db, db.transactions(), db.credits(), false);
        views = new UsageViewsService(log);
        acme = db.customer("Acme", "EUR", new BigDecimal("10"));
        db.inTransaction(tx -> {
            log.setPriceList(acme, "sms", new PriceList("EUR", new BigDecimal("0.10"), Map.of()), tx);
            List<UsageRecord> records = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                String status = i < 80 ? "delivered" : i < 90 ? "failed" : i < 95 ? "rejected" : "pending";
                records.add(new UsageRecord(acme, "v" + i, DAY.plusSeconds(3600L * i), i % 2 == 0 ? Direction.INBOUND
                        : Direction.OUTBOUND, status, "+49 170 12345" + (10 + i), "+44 7700 900" + (100 + i), "gb",
                        2, null, Map.of()));
            }
            return log.store("sms", records, tx);
        });
    }

    @After
    public void tearDown() throws Exception {
        log.deactivate();
        db.close();
    }

    private WidgetRequest request(Map<String, String> filters, PageRequest page) {
        return new WidgetRequest(acme, new Viewer("ana", acme.partnerId(), Set.of("viewer"), Set.of("customer.read", "usage.read")),
                WEEK, ZoneId.of("UTC"), page, filters, null);
    }

    @Test
    public void kpisShowVolumeRatesUnitsAndSpend() throws Exception {
        KpiView v = views.kpis(UsageLogServiceTest.SPEC, request(Map.of(), PageRequest.first()));
        Map<String, Cell> tiles = new HashMap<>();
        for (Kpi k : v.tiles()) {
            tiles.put(k.id(), k.value());
        }
        assertEquals(Set.of("volume", "delivered", "failed", "rejected", "quantity", "spend"), tiles.keySet());
        assertEquals(Cell.number(100), tiles.get("volume"));
        assertEquals(Cell.number(new BigDecimal("80.0"), "%"), tiles.get("delivered"));
        assertEquals(Cell.number(new BigDecimal("10.0"), "%"), tiles.get("failed"));
        assertEquals(Cell.number(200), tiles.get("quantity"));
        assertEquals(Cell.money(new BigDecimal("20.0000"), "EUR"), tiles.get("spend"));
    }

    @Test
    public void dailySeriesHasOnePointPerDayAndStatus() throws Exception {
        TimeSeriesView v = views.dailySeries(UsageLogServiceTest.SPEC, request(Map.of(), PageRequest.first()));
        assertEquals(4, v.series().size());
        TimeSeriesView.Series delivered = v.series().get(0);
        assertEquals("Delivered", delivered.name());
        assertEquals(7, delivered.points().size());
        assertEquals(24.0, delivered.points().get(0).value(), 0); // records 0..23 on the first day
        assertEquals(80.0, delivered.points().stream().mapToDouble(TimeSeriesView.Point::value).sum(), 0);
    }

    @Test
    public void logShowsMaskedNumbersPricesAndPagesWithFilters() throws Exception {
        TableView t = views.log(UsageLogServiceTest.SPEC, request(Map.of("direction", "outbound", "status", "delivered"),
                new PageRequest(null, 25)));
        assertEquals(List.of("time", "direction", "status", "from", "to", "key", "quantity", "price"),
                t.columns().stream().map(TableView.Column::id).toList());
        // the log declares its filters with every choice, not only the values on this page
        assertEquals(List.of("direction", "status"), t.filters().stream().map(TableView.Filter::id).toList());
        assertEquals(List.copyOf(UsageLogServiceTest.SPEC.statusCodes()),
                t.filters().get(1).options().stream().map(TableView.Option::value).toList());
        assertEquals(25, t.rows().size());
        assertNotNull(t.nextCursor());
        List<Cell> first = t.rows().get(0).cells();
        assertEquals(Cell.timestamp(DAY.plusSeconds(3600L * 79)), first.get(0));
        assertEquals(new Cell.Phone("4589"), first.get(3));
        assertEquals(CellType.PHONE, first.get(4).type());
        assertEquals(Cell.text("GB"), first.get(5));
        assertEquals(Cell.money(new BigDecimal("0.2000"), "EUR"), first.get(7));
        TableView rest = views.log(UsageLogServiceTest.SPEC, request(Map.of("direction", "outbound", "status", "delivered"),
                new PageRequest(t.nextCursor(), 25)));
        assertEquals(15, rest.rows().size());
        assertNull(rest.nextCursor());

        // date filters are days in the viewer's zone, the last one inclusive
        TableView oneDay = views.log(UsageLogServiceTest.SPEC, request(Map.of("from", "2026-11-03", "to", "2026-11-03"),
                new PageRequest(null, 100)));
        assertEquals(24, oneDay.rows().size());
    }

    @Test
    public void noFullNumberEverReachesAView() throws Exception {
        String everything = views.log(UsageLogServiceTest.SPEC, request(Map.of(), new PageRequest(null, 500))).toString()
                + views.kpis(UsageLogServiceTest.SPEC, request(Map.of(), PageRequest.first()))
                + views.dailySeries(UsageLogServiceTest.SPEC, request(Map.of(), PageRequest.first()));
        for (int i = 0; i < 100; i++) {
            assertFalse(everything.contains("12345" + (10 + i)));
            assertFalse(everything.contains("900" + (100 + i)));
        }
        assertFalse(everything.contains("+49"));
        assertTrue(everything.contains("Phone[value=4510]"));
    }

    @Test
    public void badFiltersAndCursorsAreBadRequests() {
        assertEquals("direction", assertThrows(BadWidgetRequestException.class, () -> views.log(UsageLogServiceTest.SPEC,
                request(Map.of("direction", "sideways"), PageRequest.first()))).parameter());
        assertEquals("status", assertThrows(BadWidgetRequestException.class, () -> views.log(UsageLogServiceTest.SPEC,
                request(Map.of("status", "exploded"), PageRequest.first()))).parameter());
        assertEquals("from", assertThrows(BadWidgetRequestException.class, () -> views.log(UsageLogServiceTest.SPEC,
                request(Map.of("from", "last tuesday"), PageRequest.first()))).parameter());
        assertEquals("to", assertThrows(BadWidgetRequestException.class, () -> views.log(UsageLogServiceTest.SPEC,
                request(Map.of("from", "2026-11-05", "to", "2026-11-04"), PageRequest.first()))).parameter());
        assertEquals("cursor", assertThrows(BadWidgetRequestException.class, () -> views.log(UsageLogServiceTest.SPEC,
                request(Map.of(), new PageRequest("bogus", 10)))).parameter());
    }
}
