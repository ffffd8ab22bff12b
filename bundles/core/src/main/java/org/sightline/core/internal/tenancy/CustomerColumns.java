package org.sightline.core.internal.tenancy;

import java.util.Locale;

/**
 * Column sizes of the customer table (migrations {@code core/V1__tenancy.sql}, {@code V2__portal.sql}), checked
 * on what is stored, after normalising: a name is stored lower-cased too, and lower-casing can lengthen it
 * ({@code İ} becomes {@code i̇}, two characters); billing recipients are stored joined by commas. A value that
 * does not fit is the caller's mistake (400 naming the field), not the database's (500).
 */
final class CustomerColumns {
    /** {@code customer.name} and {@code customer.name_lower}. */
    static final int NAME = 200;
    /** {@code customer.billing_recipients}. */
    static final int BILLING_RECIPIENTS = 1000;

    private CustomerColumns() {
    }

    /** Whether a stripped customer name is not empty and fits both name columns. */
    static boolean nameFits(String name) {
        return !name.isEmpty() && name.length() <= NAME && name.toLowerCase(Locale.ROOT).length() <= NAME;
    }

    /** Whether the recipients, as stored (joined by commas), fit their column. */
    static boolean recipientsFit(String joined) {
        return joined.length() <= BILLING_RECIPIENTS;
    }
}
