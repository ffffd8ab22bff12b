package org.sightline.core;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;
import org.sightline.api.Viewer;

/**
 * What partner staff do to a customer. Every method first checks that the viewer may see the customer
 * ({@link NotFoundException} otherwise, whatever the role), then that the viewer may act
 * ({@link ForbiddenException} for viewers and view-only partners), and records the outcome in the
 * {@link AuditLog}.
 */
@ProviderType
public interface CustomerActions {

    /** Edits the customer's information. @throws InvalidParameterException naming the field */
    CustomerDetails update(Viewer viewer, long customerId, CustomerUpdate update);

    /**
     * Creates a customer in the viewer's partner, as a partner admin: {@code name} and {@code currency} are
     * required, every field follows the same rules as {@link #update}; access is enabled unless the fields
     * say otherwise. Audited ({@code customer.create}).
     *
     * @param accountId the customer's account id, unique in the partner (1 to 64 letters, digits, {@code . _ -})
     * @throws ForbiddenException        without {@link Roles#PARTNER_ADMIN} and {@code customer.act}
     * @throws InvalidParameterException naming the field
     * @throws ConflictException         when the partner has a customer with that account id
     */
    CustomerDetails create(Viewer viewer, String accountId, CustomerUpdate fields);

    /**
     * Replaces the customer's logo: PNG, JPEG or WebP, checked from the bytes, at most 256 KiB.
     *
     * @return the type found in the bytes
     */
    String setLogo(Viewer viewer, long customerId, byte[] image);

    /** Pins the customer for the viewer (first in the viewer's list), or unpins it. */
    void pin(Viewer viewer, long customerId, boolean pinned);

    /** Hides or shows the customer's expired services. */
    void hideExpired(Viewer viewer, long customerId, boolean hide);

    /** Adds services (new subscriptions). @throws InvalidParameterException when one exists already */
    List<Subscription> addSubscriptions(Viewer viewer, long customerId, List<SubscriptionChange> services);

    /**
     * An operator (the Karaf shell, server-wide) subscribes a customer of any partner to a product, or changes the
     * status of its subscription; audited under the operator's name.
     *
     * @param operator who acts ({@code server.admin}), named in the audit log (such as {@code shell:karaf})
     * @throws ForbiddenException      without {@code server.admin}
     * @throws NotFoundException        when there is no such customer
     * @throws InvalidParameterException when the product id or status is not valid
     */
    void subscribeAsOperator(Viewer operator, long customerId, String productId, String status);

    /** Edits a subscription. */
    Subscription editSubscription(Viewer viewer, long customerId, String productId, SubscriptionChange change);

    /**
     * Disconnects the customer: every module's data and the core's rows are deleted in one transaction.
     *
     * @param confirm must be {@code Yes}
     * @return the modules whose data was deleted
     */
    List<String> disconnect(Viewer viewer, long customerId, String confirm);

    /**
     * The customer's environment URL, for the open-environment link (audited).
     *
     * @throws ConflictException when access to the customer's tenant is disabled or no URL is set
     */
    String openEnvironment(Viewer viewer, long customerId);
}
