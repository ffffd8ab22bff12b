package org.sightline.product.video;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sightline.api.data.SampleDataProvider;
import org.sightline.api.data.SampleDataProvider.SampleCustomer;
import org.sightline.api.data.SampleDataProvider.SampleSubscription;
import org.sightline.api.usage.Direction;
import org.sightline.api.usage.PriceList;
import org.sightline.api.usage.UsageLog;
import org.sightline.api.usage.UsageRecord;
import org.sightline.api.usage.UsageSampleData;

/** Sample meetings: mostly 2 to 8 people for 15 to 60 minutes, now and then an all-hands. */
@Component(service = SampleDataProvider.class)
public class VideoSampleData extends UsageSampleData {

    /** Sample subscription statuses, the active ones most likely. */
    private static final List<String> STATUSES = List.of("active", "active", "active", "active", "trial", "expired",
            "suspended");

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

    /** A quarter of the sample customers have Video, licensed in 10-seat steps. */
    @Override
    public Optional<SampleSubscription> sampleSubscription(SampleCustomer customer) {
        return customer.random().nextInt(100) < 25
                ? Optional.of(SampleSubscription.drawn(customer, STATUSES, 10))
                : Optional.empty();
    }
}
