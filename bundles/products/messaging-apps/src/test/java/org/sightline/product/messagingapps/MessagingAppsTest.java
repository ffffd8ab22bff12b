package org.sightline.product.messagingapps;

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

public class MessagingAppsTest {
    private static final CustomerRef ACME = new CustomerRef(7, 1, "ACC-7", "Acme", "EUR", true);
    private final UsageLog usage = mock(UsageLog.class);
    private final MessagingAppsIngest ingest = new MessagingAppsIngest(usage);

    private static IngestRecord line(int n, Map<String, Object> fields) {
        Map<String, Object> all = new HashMap<>(Map.of("time", "2026-11-21T10:15:30Z", "channel", "whatsapp",
                "direction", "outbound", "status", "read", "from", "+49 30 5550001", "to", "+49 151 98765432",
                "text", "Hi Jane, your parcel 4711 is here", "profileName", "Jane Doe"));
        all.putAll(fields);
        all.values().removeIf(v -> v == null);
        return new IngestRecord(n, ACME, "wamid." + n, all);
    }

    @Test
    public void mapsAMessagePricedByChannelKeepingNoContent() throws Exception {
        UsageRecord r = ingest.map(line(1, Map.of()));
        assertEquals(Direction.OUTBOUND, r.direction());
        assertEquals("read", r.status());
        assertEquals("whatsapp", r.pricingKey());
        assertEquals("0001", r.from());
        assertEquals("5432", r.to());
        assertEquals(1, r.quantity());
        assertFalse(r.toString().contains("Jane") || r.toString().contains("parcel") || r.toString().contains("98765432"));
        assertEquals("viber", ingest.map(line(2, with("channel", "viber"))).pricingKey());
    }

    @Test
    public void rejectsBadLinesNamingTheField() {
        rejects("channel", "channel", "pigeon");
        rejects("channel", "channel", null);
        rejects("status", "status", "seen");
        rejects("from", "from", "@jane");
        rejects("direction", "direction", null);
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
        when(usage.ingest(eq(MessagingAppsProduct.ID), same(batch), any(), same(tx))).thenReturn(result);
        assertSame(result, ingest.ingest(batch, tx));
        assertEquals(MessagingAppsProduct.ID, ingest.productId());
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
        when(views.kpis(MessagingAppsProduct.SPEC, req)).thenReturn(kpis);
        when(views.dailySeries(MessagingAppsProduct.SPEC, req)).thenReturn(series);
        when(views.log(MessagingAppsProduct.SPEC, req)).thenReturn(table);
        assertSame(kpis, new MessagingAppsKpis(views).render(req));
        assertSame(series, new MessagingAppsDaily(views).render(req));
        assertSame(table, new MessagingAppsLog(views).render(req));
    }

    @Test
    public void deletesADisconnectedCustomersData() throws Exception {
        DataSource tx = mock(DataSource.class);
        new MessagingAppsDataOwner(usage).deleteCustomerData(ACME, tx);
        verify(usage).deleteCustomerData(ACME, MessagingAppsProduct.ID, tx);
    }

    @Test
    public void sampleDataIsDeterministicAndUsesTheSharedTraffic() throws Exception {
        MessagingAppsSampleData sample = new MessagingAppsSampleData(usage);
        SampleDataProvider.Request req = new SampleDataProvider.Request(ACME, 1, 1, Instant.now(), ZoneId.of("UTC"));
        DataSource tx = mock(DataSource.class);
        sample.writeSample(req, tx);
        verify(usage).writeSample(req, MessagingAppsProduct.SPEC, sample, tx);
        assertEquals(MessagingAppsProduct.ID, sample.productId());
        assertEquals("CHF", sample.samplePrices("CHF").currency());
        for (var status : MessagingAppsProduct.SPEC.statuses()) {
            UsageRecord a = sample.create(new UsageSampleFactory.Event(ACME, "s", Instant.parse("2026-11-20T09:00:00Z"),
                    status.code(), new SplittableRandom(5)));
            UsageRecord b = sample.create(new UsageSampleFactory.Event(ACME, "s", Instant.parse("2026-11-20T09:00:00Z"),
                    status.code(), new SplittableRandom(5)));
            assertEquals(a, b);
            assertTrue(MessagingAppsProduct.SPEC.statusCodes().contains(a.status()));
            assertTrue(a.from() == null || a.from().length() <= 4);
            assertTrue(a.to() == null || a.to().length() <= 4);
        }
    }

    @Test
    public void productIsACommunicationsProduct() {
        MessagingAppsProduct p = new MessagingAppsProduct();
        assertEquals(MessagingAppsProduct.ID, p.id());
        assertEquals("communications", p.family());
        assertFalse(p.iconSvg().contains("<script"));
    }
}
