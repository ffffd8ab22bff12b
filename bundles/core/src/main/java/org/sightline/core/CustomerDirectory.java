package org.sightline.core;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;
import org.sightline.api.CustomerRef;
import org.sightline.api.Viewer;

/** Partners, customers and subscriptions, scoped to the caller. */
@ProviderType
public interface CustomerDirectory {

    /** The customer, if it exists and the viewer may see it. */
    Optional<CustomerRef> find(Viewer viewer, long customerId);

    /** The customer with the account id in the partner, if any. */
    Optional<CustomerRef> findByAccount(long partnerId, String accountId);

    /** The product ids the customer subscribes to (any status but expired). */
    List<String> subscribedProducts(long customerId);

    /** The first partner created (the sample partner on a fresh install), if any. */
    Optional<Long> defaultPartner();

    /** Creates a partner, returning its id. */
    long createPartner(String name);

    /** Creates a customer, returning it. */
    CustomerRef createCustomer(long partnerId, String accountId, String name, String currency, boolean accessEnabled);

    /** Subscribes the customer to a product, or changes the status of its subscription. */
    void subscribe(long customerId, String productId, String status);
}
