package org.sightline.api;

import java.util.Objects;
import java.util.Optional;

/**
 * The customer a widget renders for, an ingested record belongs to, or whose data is deleted.
 * The core only hands out references to customers the caller may see.
 *
 * @param id            the customer's internal id, the key product tables store
 * @param partnerId     the partner (tenant) the customer belongs to
 * @param accountId     the account id shown to portal users
 * @param name          the customer's display name (an organisation, not a person)
 * @param currency      the ISO 4217 billing currency prices are shown in
 * @param accessEnabled whether the partner's access to the customer's tenant is enabled
 * @param environmentUrl the https address of the customer's environment (its own portal, where deep links of
 *                      products point), or {@code null} when none is set; see {@link #environment()}
 */
public record CustomerRef(long id, long partnerId, String accountId, String name, String currency,
                          boolean accessEnabled, String environmentUrl) {
    public CustomerRef {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(currency, "currency");
    }

    /** A reference without an environment address (the form of API 1.0). */
    public CustomerRef(long id, long partnerId, String accountId, String name, String currency, boolean accessEnabled) {
        this(id, partnerId, accountId, name, currency, accessEnabled, null);
    }

    /**
     * The customer's environment address for links a widget offers into it ("Restore in Cloud Backup", a policy's
     * own page): present only while the partner's access to the customer is enabled and an address is set.
     *
     * @since 1.1
     */
    public Optional<String> environment() {
        return accessEnabled && environmentUrl != null && !environmentUrl.isBlank()
                ? Optional.of(environmentUrl) : Optional.empty();
    }
}
