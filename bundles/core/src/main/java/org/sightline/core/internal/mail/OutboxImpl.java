package org.sightline.core.internal.mail;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sightline.core.Outbox;
import org.sightline.core.OutgoingMail;

/**
 * Writes messages into table {@code mail_outbox} in the caller's transaction (see {@link Outbox}) and wakes the
 * {@link MailRelay}, which sends them once that transaction has committed.
 */
@Component(service = Outbox.class)
public class OutboxImpl implements Outbox {
    /** One address: an ASCII local part and a domain of at least two labels (no quoted local parts, no IDN). */
    private static final Pattern ADDRESS = Pattern.compile("[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}"
            + "@(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");
    /** The longest body kept (plain text; reports are links, never attachments). */
    static final int BODY_LENGTH = 100_000;
    private final MailRelay relay;

    @Activate
    public OutboxImpl(@Reference MailRelay relay) {
        this.relay = relay;
    }

    @Override
    public long enqueue(DataSource transaction, OutgoingMail mail) throws SQLException {
        check(mail);
        long id;
        // closing the transaction's connection does nothing
        try (Connection c = transaction.getConnection()) {
            if (c.getAutoCommit()) {
                throw new IllegalArgumentException("mail is enqueued in the caller's transaction; this DataSource is not in "
                        + "one (enqueue inside Transactions.inTransaction)");
            }
            id = MailStore.insert(c, mail, Instant.now());
        }
        relay.wake();
        return id;
    }

    /** Refuses what would not make a valid message, naming the field; never echoes the body. */
    static void check(OutgoingMail m) {
        if (!isAddress(m.to())) {
            // the address itself stays out of the message, which may end up in a log or a reply
            throw new IllegalArgumentException("the recipient is not an e-mail address");
        }
        if (m.subject().isBlank() || m.subject().length() > 998 || m.subject().chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("the subject must be one line of 1 to 998 characters");
        }
        if (m.text().length() > BODY_LENGTH) {
            throw new IllegalArgumentException("the body is longer than " + BODY_LENGTH + " characters");
        }
        if (m.kind().isBlank() || m.kind().length() > 60) {
            throw new IllegalArgumentException("the kind must have 1 to 60 characters");
        }
        if (m.reference() != null && m.reference().length() > 200) {
            throw new IllegalArgumentException("the reference must have at most 200 characters");
        }
    }

    /** Whether the text is one plain e-mail address. */
    public static boolean isAddress(String s) {
        return s != null && s.length() <= 320 && ADDRESS.matcher(s).matches();
    }
}
