package org.sightline.family.backup.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.sightline.api.CustomerRef;
import org.sightline.api.Permissions;
import org.sightline.api.Viewer;
import org.sightline.core.CustomerDirectory;
import org.sightline.core.CustomerPage;
import org.sightline.core.CustomerQuery;
import org.sightline.core.CustomerSummary;
import org.sightline.core.Roles;

/**
 * The other sample customers of a backup product: the partner's generated sample customers (account ids
 * {@code SL-…}) whose dashboard shows the product — subscribed to it, the subscription not expired, access to their
 * tenant on — besides the Sample Customer the core asked about, read through the core's customer directory as a
 * partner-wide reader of that partner (the core's scope rules apply as to anyone), as the governance family finds
 * its own.
 */
final class SampleSubscribers {
    /** At most this many other sample customers of a product get sample backups. */
    static final int MAX_CUSTOMERS = 1000;
    /**
     * The account ids of the sample partner's generated customers, as the core's sample loader writes them: real
     * customers someone adds to the sample partner (an integration test's, say) never get sample data.
     */
    static final String SAMPLE_ACCOUNTS = "SL-";
    private static final int PAGE = 500;

    private SampleSubscribers() {
    }

    /**
     * The partner's generated sample customers subscribed to the product, by account id, without {@code sample}.
     *
     * @param customers the core's customer directory
     * @param sample    the customer the core wrote sample data for (its partner is the sample partner)
     * @param productId the product
     * @param max       at most this many, at most {@link #MAX_CUSTOMERS}
     */
    static List<CustomerRef> of(CustomerDirectory customers, CustomerRef sample, String productId, int max) {
        int limit = Math.min(max, MAX_CUSTOMERS);
        Viewer reader = new Viewer("sample-data", sample.partnerId(), Set.of(Roles.ADMIN),
                Set.of(Permissions.CUSTOMER_READ));
        List<CustomerRef> out = new ArrayList<>();
        if (limit <= 0) {
            return out;
        }
        String cursor = null;
        do {
            CustomerPage page = customers.list(reader, new CustomerQuery(SAMPLE_ACCOUNTS, productId, null, null, false,
                    "accountId", cursor, PAGE));
            for (CustomerSummary s : page.items()) {
                if (out.size() >= limit) {
                    return out;
                }
                if (s.id() != sample.id() && s.accountId().startsWith(SAMPLE_ACCOUNTS)) {
                    customers.find(reader, s.id()).filter(c -> shows(customers, reader, c, productId)).ifPresent(out::add);
                }
            }
            cursor = page.nextCursor();
        } while (cursor != null);
        return out;
    }

    /** Whether the customer's dashboard shows the product: access on and a subscription to it that is not expired. */
    private static boolean shows(CustomerDirectory customers, Viewer reader, CustomerRef c, String productId) {
        return c.accessEnabled() && customers.subscriptions(reader, c.id(), null).stream()
                .anyMatch(s -> s.productId().equals(productId) && !"expired".equals(s.status()));
    }
}
