package org.sightline.api;

import java.util.Objects;

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
 */
public record CustomerRef(long id, long partnerId, String accountId, String name, String currency,
                          boolean accessEnabled) {
    public CustomerRef {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(currency, "currency");
    }
}
