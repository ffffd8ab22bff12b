package org.sightline.core;

import java.time.Instant;

/**
 * One message of the {@link Outbox}, as admins see it in {@link MailQueue#list}. It never carries the body.
 *
 * @param id            the message's id in the outbox
 * @param partnerId     the partner on whose behalf it is sent
 * @param to            the recipient address; masked ({@code j…@example.com}) for a server admin who is not an
 *                      admin of that partner
 * @param kind          what it is, such as {@code report.verify}
 * @param reference     what it belongs to, or {@code null}
 * @param status        {@link #PENDING}, {@link #SENDING}, {@link #SENT} or {@link #FAILED}
 * @param attempts      how often the relay has tried to send it
 * @param createdAt     when it was written
 * @param nextAttemptAt when the relay tries again (pending messages), or {@code null}
 * @param sentAt        when the mail server accepted it, or {@code null}
 * @param lastError     why the last attempt failed (the server's reply, such as
 *                      {@code 550 5.1.1 mailbox unavailable}, or {@code connection refused}), or {@code null}
 * @since 3.1
 */
public record QueuedMail(long id, long partnerId, String to, String kind, String reference, String status, int attempts,
                         Instant createdAt, Instant nextAttemptAt, Instant sentAt, String lastError) {
    /** Waiting to be sent (first time or after a temporary failure). */
    public static final String PENDING = "pending";
    /** Claimed by the relay, being sent now. */
    public static final String SENDING = "sending";
    /** Accepted by the mail server. */
    public static final String SENT = "sent";
    /** Refused for good (bounced, address refused) or given up after the last attempt. */
    public static final String FAILED = "failed";
}
