package org.sightline.core;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;
import org.sightline.api.CustomerRef;
import org.sightline.api.Viewer;

/** Partners, customers and subscriptions, scoped to the caller. */
@ProviderType
public interface CustomerDirectory {

    /**
     * The customer, if it exists and the viewer may see it: a customer of the viewer's partner that is
     * assigned to the viewer directly or through a group, or any of the partner's customers for an admin
     * or a read-only token.
     */
    Optional<CustomerRef> find(Viewer viewer, long customerId);

    /** A page of the customers the viewer may see. @throws InvalidParameterException naming the parameter */
    CustomerPage list(Viewer viewer, CustomerQuery query);

    /** Everything about a customer the viewer may see. @throws NotFoundException otherwise */
    CustomerDetails details(Viewer viewer, long customerId);

    /**
     * The customer's subscriptions as shown (expired ones left out when the customer hides them).
     *
     * @param status only this status, or {@code null}
     * @throws NotFoundException when the viewer may not see the customer
     */
    List<Subscription> subscriptions(Viewer viewer, long customerId, String status);

    /** The customer's logo. @throws NotFoundException when the customer is not visible or has none */
    Logo logo(Viewer viewer, long customerId);

    /** The groups of the viewer's partner: all for an admin, else those holding a customer the viewer sees. */
    List<CustomerSummary.GroupRef> groups(Viewer viewer);

    /** Creates a group in the partner, or returns the existing one of that name. */
    long createGroup(long partnerId, String name);

    /** Puts a customer of the group's partner in the group. */
    void addToGroup(long groupId, long customerId);

    /** Partner ids and names. */
    java.util.Map<Long, String> partners();

    /** The customer with the account id in the partner, if any. */
    Optional<CustomerRef> findByAccount(long partnerId, String accountId);

    /** The product ids the customer subscribes to (any status but expired). */
    List<String> subscribedProducts(long customerId);

    /** The first partner created (the sample partner on a fresh install), if any. */
    Optional<Long> defaultPartner();

    /** Creates a partner, returning its id. */
    default long createPartner(String name) {
        return createPartner(name, false);
    }

    /**
     * Creates a partner (an operator's job), returning its id.
     *
     * @param viewOnly whether its staff only look (a view-only partner hub): no customer actions
     */
    long createPartner(String name, boolean viewOnly);

    /** Creates a customer, returning it. */
    CustomerRef createCustomer(long partnerId, String accountId, String name, String currency, boolean accessEnabled);

    /** The partner's customer count. */
    long count(long partnerId);

}
