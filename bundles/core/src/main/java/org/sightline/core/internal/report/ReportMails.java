package org.sightline.core.internal.report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.sightline.core.OutgoingMail;

/**
 * The two e-mails of report delivery. They carry nothing personal or sensitive: no customer name, no report
 * content, only the link and until when it works.
 */
final class ReportMails {
    /** {@link OutgoingMail#kind()} of the mail that asks to confirm an address. */
    static final String VERIFY = "report.verify";
    /** {@link OutgoingMail#kind()} of the mail with a signed report link. */
    static final String LINK = "report.link";
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm 'UTC'", Locale.ENGLISH);

    private ReportMails() {
    }

    static OutgoingMail verify(long partnerId, String address, String link, Instant until, long deliveryId) {
        return new OutgoingMail(partnerId, address, "Please confirm your address to receive a report",
                "A report has been prepared for this address. To receive it, confirm the address by opening\n"
                        + "this link (it works once, until " + WHEN.format(until.atOffset(ZoneOffset.UTC)) + "):\n\n"
                        + link + "\n\nIf you did not expect this, ignore this message.\n",
                VERIFY, "delivery:" + deliveryId);
    }

    static OutgoingMail report(long partnerId, String address, String link, Instant until, long deliveryId) {
        return new OutgoingMail(partnerId, address, "Your report is ready",
                "Your report is ready. Open it with this link (until " + WHEN.format(until.atOffset(ZoneOffset.UTC)) + "):\n\n"
                        + link + "\n",
                LINK, "delivery:" + deliveryId);
    }
}
