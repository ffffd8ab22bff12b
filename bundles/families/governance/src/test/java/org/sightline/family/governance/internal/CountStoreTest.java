package org.sightline.family.governance.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.After;
import org.junit.Test;
import org.sightline.api.CustomerRef;
import org.sightline.api.Viewer;
import org.sightline.api.governance.CountResult;
import org.sightline.api.governance.DailyCount;
import org.sightline.api.governance.Measure;
import org.sightline.api.view.Link;
import org.sightline.api.view.TimeSeriesView;
import org.sightline.api.widget.PageRequest;
import org.sightline.api.widget.TimeRange;
import org.sightline.api.widget.WidgetRequest;
import org.sightline.product.testkit.TestStorage;

public class CountStoreTest {
    private static final CustomerRef ACME = new CustomerRef(7, 1, "ACME", "Acme", "EUR", true);
    private static final CustomerRef GLOBEX = new CustomerRef(8, 1, "GLX", "Globex", "EUR", true);
    private static final LocalDate D1 = LocalDate.of(2026, 11, 28);
    private static final LocalDate D2 = LocalDate.of(2026, 11, 29);
    private final TestStorage db;
    private final CountStore store;

    public CountStoreTest() throws Exception {
        db = new TestStorage();
        store = new CountStore(db);
    }

    @After
    public void close() throws Exception {
        db.close();
    }

    @Test
    public void storesCountsOnceAndALaterValueReplacesTheStoredOne() throws Exception {
        List<DailyCount> first = List.of(new DailyCount(ACME, D1, "high-risk", "teams", 3),
                new DailyCount(ACME, D1, "high-risk", "onedrive", 2), new DailyCount(ACME, D2, "high-risk", "teams", 5));
        assertEquals(new CountResult(3, 0), db.inTransaction(tx -> store.put("risk", first, tx)));
        assertEquals(new CountResult(0, 3), db.inTransaction(tx -> store.put("risk", first, tx)));
        assertEquals(new CountResult(1, 1), db.inTransaction(tx -> store.put("risk", List.of(
                new DailyCount(ACME, D1, "high-risk", "teams", 4), new DailyCount(ACME, D2, "high-risk", "teams", 5)), tx)));
        assertEquals(List.of(new DailyCount(ACME, D1, "high-risk", "onedrive", 2),
                new DailyCount(ACME, D1, "high-risk", "teams", 4), new DailyCount(ACME, D2, "high-risk", "teams", 5)),
                store.read("risk", ACME, D1, D2));
        assertEquals(3, db.count("SELECT COUNT(*) FROM governance_daily"));
    }

    @Test
    public void readsOnlyTheCustomersCountsOfTheProductAndDays() throws Exception {
        db.inTransaction(tx -> store.put("risk", List.of(new DailyCount(ACME, D1, "sensitive", "teams", 1),
                new DailyCount(GLOBEX, D1, "sensitive", "teams", 9), new DailyCount(ACME, D2, "sensitive", "teams", 2)), tx));
        db.inTransaction(tx -> store.put("policy", List.of(new DailyCount(ACME, D1, "sensitive", DailyCount.ALL, 5)), tx));
        assertEquals(List.of(new DailyCount(ACME, D1, "sensitive", "teams", 1)), store.read("risk", ACME, D1, D1));
        assertEquals(D2, store.lastDay("risk", ACME, D2.plusDays(5)));
        assertEquals(D1, store.lastDay("risk", ACME, D1));
        assertNull(store.lastDay("risk", ACME, D1.minusDays(1)));
    }

    @Test
    public void disconnectingACustomerDeletesItsCountsOfEveryProductOnly() throws Exception {
        db.inTransaction(tx -> store.put("risk", List.of(new DailyCount(ACME, D1, "sensitive", "teams", 1),
                new DailyCount(GLOBEX, D1, "sensitive", "teams", 9)), tx));
        db.inTransaction(tx -> store.put("policy", List.of(new DailyCount(ACME, D1, "found", DailyCount.ALL, 5)), tx));
        db.inTransaction(tx -> {
            store.deleteCustomerData(ACME, tx);
            return null;
        });
        assertEquals(0, db.count("SELECT COUNT(*) FROM governance_daily WHERE customer_id = ?", ACME.id()));
        assertEquals(1, db.count("SELECT COUNT(*) FROM governance_daily WHERE customer_id = ?", GLOBEX.id()));
    }

    @Test
    public void dailySeriesSumKindsPerMeasure() throws Exception {
        db.inTransaction(tx -> store.put("risk", List.of(new DailyCount(ACME, D1, "high-risk", "teams", 3),
                new DailyCount(ACME, D1, "high-risk", "onedrive", 2), new DailyCount(ACME, D2, "high-risk", "teams", 5),
                new DailyCount(ACME, D2, "external-links", "sites", 7)), tx));
        ViewsService views = new ViewsService(store);
        WidgetRequest r = new WidgetRequest(ACME, new Viewer("u", 1, Set.of(), Set.of()),
                new TimeRange(D1.atStartOfDay(ZoneId.of("UTC")).toInstant(), D2.plusDays(1).atStartOfDay(ZoneId.of("UTC")).toInstant()),
                ZoneId.of("UTC"), PageRequest.first(), Map.of(), null);
        TimeSeriesView v = views.dailySeries("risk", r, D1, D2, List.of(new Measure("high-risk", "High-risk items"),
                new Measure("external-links", "External links")), List.of(), "items", List.of());
        assertEquals(List.of(3.0, 5.0), views.dailySeries("risk", r, D1, D2, List.of(new Measure("high-risk", "High")),
                List.of("teams"), "items", List.of()).series().get(0).points().stream().map(TimeSeriesView.Point::value).toList());
        assertEquals("High-risk items", v.series().get(0).name());
        assertEquals(List.of(5.0, 5.0), v.series().get(0).points().stream().map(TimeSeriesView.Point::value).toList());
        assertEquals(List.of(7.0), v.series().get(1).points().stream().map(TimeSeriesView.Point::value).toList());
    }

    @Test
    public void environmentLinksNeedAnHttpsAddressAndEnabledAccess() {
        ViewsService views = new ViewsService(store);
        CustomerRef with = new CustomerRef(7, 1, "A", "A", "EUR", true, "https://env.example.com/tenant/");
        assertEquals(Optional.of(Link.to("Rules", "https://env.example.com/tenant/policies/rules")),
                views.environmentLink(with, "Rules", "/policies/rules"));
        assertFalse(views.environmentLink(new CustomerRef(7, 1, "A", "A", "EUR", false, "https://env.example.com"),
                "Rules", "x").isPresent());
        assertFalse(views.environmentLink(ACME, "Rules", "x").isPresent());
        assertFalse(views.environmentLink(new CustomerRef(7, 1, "A", "A", "EUR", true, "http://env.example.com"),
                "Rules", "x").isPresent());
        assertTrue(views.environmentLink(new CustomerRef(7, 1, "A", "A", "EUR", true, "https://env.example.com"),
                "Rules", "x").isPresent());
    }
}
