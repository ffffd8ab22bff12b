package org.sightline.core;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Loads the sample partner: staff in each role, customer groups, and {@code customers} customers with
 * subscriptions, assignments and pins, deterministic for a given seed. Customers that exist already
 * (by account id) are kept, so loading again only adds what is missing.
 */
@ProviderType
public interface SampleDataLoader {

    /** Receives progress while customers are written. */
    @FunctionalInterface
    interface Progress {
        void step(int done, int total);
    }

    /**
     * What a load did.
     *
     * @param partnerId the sample partner
     * @param created   customers created by this load
     * @param existing  customers that were there already
     * @param logins    {@code username / password} of staff created by this load (shown once)
     */
    record Result(long partnerId, int created, int existing, List<String> logins) {
    }

    /**
     * Loads the sample partner's portal data.
     *
     * @param customers how many sample customers, 0 to 100 000
     * @param seed      the random seed
     * @param progress  progress receiver, or {@code null}
     */
    Result load(int customers, long seed, Progress progress);

    /** Creates or updates the sample partner's admin user {@code username} with the password. */
    void ensureAdmin(String username, char[] password);
}
