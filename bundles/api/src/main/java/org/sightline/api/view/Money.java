package org.sightline.api.view;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * An amount in a currency, as the customer pays it (priced by the customer's own price list).
 *
 * @param amount   the amount
 * @param currency ISO 4217 code, such as {@code EUR}
 */
public record Money(BigDecimal amount, String currency) {
    private static final java.util.regex.Pattern ISO_4217 = java.util.regex.Pattern.compile("[A-Z]{3}");

    public Money {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
        if (!ISO_4217.matcher(currency).matches()) {
            throw new IllegalArgumentException("currency must be an ISO 4217 code: " + currency);
        }
    }
}
