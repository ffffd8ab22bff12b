package org.sightline.product.voice;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.Test;
import org.sightline.api.Product;
import org.sightline.api.usage.Direction;
import org.sightline.api.usage.UsageIngestHandler;
import org.sightline.api.usage.UsageRecord;
import org.sightline.api.usage.UsageSampleData;
import org.sightline.api.usage.UsageSpec;
import org.sightline.api.usage.UsageViews;
import org.sightline.api.widget.DashboardWidget;
import org.sightline.product.testkit.UsageProductContract;

public class VoiceTest extends UsageProductContract {
    private final VoiceIngest ingest = new VoiceIngest(usage);

    @Override protected Product product() { return new VoiceProduct(); }
    @Override protected UsageSpec spec() { return VoiceProduct.SPEC; }
    @Override protected UsageIngestHandler ingestHandler() { return ingest; }
    @Override protected List<DashboardWidget> widgets(UsageViews views) {
        return List.of(new VoiceKpis(views), new VoiceDaily(views), new VoiceLog(views));
    }
    @Override protected UsageSampleData sampleData() { return new VoiceSampleData(usage); }
    @Override protected Map<String, Object> validLine() {
        return Map.of("time", "2026-11-21T10:15:30Z", "direction", "inbound",
                "status", "answered", "from", "+49 170 1234567", "to", "+49 30 5550042", "duration", 61L,
                "country", "DE", "callerName", "Jane Doe");
    }
    @Override protected String recordIdPrefix() { return "CA"; }

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

}
