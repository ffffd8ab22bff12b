package org.sightline.core.internal.mail;

import java.time.Instant;
import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sightline.api.Permissions;
import org.sightline.api.Viewer;
import org.sightline.core.AuditLog;
import org.sightline.core.ConflictException;
import org.sightline.core.ForbiddenException;
import org.sightline.core.InvalidParameterException;
import org.sightline.core.MailQueue;
import org.sightline.core.NotFoundException;
import org.sightline.core.QueuedMail;
import org.sightline.core.Roles;
import org.sightline.core.internal.privacy.PrivacyFilter;
import org.sightline.core.internal.storage.CoreStorage;

/**
 * The outbox as admins see it (see {@link MailQueue}). A partner admin sees the partner's messages; a server
 * admin sees every partner's, with the addresses of other partners' recipients masked (in the recipient and in
 * the server's reply alike) by the privacy filter.
 */
@Component(service = MailQueue.class)
public class MailQueueImpl implements MailQueue {
    private static final List<String> STATUSES = List.of(QueuedMail.PENDING, QueuedMail.SENDING, QueuedMail.SENT,
            QueuedMail.FAILED);
    private final MailStore store;
    private final AuditLog audit;
    private final MailRelay relay;

    @Activate
    public MailQueueImpl(@Reference CoreStorage storage, @Reference AuditLog audit, @Reference MailRelay relay) {
        this.store = new MailStore(storage.dataSource());
        this.audit = audit;
        this.relay = relay;
    }

    @Override
    public List<QueuedMail> list(Viewer caller, String status, int limit) {
        Long partner = sight(caller);
        if (status != null && !STATUSES.contains(status)) {
            throw new InvalidParameterException("status", "status is one of " + String.join(", ", STATUSES));
        }
        if (limit < 1 || limit > 1000) {
            throw new InvalidParameterException("limit", "limit is between 1 and 1000");
        }
        return store.list(partner, status, null, limit).stream().map(m -> shown(caller, m)).toList();
    }

    @Override
    public QueuedMail retry(Viewer caller, long id) {
        Long partner = sight(caller);
        QueuedMail m = store.list(partner, null, id, 1).stream().findFirst()
                .orElseThrow(() -> new NotFoundException("no mail " + id));
        if (!QueuedMail.FAILED.equals(m.status())) {
            throw new ConflictException("mail " + id + " is " + m.status() + "; only failed mail is sent again");
        }
        if (!store.retry(id, Instant.now())) {
            throw new ConflictException("mail " + id + " changed meanwhile; reload the list");
        }
        audit.record(caller, "mail.retry", null, null, AuditLog.OK, "mail " + id + " (" + m.kind() + ")");
        QueuedMail now = shown(caller, store.list(partner, null, id, 1).get(0));
        relay.wake();
        return now;
    }

    /** The partner whose messages the caller sees, or {@code null} for all (server admins). */
    private static Long sight(Viewer caller) {
        if (caller != null && caller.can(Permissions.ADMIN)) {
            return null;
        }
        if (caller == null || !caller.can(Roles.PARTNER_ADMIN)) {
            throw new ForbiddenException("this needs the '" + Roles.PARTNER_ADMIN + "' or '" + Permissions.ADMIN
                    + "' permission");
        }
        return Roles.require(caller, Roles.PARTNER_ADMIN).partnerId();
    }

    /** The message as the caller may see it: another partner's recipient masked. */
    private static QueuedMail shown(Viewer caller, QueuedMail m) {
        if (caller.can(Roles.PARTNER_ADMIN) && caller.partnerId() == m.partnerId()) {
            return m;
        }
        return new QueuedMail(m.id(), m.partnerId(), PrivacyFilter.scrub(m.to()), m.kind(), m.reference(), m.status(),
                m.attempts(), m.createdAt(), m.nextAttemptAt(), m.sentAt(), PrivacyFilter.scrub(m.lastError()));
    }
}
