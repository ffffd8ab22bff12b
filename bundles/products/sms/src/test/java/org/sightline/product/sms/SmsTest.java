package org.sightline.product.sms;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import javax.sql.DataSource;

import org.junit.Test;
import org.sightline.api.Product;
import org.sightline.api.data.SampleDataProvider;
import org.sightline.api.ingest.InvalidRecordException;
import org.sightline.api.usage.Direction;
import org.sightline.api.usage.UsageIngestHandler;
import org.sightline.api.usage.UsageRecord;
import org.sightline.api.usage.UsageSampleFactory;
import org.sightline.api.usage.UsageSampleData;
import org.sightline.api.usage.UsageSpec;
import org.sightline.api.usage.UsageViews;
import org.sightline.api.widget.DashboardWidget;
import org.sightline.product.testkit.UsageProductContract;

public class SmsTest extends UsageProductContract {
    private final SmsIngest ingest = new SmsIngest(usage);

    @Override protected Product product() { return new SmsProduct(); }
    @Override protected UsageSpec spec() { return SmsProduct.SPEC; }
    @Override protected UsageIngestHandler ingestHandler() { return ingest; }
    @Override protected List<DashboardWidget> widgets(UsageViews views) {
        return List.of(new SmsKpis(views), new SmsDaily(views), new SmsLog(views));
    }
    @Override protected UsageSampleData sampleData() { return new SmsSampleData(usage); }
    @Override protected Map<String, Object> validLine() {
        return Map.of("time", "2026-11-21T10:15:30Z", "direction", "outbound",
                "status", "delivered", "from", "+49 151 2000042", "to", "+44 7700 900123", "segments", 2L,
                "country", "GB");
    }
    @Override protected String recordIdPrefix() { return "SM"; }

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

}
