package org.sightline.core;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Throttles failed sign-ins, per user and per client address, and records every sign-in in the audit log.
 * Call {@link #check} before asking the realm, then {@link #failed} or {@link #succeeded}.
 */
@ProviderType
public interface SignInGuard {

    /**
     * Refuses an attempt while the user or the address is throttled.
     *
     * @throws TooManyRequestsException with the seconds to wait
     */
    void check(String username, String address);

    /** Records a failed attempt (audited) and throttles after too many. */
    void failed(String username, String address, String how);

    /** Records a successful sign-in (audited) and clears the user's failure count. */
    void succeeded(StaffUser user, String address, String how);
}
