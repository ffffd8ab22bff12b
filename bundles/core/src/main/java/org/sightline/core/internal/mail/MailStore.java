package org.sightline.core.internal.mail;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import org.sightline.core.OutgoingMail;
import org.sightline.core.QueuedMail;
import org.sightline.core.internal.storage.Jdbc;

/**
 * The SQL of table {@code mail_outbox}, the only code that touches it. A message moves
 * {@code pending → sending → sent}, or back to {@code pending} after a temporary failure, or to {@code failed}.
 * {@code sending} is a claim that runs out at {@code claimed_until}: a message whose relay died while sending
 * it is claimed again after that (see {@link MailRelay} for what this means for duplicates).
 */
final class MailStore {
    /** The longest reason kept. */
    static final int ERROR_LENGTH = 500;
    private static final String LIST_COLUMNS = "id, partner_id, recipient, kind, reference, status, attempts, created_at, "
            + "next_attempt_at, sent_at, last_error";
    private final DataSource ds;

    /** A claimed message, ready to be sent. */
    record Claimed(long id, String messageId, int attempts, OutgoingMail mail) {
    }

    MailStore(DataSource ds) {
        this.ds = ds;
    }

    /** Writes a pending message on the caller's transaction's connection; returns its id. */
    static long insert(Connection c, OutgoingMail m, Instant now) throws SQLException {
        Instant at = now.truncatedTo(ChronoUnit.MICROS);
        return Jdbc.insert(c, "INSERT INTO mail_outbox (message_id, partner_id, recipient, subject, body, kind, reference, "
                + "status, attempts, created_at, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)",
                Arrays.asList(messageId(), m.partnerId(), m.to(), m.subject(), m.text(), m.kind(), m.reference(),
                        QueuedMail.PENDING, at, at));
    }

    /** A new Message-ID: random, fixed for the message's life. */
    static String messageId() {
        return "<" + UUID.randomUUID() + "@sightline.outbox>";
    }

    /**
     * Claims the next due message: a pending one whose time has come, or one whose claim ran out. The claim is a
     * conditional update, so two relays never both win the same message.
     */
    Optional<Claimed> claimNext(Instant now, long leaseMillis) throws SQLException {
        Instant at = now.truncatedTo(ChronoUnit.MICROS);
        try (Connection c = ds.getConnection()) {
            for (String due : List.of(
                    "SELECT id FROM mail_outbox WHERE status = 'sending' AND claimed_until <= ? ORDER BY claimed_until, id",
                    "SELECT id FROM mail_outbox WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY next_attempt_at, id")) {
                for (Long id : Jdbc.list(c, due + " FETCH FIRST 5 ROWS ONLY", List.of(at), rs -> rs.getLong(1))) {
                    int won = Jdbc.update(c, "UPDATE mail_outbox SET status = 'sending', claimed_until = ?, attempts = attempts + 1 "
                            + "WHERE id = ? AND (status = 'pending' AND next_attempt_at <= ? OR status = 'sending' AND claimed_until <= ?)",
                            List.of(at.plusMillis(leaseMillis), id, at, at));
                    if (won == 1) {
                        return Optional.of(Jdbc.list(c, "SELECT id, message_id, attempts, partner_id, recipient, subject, body, kind, "
                                + "reference FROM mail_outbox WHERE id = ?", List.of(id), rs -> new Claimed(rs.getLong(1),
                                rs.getString(2), rs.getInt(3), new OutgoingMail(rs.getLong(4), rs.getString(5), rs.getString(6),
                                rs.getString(7), rs.getString(8), rs.getString(9))))
                                .get(0));
                    }
                }
            }
            return Optional.empty();
        }
    }

    /** The mail server accepted the claimed message. */
    void markSent(long id, Instant now) throws SQLException {
        try (Connection c = ds.getConnection()) {
            Jdbc.update(c, "UPDATE mail_outbox SET status = 'sent', sent_at = ?, claimed_until = NULL, last_error = NULL "
                    + "WHERE id = ? AND status = 'sending'", List.of(now.truncatedTo(ChronoUnit.MICROS), id));
        }
    }

    /** The claimed message failed for now: pending again from {@code next}. */
    void markRetry(long id, Instant next, String reason) throws SQLException {
        try (Connection c = ds.getConnection()) {
            Jdbc.update(c, "UPDATE mail_outbox SET status = 'pending', next_attempt_at = ?, claimed_until = NULL, last_error = ? "
                    + "WHERE id = ? AND status = 'sending'", List.of(next.truncatedTo(ChronoUnit.MICROS), cut(reason), id));
        }
    }

    /** Holds every pending message due before {@code until} back until then (the mail server is unavailable). */
    void deferPending(Instant until) throws SQLException {
        Instant at = until.truncatedTo(ChronoUnit.MICROS);
        try (Connection c = ds.getConnection()) {
            Jdbc.update(c, "UPDATE mail_outbox SET next_attempt_at = ? WHERE status = 'pending' AND next_attempt_at < ?",
                    List.of(at, at));
        }
    }

    /** The claimed message failed for good. */
    void markFailed(long id, String reason) throws SQLException {
        try (Connection c = ds.getConnection()) {
            Jdbc.update(c, "UPDATE mail_outbox SET status = 'failed', claimed_until = NULL, last_error = ? "
                    + "WHERE id = ? AND status = 'sending'", List.of(cut(reason), id));
        }
    }

    /** Puts a failed message back in the queue, due now, attempts from zero; whether it was failed. */
    boolean retry(long id, Instant now) {
        return Jdbc.update(ds, "UPDATE mail_outbox SET status = 'pending', attempts = 0, next_attempt_at = ? "
                + "WHERE id = ? AND status = 'failed'", List.of(now.truncatedTo(ChronoUnit.MICROS), id)) == 1;
    }

    /** The newest messages first, of one partner ({@code null}: all) and one status ({@code null}: all). */
    List<QueuedMail> list(Long partnerId, String status, Long id, int limit) {
        List<Object> args = new ArrayList<>();
        List<String> where = new ArrayList<>();
        if (partnerId != null) {
            where.add("partner_id = ?");
            args.add(partnerId);
        }
        if (status != null) {
            where.add("status = ?");
            args.add(status);
        }
        if (id != null) {
            where.add("id = ?");
            args.add(id);
        }
        args.add(limit);
        return Jdbc.list(ds, "SELECT " + LIST_COLUMNS + " FROM mail_outbox"
                + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
                + " ORDER BY id DESC FETCH FIRST ? ROWS ONLY", args, MailStore::queued);
    }

    private static QueuedMail queued(ResultSet rs) throws SQLException {
        String status = rs.getString(6);
        return new QueuedMail(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5), status,
                rs.getInt(7), Jdbc.instant(rs, 8), QueuedMail.PENDING.equals(status) ? Jdbc.instant(rs, 9) : null,
                Jdbc.instant(rs, 10), rs.getString(11));
    }

    private static String cut(String reason) {
        String r = reason == null || reason.isBlank() ? "no reason given" : reason.strip();
        return r.length() <= ERROR_LENGTH ? r : r.substring(0, ERROR_LENGTH - 1) + "…";
    }
}
