package org.sightline.product.video;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sightline.api.data.SampleDataProvider;
import org.sightline.api.usage.Direction;
import org.sightline.api.usage.PriceList;
import org.sightline.api.usage.UsageLog;
import org.sightline.api.usage.UsageRecord;
import org.sightline.api.usage.UsageSampleData;

/** Sample meetings: mostly 2 to 8 people for 15 to 60 minutes, now and then an all-hands. */
@Component(service = SampleDataProvider.class)
public class VideoSampleData extends UsageSampleData {

    @Activate
    public VideoSampleData(@Reference UsageLog usage) {
        super(usage, VideoProduct.SPEC);
    }

    @Override
    public int weekdayVolume() {
        return 14;
    }

    @Override
    public PriceList samplePrices(String currency) {
        return new PriceList(currency, new BigDecimal("0.4500"), Map.of());
    }

    @Override
    public UsageRecord create(Event e) {
        boolean allHands = e.random().nextInt(40) == 0;
        int participants = allHands ? 30 + e.random().nextInt(120) : 2 + e.random().nextInt(7);
        long seconds = switch (e.status()) {
            case "completed" -> allHands ? 3600 : 900 + e.random().nextInt(2700);
            case "dropped" -> 60 + e.random().nextInt(900);
            default -> e.random().nextInt(30);
        };
        return new UsageRecord(e.customer(), e.recordId(), e.time(), Direction.NONE, e.status(), null, null, null, 1,
                Duration.ofSeconds(seconds), Map.of("participants", Integer.toString(participants)));
    }
}
