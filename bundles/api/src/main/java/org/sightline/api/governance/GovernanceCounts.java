package org.sightline.api.governance;

import java.time.LocalDate;
import java.util.List;

import javax.sql.DataSource;

import org.osgi.annotation.versioning.ProviderType;
import org.sightline.api.CustomerRef;

/**
 * The governance family's store of per-day counts, one set of tables for every governance product. A
 * disconnected customer's counts of every product are deleted by the family.
 */
@ProviderType
public interface GovernanceCounts {

    /**
     * Stores counts in the caller's transaction. A count for a (customer, product, day, measure, kind) that is
     * stored already replaces it: a backend that sends a day again with later figures corrects it.
     *
     * @param productId   the product whose counts these are
     * @param counts      the counts; when one key appears twice, the last wins
     * @param transaction connections in the caller's transaction
     * @return how many were written and how many were stored with the same value already
     * @throws GovernanceException when the database fails
     */
    CountResult put(String productId, List<DailyCount> counts, DataSource transaction) throws GovernanceException;

    /**
     * A customer's counts of a product from {@code from} to {@code to}, both included, ordered by day, measure
     * and kind.
     *
     * @throws GovernanceException when the database fails
     */
    List<DailyCount> read(String productId, CustomerRef customer, LocalDate from, LocalDate to)
            throws GovernanceException;

    /**
     * The last day on or before {@code onOrBefore} for which the customer has counts of the product, or
     * {@code null} when there is none.
     *
     * @throws GovernanceException when the database fails
     */
    LocalDate lastDay(String productId, CustomerRef customer, LocalDate onOrBefore) throws GovernanceException;
}
