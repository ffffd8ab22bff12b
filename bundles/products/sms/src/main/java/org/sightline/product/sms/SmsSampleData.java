package org.sightline.product.sms;

import java.math.BigDecimal;
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
 * Sample SMS traffic: mostly outbound notifications from a sender id to mobile numbers, some replies,
 * long messages split into several segments, destinations weighted towards a few countries.
 */
@Component(service = SampleDataProvider.class)
public class SmsSampleData extends UsageSampleData {

    /** Sample subscription statuses, the active ones most likely. */
    private static final List<String> STATUSES = List.of("active", "active", "active", "active", "trial", "expired",
            "suspended");

    private static final String[] COUNTRIES = {"DE", "DE", "DE", "AT", "CH", "FR", "NL", "GB", "US"};
    private static final String[] PREFIXES = {"+49151", "+49160", "+49170", "+43664", "+41791", "+33612", "+31612",
        "+44770", "+1415"};

    @Activate
    public SmsSampleData(@Reference UsageLog usage) {
        super(usage, SmsProduct.SPEC);
    }

    @Override
    public int weekdayVolume() {
        return 180;
    }

    @Override
    public PriceList samplePrices(String currency) {
        return new PriceList(currency, new BigDecimal("0.0750"), Map.of("de", new BigDecimal("0.0650"),
                "at", new BigDecimal("0.0700"), "us", new BigDecimal("0.0120"), "gb", new BigDecimal("0.0380")));
    }

    @Override
    public UsageRecord create(Event e) {
        int c = e.random().nextInt(COUNTRIES.length);
        boolean inbound = e.random().nextInt(10) == 0;
        String remote = PREFIXES[c] + (1_000_000 + e.random().nextInt(8_999_999));
        String own = "+49151" + (2_000_000 + e.random().nextInt(100));
        int segments = e.random().nextInt(10) < 8 ? 1 : 2 + e.random().nextInt(3);
        return new UsageRecord(e.customer(), e.recordId(), e.time(), inbound ? Direction.INBOUND : Direction.OUTBOUND,
                e.status(), inbound ? remote : own, inbound ? own : remote, COUNTRIES[c], segments, null, Map.of());
    }

    /** Nearly half of the sample customers send SMS, in bundles of 1 000 messages; most are active. */
    @Override
    public Optional<SampleSubscription> sampleSubscription(SampleCustomer customer) {
        return customer.random().nextInt(100) < 45
                ? Optional.of(SampleSubscription.drawn(customer, STATUSES, 1000))
                : Optional.empty();
    }
}
