package org.sightline.core;

import java.sql.SQLException;

import javax.sql.DataSource;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The server's mail outbox. A message is written in the same transaction as the event that causes it (a
 * report generated, a recipient to verify) and is sent only after that transaction commits, by the core's
 * relay through the installed {@link MailTransport}; it is retried with back-off while the SMTP server is
 * down and is never lost or sent twice across a restart. Messages that bounce or fail for good are kept
 * with their reason for admins to see.
 *
 * @since 3.1
 */
@ProviderType
public interface Outbox {

    /**
     * Writes the message into the outbox in the caller's transaction.
     *
     * @param transaction a {@code DataSource} bound to the caller's transaction (from
     *                    {@link Transactions#inTransaction}); a {@code DataSource} with auto-commit on is refused
     * @return the message's id in the outbox
     * @throws IllegalArgumentException when {@code transaction} is not in a transaction or the address is not an
     *                                  e-mail address
     * @throws SQLException             when the database fails; the caller's transaction should then roll back
     */
    long enqueue(DataSource transaction, OutgoingMail mail) throws SQLException;
}
