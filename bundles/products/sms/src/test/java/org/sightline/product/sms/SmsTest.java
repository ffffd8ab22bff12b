package org.sightline.product.sms;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.same;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import javax.sql.DataSource;

import org.junit.Test;
import org.mockito.ArgumentCaptor;
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
import org.sightline.api.usage.UsageRecordMapper;
import org.sightline.api.usage.UsageSampleFactory;
import org.sightline.api.usage.UsageViews;
import org.sightline.api.view.KpiView;
import org.sightline.api.view.TableView;
import org.sightline.api.view.TimeSeriesView;
import org.sightline.api.widget.PageRequest;
import org.sightline.api.widget.TimeRange;
import org.sightline.api.widget.WidgetRequest;

public class SmsTest {
    private static final CustomerRef ACME = new CustomerRef(7, 1, "ACC-7", "Acme", "EUR", true);
    private final UsageLog usage = mock(UsageLog.class);
    private final SmsIngest ingest = new SmsIngest(usage);

    private static IngestRecord line(int n, Map<String, Object> fields) {
        Map<String, Object> all = new HashMap<>(Map.of("time", "2026-11-21T10:15:30Z", "direction", "outbound",
                "status", "delivered", "from", "+49 151 2000042", "to", "+44 7700 900123", "segments", 2L,
                "country", "GB"));
        all.putAll(fields);
        all.values().removeIf(v -> v == null);
        return new IngestRecord(n, ACME, "SM" + n, all);
    }

    private static Map<String, Object> with(Object... kv) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    public void mapsALineKeepingNoContentNameOrFullNumber() throws Exception {
        UsageRecord r = ingest.map(line(1, with("body", "Your code is 123456", "contactName", "Jane Doe")));
        assertEquals(ACME, r.customer());
        assertEquals("SM1", r.recordId());
        assertEquals(Instant.parse("2026-11-21T10:15:30Z"), r.time());
        assertEquals(Direction.OUTBOUND, r.direction());
        assertEquals("delivered", r.status());
        assertEquals("0042", r.from());
        assertEquals("0123", r.to());
        assertEquals("gb", r.pricingKey());
        assertEquals(2, r.quantity());
        String all = r.toString();
        assertFalse(all, all.contains("Jane") || all.contains("123456") || all.contains("900123")
                || all.contains("2000042"));
    }

    @Test
    public void acceptsAnAlphanumericSenderOnOutboundMessagesOnly() throws Exception {
        assertNull(ingest.map(line(1, with("from", "ACME"))).from());
        assertEquals("from", assertThrows(InvalidRecordException.class,
                () -> ingest.map(line(2, with("from", "ACME", "direction", "inbound")))).field());
    }

    @Test
    public void rejectsBadLinesNamingTheField() {
        Map<String, Map<String, Object>> bad = new HashMap<>();
        bad.put("time", with("time", "yesterday"));
        bad.put("direction", with("direction", "sideways"));
        bad.put("status", with("status", "lost"));
        bad.put("to", with("to", "not a number"));
        bad.put("segments", with("segments", 0L));
        bad.put("country", with("country", "1X"));
        bad.forEach((field, fields) -> assertEquals(field, field, assertThrows(InvalidRecordException.class,
                () -> ingest.map(line(1, fields))).field()));
        assertEquals("country", assertThrows(InvalidRecordException.class,
                () -> ingest.map(line(1, with("country", "Germany")))).field());
        Map<String, Object> missing = with();
        missing.put("to", null);
        assertEquals("to", assertThrows(InvalidRecordException.class, () -> ingest.map(line(1, missing))).field());
    }

    @Test
    public void ingestsThroughTheSharedUsageLog() throws Exception {
        DataSource tx = mock(DataSource.class);
        IngestBatch batch = new IngestBatch(1, List.of(line(1, Map.of())));
        IngestResult result = new IngestResult(1, 0, List.of());
        when(usage.ingest(eq("sms"), same(batch), any(), same(tx))).thenReturn(result);
        assertSame(result, ingest.ingest(batch, tx));
        ArgumentCaptor<UsageRecordMapper> mapper = ArgumentCaptor.forClass(UsageRecordMapper.class);
        verify(usage).ingest(eq("sms"), same(batch), mapper.capture(), same(tx));
        assertEquals("0123", mapper.getValue().map(line(1, Map.of())).to());
        assertEquals("sms", ingest.productId());
    }

    @Test
    public void widgetsDrawTheStandardUsageViews() throws Exception {
        UsageViews views = mock(UsageViews.class);
        WidgetRequest req = new WidgetRequest(ACME, new Viewer("ana", 1, java.util.Set.of(), java.util.Set.of()),
                TimeRange.ending(Instant.parse("2026-11-21T00:00:00Z"), java.time.Duration.ofDays(30)), ZoneId.of("UTC"),
                PageRequest.first(), Map.of(), null);
        KpiView kpis = new KpiView(List.of());
        TimeSeriesView series = new TimeSeriesView("messages", List.of());
        TableView table = new TableView(List.of(), List.of(), null, null);
        when(views.kpis(SmsProduct.SPEC, req)).thenReturn(kpis);
        when(views.dailySeries(SmsProduct.SPEC, req)).thenReturn(series);
        when(views.log(SmsProduct.SPEC, req)).thenReturn(table);
        assertSame(kpis, new SmsKpis(views).render(req));
        assertSame(series, new SmsDaily(views).render(req));
        assertSame(table, new SmsLog(views).render(req));
    }

    @Test
    public void deletesADisconnectedCustomersData() throws Exception {
        DataSource tx = mock(DataSource.class);
        new SmsDataOwner(usage).deleteCustomerData(ACME, tx);
        verify(usage).deleteCustomerData(ACME, "sms", tx);
    }

    @Test
    public void sampleDataIsDeterministicAndPricedInTheCustomersCurrency() throws Exception {
        SmsSampleData sample = new SmsSampleData(usage);
        SampleDataProvider.Request req = new SampleDataProvider.Request(ACME, 1, 1, Instant.now(), ZoneId.of("UTC"));
        DataSource tx = mock(DataSource.class);
        sample.writeSample(req, tx);
        verify(usage).writeSample(req, SmsProduct.SPEC, sample, tx);

        UsageSampleFactory.Event e = new UsageSampleFactory.Event(ACME, "s-1", Instant.parse("2026-11-20T09:00:00Z"),
                "failed", new SplittableRandom(3));
        UsageRecord a = sample.create(e);
        UsageRecord b = sample.create(new UsageSampleFactory.Event(ACME, "s-1", e.time(), "failed", new SplittableRandom(3)));
        assertEquals(a, b);
        assertEquals("failed", a.status());
        assertEquals(4, a.to().length());
        assertEquals("EUR", sample.samplePrices("EUR").currency());
        assertEquals(new BigDecimal("0.0650"), sample.samplePrices("EUR").unitPrice("DE"));
        assertEquals("sms", sample.productId());
    }

    @Test
    public void productIsACommunicationsProduct() {
        SmsProduct p = new SmsProduct();
        assertEquals("sms", p.id());
        assertEquals("SMS", p.displayName());
        assertEquals("communications", p.family());
        assertFalse(p.iconSvg().contains("<script"));
    }
}
