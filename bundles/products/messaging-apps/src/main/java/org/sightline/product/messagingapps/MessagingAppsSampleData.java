package org.sightline.product.messagingapps;

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

/** Sample customer-service chat: mostly WhatsApp, replies about as common as outbound messages. */
@Component(service = SampleDataProvider.class)
public class MessagingAppsSampleData extends UsageSampleData {

    /** Sample subscription statuses, the active ones most likely. */
    private static final List<String> STATUSES = List.of("active", "active", "active", "active", "trial", "expired",
            "suspended");

    /** Channel shares in percent, in {@link MessagingAppsProduct#CHANNELS} order. */
    private static final int[] SHARES = {62, 14, 9, 9, 3, 2, 1};

    @Activate
    public MessagingAppsSampleData(@Reference UsageLog usage) {
        super(usage, MessagingAppsProduct.SPEC);
    }

    @Override
    public int weekdayVolume() {
        return 220;
    }

    @Override
    public PriceList samplePrices(String currency) {
        return new PriceList(currency, new BigDecimal("0.0200"), Map.of("whatsapp", new BigDecimal("0.0350"),
                "viber", new BigDecimal("0.0250"), "rcs", new BigDecimal("0.0300")));
    }

    @Override
    public UsageRecord create(Event e) {
        int p = e.random().nextInt(100);
        int c = 0;
        for (int acc = SHARES[0]; p >= acc; acc += SHARES[++c]) {
            // find the channel whose share covers p
        }
        boolean inbound = e.random().nextInt(5) < 2;
        String remote = "+49" + (1_510_000_000L + e.random().nextInt(190_000_000));
        String own = "+4930" + (5_550_000 + e.random().nextInt(5));
        String status = inbound && e.status().equals("read") ? "delivered" : e.status();
        return new UsageRecord(e.customer(), e.recordId(), e.time(), inbound ? Direction.INBOUND : Direction.OUTBOUND,
                status, inbound ? remote : own, inbound ? own : remote, MessagingAppsProduct.CHANNELS.get(c), 1, null,
                Map.of());
    }

    /** Three in ten sample customers chat through messaging apps, in bundles of 1 000 conversations. */
    @Override
    public Optional<SampleSubscription> sampleSubscription(SampleCustomer customer) {
        return customer.random().nextInt(100) < 30
                ? Optional.of(SampleSubscription.drawn(customer, STATUSES, 1000))
                : Optional.empty();
    }
}
