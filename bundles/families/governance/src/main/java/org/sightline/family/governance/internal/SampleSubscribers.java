package org.sightline.family.governance.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sightline.api.CustomerRef;
import org.sightline.api.Permissions;
import org.sightline.api.Viewer;
import org.sightline.api.data.SampleDataProvider;
import org.sightline.api.governance.GovernanceSamples;
import org.sightline.core.CustomerDirectory;
import org.sightline.core.CustomerPage;
import org.sightline.core.CustomerQuery;
import org.sightline.core.CustomerSummary;
import org.sightline.core.Roles;

/**
 * The sample customers of a governance product: the Sample Customer the core asked about, and the partner's
 * generated sample customers (account ids {@code SL-…}) that subscribe to the product, read through the core's customer directory as a partner-wide
 * reader of that partner (the core's scope rules apply as to anyone).
 */
@Component(service = GovernanceSamples.class)
public class SampleSubscribers implements GovernanceSamples {
    private static final int PAGE = 500;
    /**
     * The account ids of the sample partner's generated customers, as the core's sample loader writes them: real
     * customers someone adds to the sample partner (an integration test's, say) never get sample data.
     */
    static final String SAMPLE_ACCOUNTS = "SL-";
    private final CustomerDirectory customers;

    @Activate
    public SampleSubscribers(@Reference CustomerDirectory customers) {
        this.customers = customers;
    }

    @Override
    public List<CustomerRef> subscribers(SampleDataProvider.Request request, String productId) {
        CustomerRef sample = request.customer();
        Viewer reader = new Viewer("sample-data", sample.partnerId(), Set.of(Roles.ADMIN),
                Set.of(Permissions.CUSTOMER_READ));
        List<CustomerRef> out = new ArrayList<>();
        out.add(sample);
        String cursor = null;
        do {
            CustomerPage page = customers.list(reader, new CustomerQuery(SAMPLE_ACCOUNTS, productId, null, null, false,
                    "accountId", cursor, PAGE));
            for (CustomerSummary s : page.items()) {
                if (out.size() >= MAX_CUSTOMERS) {
                    return out;
                }
                if (s.id() != sample.id() && s.accountId().startsWith(SAMPLE_ACCOUNTS)) {
                    customers.find(reader, s.id()).ifPresent(out::add);
                }
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        return out;
    }
}
