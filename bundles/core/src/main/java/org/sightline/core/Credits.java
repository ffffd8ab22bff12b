package org.sightline.core;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.Map;

import javax.sql.DataSource;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The customers' prepaid credits, which metered usage draws down. The core's tenancy package owns the
 * customer table; a family that prices usage charges through this service, never by SQL of its own.
 * <p>
 * <b>Exactly once.</b> A charge joins the caller's transaction: it runs on the connection of the
 * {@code transaction} it is given and commits or rolls back with the caller's other writes. A family's
 * applier, for example, charges the sums of its pending rows and deletes those rows in one
 * {@link Transactions#inTransaction} call, so a charge is never lost and never made twice, whichever of the
 * two fails. A {@code DataSource} that is not in a transaction (auto-commit on, such as the connection
 * pool's) is refused, because the charge would then commit on its own.
 */
@ProviderType
public interface Credits {

    /**
     * Draws the amounts down from the customers' credits, set-based (a few statements for any number of
     * customers), in the caller's transaction. Ids of customers that no longer exist are skipped.
     *
     * @param amounts     customer id to the amount to draw down, in the customer's own currency, to four
     *                    decimals at most; a negative amount gives credits back; zeros are skipped
     * @param transaction a {@code DataSource} bound to the caller's transaction: the one that
     *                    {@link Transactions#inTransaction}, an {@code IngestHandler} or a
     *                    {@code CustomerDataOwner} was given
     * @throws IllegalArgumentException when {@code transaction} is not in a transaction, or an amount has
     *                                  more than four decimals
     * @throws SQLException             when the database fails; the caller's transaction should then roll back
     */
    void charge(Map<Long, BigDecimal> amounts, DataSource transaction) throws SQLException;
}
