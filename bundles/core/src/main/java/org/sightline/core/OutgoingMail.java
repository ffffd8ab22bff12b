package org.sightline.core;

import java.util.Objects;

/**
 * One e-mail for the {@link Outbox}. The body carries nothing personal or sensitive beyond what the recipient
 * must read (a verification link, a signed report link); reports themselves are never attached.
 *
 * @param partnerId the partner on whose behalf it is sent (admins of that partner see its failures)
 * @param to        one recipient address
 * @param subject   the subject line
 * @param text      the plain-text body
 * @param kind      what it is, for admins and audit, such as {@code report.verify} or {@code report.link}
 * @param reference what it belongs to, such as a delivery id, or {@code null}
 * @since 3.1
 */
public record OutgoingMail(long partnerId, String to, String subject, String text, String kind, String reference) {
    public OutgoingMail {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(kind, "kind");
    }
}
