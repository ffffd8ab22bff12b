package org.sightline.product.voice;

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
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import javax.sql.DataSource;

import org.junit.Test;
import org.sightline.api.CustomerRef;
import org.sightline.api.Viewer;
import org.sightline.api.data.SampleDataProvider;
import org.sightline.api.ingest.IngestBatch;
import org.sightline.api.ingest.IngestRecord;
import org.sightline.api.ingest.IngestResult;
import org.sightline.api.ingest.InvalidRecordException;
import org.sightline.api.usage.Direction;
import org.sightline.api.usage.UsageLog;
import org.sightline.api.usage.UsageRecord;
import org.sightline.api.usage.UsageSampleFactory;
import org.sightline.api.usage.UsageViews;
import org.sightline.api.view.KpiView;
import org.sightline.api.view.TableView;
import org.sightline.api.view.TimeSeriesView;
import org.sightline.api.widget.PageRequest;
import org.sightline.api.widget.TimeRange;
import org.sightline.api.widget.WidgetRequest;

public class VoiceTest {
    private static final CustomerRef ACME = new CustomerRef(7, 1, "ACC-7", "Acme", "EUR", true);
    private final UsageLog usage = mock(UsageLog.class);
    private final VoiceIngest ingest = new VoiceIngest(usage);

    private static IngestRecord line(int n, Map<String, Object> fields) {
        Map<String, Object> all = new HashMap<>(Map.of("time", "2026-11-21T10:15:30Z", "direction", "inbound",
                "status", "answered", "from", "+49 170 1234567", "to", "+49 30 5550042", "duration", 61L,
                "country", "DE", "callerName", "Jane Doe"));
        all.putAll(fields);
        all.values().removeIf(v -> v == null);
        return new IngestRecord(n, ACME, "CA" + n, all);
    }

    @Test
    public void mapsACallBillingStartedMinutesOfAnsweredCalls() throws Exception {
        UsageRecord r = ingest.map(line(1, Map.of()));
        assertEquals(Direction.INBOUND, r.direction());
        assertEquals("answered", r.status());
        assertEquals("4567", r.from());
        assertEquals("0042", r.to());
        assertEquals("de", r.pricingKey());
        assertEquals(2, r.quantity());
        assertEquals(Duration.ofSeconds(61), r.duration());
        assertFalse(r.toString().contains("Jane") || r.toString().contains("1234567"));
        assertEquals(0, ingest.map(line(2, with("status", "missed", "duration", 20L))).quantity());
        assertEquals(1, ingest.map(line(3, with("duration", 60L))).quantity());
        assertEquals(null, ingest.map(line(4, with("country", null))).pricingKey());
    }

    @Test
    public void rejectsBadLinesNamingTheField() {
        rejects("status", "status", "ringing");
        rejects("duration", "duration", -1L);
        rejects("duration", "duration", "long");
        rejects("from", "from", "anonymous");
        rejects("to", "to", null);
        rejects("direction", "direction", "both");
        rejects("country", "country", "D1");
        rejects("time", "time", "2026-11-21");
    }

    private static Map<String, Object> with(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    private void rejects(String field, Object... kv) {
        assertEquals(field, assertThrows(InvalidRecordException.class, () -> ingest.map(line(1, with(kv)))).field());
    }

    @Test
    public void ingestsThroughTheSharedUsageLog() throws Exception {
        DataSource tx = mock(DataSource.class);
        IngestBatch batch = new IngestBatch(1, List.of(line(1, Map.of())));
        IngestResult result = new IngestResult(1, 0, List.of());
        when(usage.ingest(eq(VoiceProduct.ID), same(batch), any(), same(tx))).thenReturn(result);
        assertSame(result, ingest.ingest(batch, tx));
        assertEquals(VoiceProduct.ID, ingest.productId());
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
        when(views.kpis(VoiceProduct.SPEC, req)).thenReturn(kpis);
        when(views.dailySeries(VoiceProduct.SPEC, req)).thenReturn(series);
        when(views.log(VoiceProduct.SPEC, req)).thenReturn(table);
        assertSame(kpis, new VoiceKpis(views).render(req));
        assertSame(series, new VoiceDaily(views).render(req));
        assertSame(table, new VoiceLog(views).render(req));
    }

    @Test
    public void deletesADisconnectedCustomersData() throws Exception {
        DataSource tx = mock(DataSource.class);
        new VoiceDataOwner(usage).deleteCustomerData(ACME, tx);
        verify(usage).deleteCustomerData(ACME, VoiceProduct.ID, tx);
    }

    @Test
    public void sampleDataIsDeterministicAndUsesTheSharedTraffic() throws Exception {
        VoiceSampleData sample = new VoiceSampleData(usage);
        SampleDataProvider.Request req = new SampleDataProvider.Request(ACME, 1, 1, Instant.now(), ZoneId.of("UTC"));
        DataSource tx = mock(DataSource.class);
        sample.writeSample(req, tx);
        verify(usage).writeSample(req, VoiceProduct.SPEC, sample, tx);
        assertEquals(VoiceProduct.ID, sample.productId());
        assertEquals("CHF", sample.samplePrices("CHF").currency());
        for (var status : VoiceProduct.SPEC.statuses()) {
            UsageRecord a = sample.create(new UsageSampleFactory.Event(ACME, "s", Instant.parse("2026-11-20T09:00:00Z"),
                    status.code(), new SplittableRandom(5)));
            UsageRecord b = sample.create(new UsageSampleFactory.Event(ACME, "s", Instant.parse("2026-11-20T09:00:00Z"),
                    status.code(), new SplittableRandom(5)));
            assertEquals(a, b);
            assertTrue(VoiceProduct.SPEC.statusCodes().contains(a.status()));
            assertTrue(a.from() == null || a.from().length() <= 4);
            assertTrue(a.to() == null || a.to().length() <= 4);
        }
    }

    @Test
    public void productIsACommunicationsProduct() {
        VoiceProduct p = new VoiceProduct();
        assertEquals(VoiceProduct.ID, p.id());
        assertEquals("communications", p.family());
        assertFalse(p.iconSvg().contains("<script"));
    }
}
