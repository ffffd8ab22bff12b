package org.sightline.product.video;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import java.time.Duration;
import java.time.Instant;
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

public class VideoTest extends UsageProductContract {
    private final VideoIngest ingest = new VideoIngest(usage);

    @Override protected Product product() { return new VideoProduct(); }
    @Override protected UsageSpec spec() { return VideoProduct.SPEC; }
    @Override protected UsageIngestHandler ingestHandler() { return ingest; }
    @Override protected List<DashboardWidget> widgets(UsageViews views) {
        return List.of(new VideoKpis(views), new VideoDaily(views), new VideoLog(views));
    }
    @Override protected UsageSampleData sampleData() { return new VideoSampleData(usage); }
    @Override protected Map<String, Object> validLine() {
        return Map.of("start", "2026-11-21T10:00:00Z", "duration", 2710L,
                "participants", 6L, "status", "completed", "title", "Salary review with Jane Doe");
    }
    @Override protected String recordIdPrefix() { return "VS"; }

    @Test
    public void mapsASessionAsOnePricedSession() throws Exception {
        UsageRecord r = ingest.map(line(1, Map.of()));
        assertEquals(Instant.parse("2026-11-21T10:00:00Z"), r.time());
        assertEquals(Direction.NONE, r.direction());
        assertEquals("completed", r.status());
        assertEquals(1, r.quantity());
        assertEquals(Duration.ofSeconds(2710), r.duration());
        assertEquals(Map.of("participants", "6"), r.attributes());
        assertEquals(null, r.from());
        assertFalse(r.toString().contains("Jane"));
    }

    @Test
    public void rejectsBadLinesNamingTheField() {
        rejects("start", "start", null);
        rejects("participants", "participants", 0L);
        rejects("duration", "duration", new java.math.BigDecimal("1.5"));
        rejects("status", "status", "ongoing");
    }

}
