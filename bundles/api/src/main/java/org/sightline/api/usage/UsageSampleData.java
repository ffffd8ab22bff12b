package org.sightline.api.usage;

import java.util.Objects;

import javax.sql.DataSource;

import org.osgi.annotation.versioning.ConsumerType;
import org.sightline.api.data.SampleDataProvider;

/**
 * The sample data of a usage product: the core's shared sample traffic ({@link UsageLog#writeSample}),
 * shaped by the product's {@link UsageSampleFactory} methods, which are all a product writes.
 *
 * <pre>{@code
 * @Component(service = SampleDataProvider.class)
 * public class SmsSampleData extends UsageSampleData {
 *     @Activate
 *     public SmsSampleData(@Reference UsageLog usage) {
 *         super(usage, SmsProduct.SPEC);
 *     }
 *     // weekdayVolume(), samplePrices(currency), create(event)
 * }
 * }</pre>
 *
 * @since 1.1
 */
@ConsumerType
public abstract class UsageSampleData implements SampleDataProvider, UsageSampleFactory {
    private final UsageLog usage;
    private final UsageSpec spec;

    /**
     * @param usage the core's usage store
     * @param spec  the product's records
     */
    protected UsageSampleData(UsageLog usage, UsageSpec spec) {
        this.usage = Objects.requireNonNull(usage, "usage");
        this.spec = Objects.requireNonNull(spec, "spec");
    }

    @Override
    public final String productId() {
        return spec.productId();
    }

    @Override
    public void writeSample(Request request, DataSource transaction) throws Exception {
        usage.writeSample(request, spec, this, transaction);
    }
}
