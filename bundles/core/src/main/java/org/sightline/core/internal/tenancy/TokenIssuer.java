package org.sightline.core.internal.tenancy;

import org.sightline.core.TokenService;

/**
 * The token service's side for the core's own callers (never exported): {@link ProvisioningImpl} makes an
 * operator's tokens and the staff admin revokes a disabled user's. It takes a raw partner id and checks nothing;
 * callers outside the core use {@link TokenService#create(org.sightline.api.Viewer, String, String)} or
 * {@link org.sightline.core.Provisioning#createToken}.
 */
public interface TokenIssuer extends TokenService {

    /**
     * Creates a token and returns its secret, which is shown once and never stored.
     *
     * @throws org.sightline.core.InvalidParameterException on an unknown scope or partner
     */
    default String create(long partnerId, String name, String scope) {
        return create(partnerId, name, scope, null);
    }

    /**
     * Creates a token on behalf of a user and returns its secret.
     *
     * @param createdBy the username of the staff member who made it (its tokens are revoked when the user is
     *                  disabled), or {@code null} for an operator's token
     * @throws org.sightline.core.InvalidParameterException on an unknown scope or partner
     */
    String create(long partnerId, String name, String scope, String createdBy);

    /** Revokes the partner's tokens that the user created; how many. */
    int revokeCreatedBy(long partnerId, String username);
}
