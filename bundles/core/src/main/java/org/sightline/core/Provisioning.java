package org.sightline.core;

import java.util.Map;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;
import org.sightline.api.CustomerRef;
import org.sightline.api.Viewer;

/**
 * What a server operator (the Karaf shell, a provisioning script) sets up across partners: partners,
 * customers and customer groups. Every method takes the operator, checks the {@code server.admin}
 * permission ({@link ForbiddenException} otherwise) and audits a change in the partner concerned under
 * the operator's name ({@code partner.create}, {@code customer.create}, {@code group.create},
 * {@code group.add}, {@code token.create}).
 */
@ProviderType
public interface Provisioning {

    /** Partner ids and names. */
    Map<Long, String> partners(Viewer operator);

    /** The first partner created (the sample partner on a fresh install), if any. */
    Optional<Long> defaultPartner(Viewer operator);

    /**
     * Creates a partner, returning its id.
     *
     * @param viewOnly whether its staff only look (a view-only partner hub): no customer actions
     * @throws InvalidParameterException on a bad name
     */
    long createPartner(Viewer operator, String name, boolean viewOnly);

    /**
     * Creates a customer of the partner, access enabled or not.
     *
     * @throws NotFoundException         when there is no such partner
     * @throws InvalidParameterException naming the field at fault, or a taken account id
     */
    CustomerRef createCustomer(Viewer operator, long partnerId, String accountId, String name, String currency,
                               boolean accessEnabled);

    /**
     * Creates a customer group in the partner, or returns the existing one of that name.
     *
     * @throws NotFoundException when there is no such partner
     */
    long createGroup(Viewer operator, long partnerId, String name);

    /**
     * Puts a customer in a group of its partner.
     *
     * @throws InvalidParameterException when the group and the customer are not of one partner
     */
    void addToGroup(Viewer operator, long groupId, long customerId);

    /**
     * Creates an API token of the partner (made by no user, so no user's disabling revokes it).
     *
     * @param scope {@link TokenService#SCOPE_INGEST} or {@link TokenService#SCOPE_READ}
     * @return the token with its secret, which is shown once and never stored
     * @throws NotFoundException         when there is no such partner
     * @throws InvalidParameterException on an unknown scope or a bad name
     */
    TokenService.NewToken createToken(Viewer operator, long partnerId, String name, String scope);
}
