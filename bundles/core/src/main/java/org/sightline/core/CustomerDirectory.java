package org.sightline.core;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;
import org.sightline.api.CustomerRef;
import org.sightline.api.Viewer;

/**
 * Customers, their subscriptions and groups as the caller sees them: every method takes the caller, checks
 * its permission ({@code customer.read}) and scope. Operators set partners and customers up through
 * {@link Provisioning}.
 */
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

    /** The name of the caller's partner (its reports carry it), or {@code ""} when it has none. */
    String partnerName(Viewer viewer);
}
