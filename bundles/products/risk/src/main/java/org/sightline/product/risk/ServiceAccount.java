package org.sightline.product.risk;

import java.time.Instant;

/**
 * The customer's Exchange Online service account as the backend last reported it, and the last request for one.
 *
 * @param status      {@code ready}, {@code absent}, or {@code null} before the backend reported
 * @param mfa         whether it has multi-factor authentication (then the report cannot use it)
 * @param requestedAt when a portal user last asked for one, or {@code null}
 */
record ServiceAccount(String status, Boolean mfa, Instant requestedAt) {
    static final ServiceAccount NONE = new ServiceAccount(null, null, null);

    /** Whether the Exchange Online part of the report can be made: a ready account without MFA. */
    boolean usable() {
        return "ready".equals(status) && Boolean.FALSE.equals(mfa);
    }
}
