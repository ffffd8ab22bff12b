package org.sightline.product.testkit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.same;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

import javax.sql.DataSource;

import org.junit.Test;
import org.sightline.api.CustomerRef;
import org.sightline.api.Product;
import org.sightline.api.Viewer;
import org.sightline.api.data.SampleDataProvider;
import org.sightline.api.ingest.IngestBatch;
import org.sightline.api.ingest.IngestHandler;
import org.sightline.api.ingest.IngestRecord;
import org.sightline.api.ingest.IngestResult;
import org.sightline.api.ingest.InvalidRecordException;
import org.sightline.api.usage.UsageLog;
import org.sightline.api.usage.UsageRecord;
import org.sightline.api.usage.UsageIngestHandler;
import org.sightline.api.usage.UsageSampleData;
import org.sightline.api.usage.UsageSampleFactory;
import org.sightline.api.usage.UsageSpec;
import org.sightline.api.usage.UsageViews;
import org.sightline.api.view.KpiView;
import org.sightline.api.view.TableView;
import org.sightline.api.view.TimeSeriesView;
import org.sightline.api.widget.DashboardWidget;
import org.sightline.api.widget.PageRequest;
import org.sightline.api.widget.TimeRange;
import org.sightline.api.widget.WidgetRequest;

/**
 * What every usage product module (SMS, Voice, Video, Messaging Apps, or a vendor's) must do with the
 * shared {@link UsageLog} and {@link UsageViews}: extend it in the product's test, give it the product's
 * components built on {@link #usage}, and add the product's own mapping tests using {@link #line} and
 * {@link #rejects}.
 */
public abstract class UsageProductContract {
    /** The customer every line belongs to. */
    protected static final CustomerRef ACME = new CustomerRef(7, 1, "ACC-7", "Acme", "EUR", true);
    /** The shared usage log the product's components are built on. */
    protected final UsageLog usage = mock(UsageLog.class);

    /** The product service. */
    protected abstract Product product();

    /** The product's usage spec. */
    protected abstract UsageSpec spec();

    /** The product's ingest handler, built on {@link #usage}; it maps the lines too. */
    protected abstract UsageIngestHandler ingestHandler();

    /** The product's KPI, daily series and log widgets, in that order, built on {@code views}. */
    protected abstract List<DashboardWidget> widgets(UsageViews views);

    /** The product's sample data, built on {@link #usage}. */
    protected abstract UsageSampleData sampleData();

    /** The fields of a valid line. */
    protected abstract Map<String, Object> validLine();

    /** The prefix of record ids made by {@link #line}. */
    protected abstract String recordIdPrefix();

    /** A valid line with some fields replaced ({@code null} removes a field). */
    protected IngestRecord line(int n, Map<String, Object> fields) {
        Map<String, Object> all = new HashMap<>(validLine());
        all.putAll(fields);
        all.values().removeIf(v -> v == null);
        return new IngestRecord(n, ACME, recordIdPrefix() + n, all);
    }

    /** A map of alternating keys and values ({@code null} values allowed). */
    protected static Map<String, Object> with(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    /** Asserts that a valid line changed by {@code kv} is rejected naming {@code field}. */
    protected void rejects(String field, Object... kv) {
        assertEquals(field, assertThrows(InvalidRecordException.class, () -> ingestHandler().map(line(1, with(kv)))).field());
    }

    @Test
    public void ingestsThroughTheSharedUsageLog() throws Exception {
        IngestHandler ingest = ingestHandler();
        DataSource tx = mock(DataSource.class);
        IngestBatch batch = new IngestBatch(1, List.of(line(1, Map.of())));
        IngestResult result = new IngestResult(1, 0, List.of());
        when(usage.ingest(eq(product().id()), same(batch), any(), same(tx))).thenReturn(result);
        assertSame(result, ingest.ingest(batch, tx));
        assertEquals(product().id(), ingest.productId());
    }

    @Test
    public void widgetsDrawTheStandardUsageViews() throws Exception {
        UsageViews views = mock(UsageViews.class);
        WidgetRequest req = new WidgetRequest(ACME, new Viewer("ana", 1, Set.of(), Set.of()),
                TimeRange.ending(Instant.parse("2026-11-21T00:00:00Z"), Duration.ofDays(30)), ZoneId.of("UTC"),
                PageRequest.first(), Map.of(), null);
        KpiView kpis = new KpiView(List.of());
        TimeSeriesView series = new TimeSeriesView("x", List.of());
        TableView table = new TableView(List.of(), List.of(), null, null);
        when(views.kpis(spec(), req)).thenReturn(kpis);
        when(views.dailySeries(spec(), req)).thenReturn(series);
        when(views.log(spec(), req)).thenReturn(table);
        List<DashboardWidget> widgets = widgets(views);
        assertSame(kpis, widgets.get(0).render(req));
        assertSame(series, widgets.get(1).render(req));
        assertSame(table, widgets.get(2).render(req));
    }

    @Test
    public void sampleDataIsDeterministicAndUsesTheSharedTraffic() throws Exception {
        UsageSampleData sample = sampleData();
        UsageSampleFactory factory = sample;
        SampleDataProvider.Request req = new SampleDataProvider.Request(ACME, 1, 1, Instant.now(), ZoneId.of("UTC"));
        DataSource tx = mock(DataSource.class);
        sample.writeSample(req, tx);
        verify(usage).writeSample(req, spec(), factory, tx);
        assertEquals(product().id(), sample.productId());
        assertEquals("CHF", factory.samplePrices("CHF").currency());
        for (var status : spec().statuses()) {
            UsageRecord a = factory.create(new UsageSampleFactory.Event(ACME, "s", Instant.parse("2026-11-20T09:00:00Z"),
                    status.code(), new SplittableRandom(5)));
            UsageRecord b = factory.create(new UsageSampleFactory.Event(ACME, "s", Instant.parse("2026-11-20T09:00:00Z"),
                    status.code(), new SplittableRandom(5)));
            assertEquals(a, b);
            assertTrue(spec().statusCodes().contains(a.status()));
            assertTrue(a.from() == null || a.from().length() <= 4);
            assertTrue(a.to() == null || a.to().length() <= 4);
        }
    }

    @Test
    public void someButNotAllSampleCustomersSubscribeAndAlwaysTheSameWay() {
        UsageSampleData sample = sampleData();
        List<Optional<SampleDataProvider.SampleSubscription>> first = new ArrayList<>();
        List<Optional<SampleDataProvider.SampleSubscription>> again = new ArrayList<>();
        LocalDate today = LocalDate.of(2026, 1, 1);
        for (int n = 1; n <= 200; n++) {
            first.add(sample.sampleSubscription(new SampleDataProvider.SampleCustomer(n, today, new SplittableRandom(n))));
            again.add(sample.sampleSubscription(new SampleDataProvider.SampleCustomer(n, today, new SplittableRandom(n))));
        }
        assertEquals(first, again);
        long subscribed = first.stream().filter(Optional::isPresent).count();
        assertTrue("sample customers subscribed: " + subscribed, subscribed > 0 && subscribed < 200);
        for (Optional<SampleDataProvider.SampleSubscription> s : first) {
            s.ifPresent(sub -> assertTrue(sub.toString(), sub.quota() == null || sub.quantity() == null
                    || sub.quantity() <= sub.quota()));
        }
    }

    @Test
    public void productIsACommunicationsProduct() {
        Product p = product();
        assertEquals(spec().productId(), p.id());
        assertEquals("communications", p.family());
        assertFalse(p.iconSvg().contains("<script"));
    }
}
