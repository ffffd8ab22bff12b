package org.sightline.core.internal.tenancy;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.sightline.api.CustomerRef;

/**
 * The tenancy tables by raw id, for the core's own components that act for no caller or have checked the
 * caller already: the sample-data loader, ingestion (the sender's partner), the dashboard composer (a
 * customer found in the viewer's scope) and {@link ProvisioningImpl}. Never exported: web, shell and
 * families go through {@link org.sightline.core.CustomerDirectory} and {@link org.sightline.core.Provisioning},
 * which take the caller.
 */
public interface Tenancy {

    /** Creates a group in the partner, or returns the existing one of that name. */
    long createGroup(long partnerId, String name);

    /** Puts a customer of the group's partner in the group. */
    void addToGroup(long groupId, long customerId);

    /** Partner ids and names. */
    Map<Long, String> partners();

    /** The customer with that id, of any partner, if any. */
    Optional<CustomerRef> customer(long customerId);

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
     * Creates a partner, returning its id.
     *
     * @param viewOnly whether its staff only look (a view-only partner hub): no customer actions
     */
    long createPartner(String name, boolean viewOnly);

    /** Creates a customer, returning it. */
    CustomerRef createCustomer(long partnerId, String accountId, String name, String currency, boolean accessEnabled);

    /** The partner's customer count. */
    long count(long partnerId);

    /**
     * A customer's report settings, for the report delivery: whether reports and billing reports may be sent to
     * the customer, to whom, and its billing profile.
     */
    record ReportSettings(boolean reportSend, List<String> reportRecipients, boolean billingSend,
                          List<String> billingRecipients, String billingProfile) {
    }

    /** The customer's report settings, if the customer exists. */
    Optional<ReportSettings> reportSettings(long customerId);

    /** The customers of every partner that have billing reports sent (on, with recipients), by id. */
    List<Long> billingCustomers();
}
