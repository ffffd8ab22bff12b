package org.sightline.api.governance;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;
import org.sightline.api.CustomerRef;
import org.sightline.api.data.SampleDataProvider;

/**
 * The sample customers a governance product writes sample data for. The core asks a
 * {@link SampleDataProvider} for the Sample Customer only; a governance product's data is small (counts per
 * day), so it writes 90 days for every sample customer that subscribes to it.
 */
@ProviderType
public interface GovernanceSamples {

    /** At most this many sample customers of a product get sample data, the Sample Customer first. */
    int MAX_CUSTOMERS = 1000;

    /**
     * The request's customer, then the partner's other sample customers (those the core's sample loader made) that
     * subscribe to the product, by account id, at most {@link #MAX_CUSTOMERS} in all.
     *
     * @param request   the core's sample-data request for the Sample Customer
     * @param productId the product
     */
    List<CustomerRef> subscribers(SampleDataProvider.Request request, String productId);
}
