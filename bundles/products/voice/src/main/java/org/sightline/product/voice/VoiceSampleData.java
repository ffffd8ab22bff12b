package org.sightline.product.voice;

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

/**
 * Sample calls: an office switchboard with as many inbound as outbound calls, mostly short, a few long
 * conference-style calls, mostly national destinations.
 */
@Component(service = SampleDataProvider.class)
public class VoiceSampleData extends UsageSampleData {

    /** Sample subscription statuses, the active ones most likely. */
    private static final List<String> STATUSES = List.of("active", "active", "active", "active", "trial", "expired",
            "suspended");

    private static final String[] COUNTRIES = {"DE", "DE", "DE", "DE", "AT", "CH", "GB", "US"};
    private static final String[] PREFIXES = {"+4930", "+4940", "+49151", "+49170", "+431", "+4144", "+4420", "+1212"};

    @Activate
    public VoiceSampleData(@Reference UsageLog usage) {
        super(usage, VoiceProduct.SPEC);
    }

    @Override
    public int weekdayVolume() {
        return 70;
    }

    @Override
    public PriceList samplePrices(String currency) {
        return new PriceList(currency, new BigDecimal("0.0200"), Map.of("de", new BigDecimal("0.0150"),
                "at", new BigDecimal("0.0180"), "us", new BigDecimal("0.0100"), "gb", new BigDecimal("0.0160")));
    }

    @Override
    public UsageRecord create(Event e) {
        int c = e.random().nextInt(COUNTRIES.length);
        boolean inbound = e.random().nextBoolean();
        String remote = PREFIXES[c] + (1_000_000 + e.random().nextInt(8_999_999));
        String own = "+4930" + (5_550_000 + e.random().nextInt(40));
        long seconds = switch (e.status()) {
            case "answered" -> e.random().nextInt(20) == 0 ? 900 + e.random().nextInt(2700)
                    : 15 + (long) (-180 * Math.log(1 - e.random().nextDouble()));
            case "missed" -> 0;
            default -> e.random().nextInt(5);
        };
        seconds = Math.min(seconds, 86_400);
        return new UsageRecord(e.customer(), e.recordId(), e.time(), inbound ? Direction.INBOUND : Direction.OUTBOUND,
                e.status(), inbound ? remote : own, inbound ? own : remote, COUNTRIES[c],
                VoiceIngest.billableMinutes(e.status(), seconds), Duration.ofSeconds(seconds), Map.of());
    }

    /** About a third of the sample customers have Voice, in bundles of 500 minutes. */
    @Override
    public Optional<SampleSubscription> sampleSubscription(SampleCustomer customer) {
        return customer.random().nextInt(100) < 35
                ? Optional.of(SampleSubscription.drawn(customer, STATUSES, 500))
                : Optional.empty();
    }
}
