package org.sightline.product.messagingapps;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

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

public class MessagingAppsTest extends UsageProductContract {
    private final MessagingAppsIngest ingest = new MessagingAppsIngest(usage);

    @Override protected Product product() { return new MessagingAppsProduct(); }
    @Override protected UsageSpec spec() { return MessagingAppsProduct.SPEC; }
    @Override protected UsageIngestHandler ingestHandler() { return ingest; }
    @Override protected List<DashboardWidget> widgets(UsageViews views) {
        return List.of(new MessagingAppsKpis(views), new MessagingAppsDaily(views), new MessagingAppsLog(views));
    }
    @Override protected UsageSampleData sampleData() { return new MessagingAppsSampleData(usage); }
    @Override protected Map<String, Object> validLine() {
        return Map.of("time", "2026-11-21T10:15:30Z", "channel", "whatsapp",
                "direction", "outbound", "status", "read", "from", "+49 30 5550001", "to", "+49 151 98765432",
                "text", "Hi Jane, your parcel 4711 is here", "profileName", "Jane Doe");
    }
    @Override protected String recordIdPrefix() { return "wamid."; }

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

}
