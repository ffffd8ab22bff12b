package org.sightline.api.usage;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A customer's prices for one product, in the customer's billing currency: a unit price (per message,
 * minute or session, whatever the product's quantity counts) by pricing key, with a default for every
 * other key. A record costs {@code unitPrice(pricingKey) × quantity}, rounded half-up to 4 decimals.
 *
 * @param currency     ISO 4217 code; must be the customer's billing currency
 * @param defaultPrice the unit price for keys not listed, zero or more
 * @param prices       unit prices by pricing key (destination country or channel), zero or more;
 *                     keys are matched ignoring case
 */
public record PriceList(String currency, BigDecimal defaultPrice, Map<String, BigDecimal> prices) {
    public PriceList {
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(defaultPrice, "defaultPrice");
        if (!currency.matches("[A-Z]{3}")) {
            throw new IllegalArgumentException("currency must be an ISO 4217 code: " + currency);
        }
        if (defaultPrice.signum() < 0) {
            throw new IllegalArgumentException("prices must not be negative");
        }
        Map<String, BigDecimal> copy = new TreeMap<>();
        prices.forEach((k, v) -> {
            if (v.signum() < 0) {
                throw new IllegalArgumentException("prices must not be negative");
            }
            copy.put(k.toLowerCase(Locale.ROOT), v);
        });
        prices = Map.copyOf(copy);
    }

    /** The unit price for a pricing key; the default for {@code null} or an unlisted key. */
    public BigDecimal unitPrice(String pricingKey) {
        return pricingKey == null ? defaultPrice
                : prices.getOrDefault(pricingKey.toLowerCase(Locale.ROOT), defaultPrice);
    }
}
