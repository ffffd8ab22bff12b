package org.sightline.core;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Delivers one message to a mail server: the core's outbox relay calls the one registered transport (the
 * {@code org.sightline.mail} bundle's SMTP transport, configured in {@code etc/org.sightline.mail.cfg}). Without
 * a transport, messages wait in the outbox.
 *
 * @since 3.1
 */
@ConsumerType
public interface MailTransport {

    /**
     * Sends the message, identified by {@code messageId} (the same on every retry, so that a receiving server
     * can tell a repeat).
     *
     * @throws TemporaryFailure when it may succeed later (server down, 4xx reply); the relay retries with back-off
     * @throws PermanentFailure when it never will (5xx reply, address refused); the relay stops and keeps the reason
     */
    void send(String messageId, OutgoingMail mail) throws TemporaryFailure, PermanentFailure;

    /** A failure that may pass. */
    final class TemporaryFailure extends Exception {
        private final boolean serverUnavailable;

        /** A failure of this message (such as a 4xx reply to its recipient); other messages are still sent. */
        public TemporaryFailure(String reason, Throwable cause) {
            this(reason, cause, false);
        }

        /**
         * @param serverUnavailable whether the mail server could not be reached or would not talk at all (connection
         *                          refused or timed out, 421, TLS or authentication failed): the relay then holds every
         *                          waiting message back, not only this one, and tries again with this one first
         * @since 3.1
         */
        public TemporaryFailure(String reason, Throwable cause, boolean serverUnavailable) {
            super(reason, cause);
            this.serverUnavailable = serverUnavailable;
        }

        /** Whether the failure concerns the server rather than this message. */
        public boolean serverUnavailable() {
            return serverUnavailable;
        }
    }

    /** A failure that will not pass. */
    final class PermanentFailure extends Exception {
        public PermanentFailure(String reason, Throwable cause) { super(reason, cause); }
    }
}
