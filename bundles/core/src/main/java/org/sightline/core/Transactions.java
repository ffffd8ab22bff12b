package org.sightline.core;

import javax.sql.DataSource;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Runs work in one transaction on the server's database, for bundles that write several tables at once
 * and must not be half-written: a family's background work, for example, that deletes what it applied and
 * charges {@link Credits} for it, exactly once.
 * <p>
 * The work gets a {@code DataSource} bound to the transaction: every {@code getConnection()} returns the
 * transaction's one connection, closing it does nothing, and committing, rolling back or leaving
 * auto-commit off is refused. The core commits when the work returns and rolls back when it throws. It is
 * the same kind of {@code DataSource} the core hands to an {@code IngestHandler} and a
 * {@code CustomerDataOwner}, and core services that write in the caller's transaction (such as
 * {@link Credits#charge}) take it as their {@code transaction} argument.
 */
@ProviderType
public interface Transactions {

    /** Work inside a transaction. */
    @FunctionalInterface
    interface Work<T> {
        /**
         * @param transaction a {@code DataSource} bound to the transaction (see the type's description)
         */
        T run(DataSource transaction) throws Exception;
    }

    /**
     * Runs the work in a new transaction: committed if it returns, rolled back (and the failure rethrown)
     * if it throws.
     *
     * @return what the work returned
     * @throws Exception what the work threw, or an {@code SQLException} when the database fails
     */
    <T> T inTransaction(Work<T> work) throws Exception;
}
