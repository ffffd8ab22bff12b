package org.sightline.core;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;
import org.sightline.api.Viewer;

/**
 * What admins see of the {@link Outbox}: each message's status, attempts, next attempt and last error (never
 * its body), and a retry of a failed message. A partner admin ({@link Roles#PARTNER_ADMIN}) sees the partner's
 * messages with their recipients; a server admin ({@link org.sightline.api.Permissions#ADMIN}) sees every
 * partner's, with the recipients of other partners masked.
 *
 * @since 3.1
 */
@ProviderType
public interface MailQueue {

    /**
     * The newest messages first.
     *
     * @param status {@link QueuedMail#PENDING}, {@link QueuedMail#SENDING}, {@link QueuedMail#SENT},
     *               {@link QueuedMail#FAILED}, or {@code null} for all
     * @param limit  at most this many (1 to 1000)
     * @throws ForbiddenException        without either permission
     * @throws InvalidParameterException on an unknown status or a limit out of range
     */
    List<QueuedMail> list(Viewer caller, String status, int limit);

    /**
     * Puts a failed message back in the queue, to be sent now with its attempts counted from zero. Audited as
     * {@code mail.retry}.
     *
     * @return the message as it is now
     * @throws ForbiddenException when the caller may not see the outbox
     * @throws NotFoundException  when there is no such message in the caller's sight
     * @throws ConflictException  when the message has not failed
     */
    QueuedMail retry(Viewer caller, long id);
}
