package org.sightline.core;

import java.util.Optional;

import java.util.Set;

import org.osgi.annotation.versioning.ProviderType;
import org.sightline.api.Viewer;

/**
 * Machine tokens, scoped to one partner. Only a hash of each token is stored. Tokens are made by a partner admin
 * ({@link #create(Viewer, String, String)}) or an operator ({@link Provisioning#createToken}); since 4.0 no
 * method here takes a partner id.
 */
@ProviderType
public interface TokenService {

    /** Token scope for {@code /api/v1/ingest}. */
    String SCOPE_INGEST = "ingest";
    /** Token scope for read-only API access. */
    String SCOPE_READ = "read";

    /** The token's owner and scope, if the secret is valid. Records the token's use. */
    Optional<TokenGrant> authenticate(String secret);

    /**
     * The caller's partner's tokens that are not revoked, newest first (never their secrets).
     *
     * @throws ForbiddenException without {@link Roles#PARTNER_ADMIN}
     */
    java.util.List<TokenInfo> list(Viewer caller);

    /**
     * Creates a token of the caller's partner, made by the caller (revoked when the caller is disabled);
     * audited ({@code token.create}).
     *
     * @param scope {@link #SCOPE_INGEST}, {@link #SCOPE_READ}, or {@code null} for read
     * @return the token with its secret, which is shown once and never stored
     * @throws ForbiddenException        without {@link Roles#PARTNER_ADMIN}
     * @throws InvalidParameterException on an unknown scope or a bad name
     */
    NewToken create(Viewer caller, String name, String scope);

    /**
     * Revokes a token of the caller's partner; audited ({@code token.revoke}).
     *
     * @throws ForbiddenException without {@link Roles#PARTNER_ADMIN}
     * @throws NotFoundException  when the partner has no such token (or it is revoked already)
     */
    void revoke(Viewer caller, long tokenId);

    /**
     * A token just made.
     *
     * @param name   what it is for
     * @param scope  its scope
     * @param secret the secret, shown once
     */
    record NewToken(String name, String scope, String secret) {
    }

    /**
     * A token as listed.
     *
     * @param id         token id
     * @param name       what it is for
     * @param scope      {@link #SCOPE_INGEST} or {@link #SCOPE_READ}
     * @param createdAt  when it was created
     * @param lastUsedAt when it was last used (to the minute), or {@code null}
     */
    record TokenInfo(long id, String name, String scope, java.time.Instant createdAt, java.time.Instant lastUsedAt) {
    }

    /**
     * @param tokenId   token id
     * @param partnerId partner the token acts for
     * @param name      token name, for the audit log
     * @param scope     {@link #SCOPE_INGEST} or {@link #SCOPE_READ}
     */
    record TokenGrant(long tokenId, long partnerId, String name, String scope) {
        /** The caller this token is: {@code token:<name>} of its partner, with its scope's role and permissions. */
        public Viewer viewer() {
            return new Viewer("token:" + name, partnerId, Set.of(SCOPE_INGEST.equals(scope) ? Roles.TOKEN_INGEST : Roles.TOKEN_READ),
                    Roles.tokenPermissions(scope));
        }
    }
}
