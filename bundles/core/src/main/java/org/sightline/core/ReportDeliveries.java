package org.sightline.core;

import java.time.YearMonth;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;
import org.sightline.api.Viewer;

/**
 * Reports that reach people. "Generate report" draws a template for a customer (a PDF through the same gate as the
 * dashboard PDF: filtered, branded) and delivers it: staff recipients read it in the portal; a customer recipient
 * (one of the customer's report recipients, when its "send reports" setting is on) gets an e-mail through the
 * {@link Outbox}, written in the same transaction as the delivery: first a link that verifies the address (single
 * use, expiring, bound to the address), and once verified a signed, expiring link to that one report. The e-mails
 * carry nothing but the link. Generating is audited and recorded as report activity ({@code report.generated},
 * {@code report.sent}).
 *
 * @since 3.2
 */
@ProviderType
public interface ReportDeliveries {

    /**
     * What to generate and for whom.
     *
     * @param templateId the template (the partner's, offered for the customer)
     * @param staffIds   staff users of the partner who read it in the portal
     * @param addresses  customer recipients: addresses among the customer's report recipients
     */
    record Order(long templateId, List<Long> staffIds, List<String> addresses) {
        public Order {
            staffIds = staffIds == null ? List.of() : List.copyOf(staffIds);
            addresses = addresses == null ? List.of() : List.copyOf(addresses);
        }
    }

    /**
     * A recipient of a generated report.
     *
     * @param kind    {@code staff} or {@code customer}
     * @param staffId the staff user, or {@code null}
     * @param address the customer recipient's address, or {@code null}
     * @param status  {@code portal} (staff), {@code verify} (an e-mail asks to verify the address first) or
     *                {@code sent} (the report link was e-mailed)
     */
    record Recipient(String kind, Long staffId, String address, String status) {
    }

    /**
     * A generated report.
     *
     * @param reportId   its id (staff open it at {@code /api/v1/reports/{id}/pdf})
     * @param customerId the customer
     * @param title      its title
     * @param fileName   the PDF's file name
     * @param recipients who receives it
     */
    record Generated(long reportId, long customerId, String title, String fileName, List<Recipient> recipients) {
        public Generated {
            recipients = List.copyOf(recipients);
        }
    }

    /**
     * What following a verification link did.
     *
     * @param reportLinks the signed links of the reports waiting for the address (the same links are e-mailed)
     */
    record Verified(List<String> reportLinks) {
        public Verified {
            reportLinks = List.copyOf(reportLinks);
        }
    }

    /**
     * Who may receive the customer's reports, for the "Generate report" dialog.
     *
     * @param staff              the partner's enabled staff users
     * @param reportSend         whether the customer's "send reports" setting is on
     * @param customerRecipients the customer's report recipients (offered only while {@code reportSend})
     */
    record Choices(List<StaffChoice> staff, boolean reportSend, List<String> customerRecipients) {
        public Choices {
            staff = List.copyOf(staff);
            customerRecipients = List.copyOf(customerRecipients);
        }
    }

    /** A staff user who may receive a report. */
    record StaffChoice(long id, String displayName) {
    }

    /**
     * The recipients "Generate report" offers on the customer.
     *
     * @throws ForbiddenException without {@code customer.read}
     * @throws NotFoundException  when the customer is not visible to the viewer
     */
    Choices recipients(Viewer viewer, long customerId);

    /**
     * Generates a report from a template for the customer and delivers it.
     *
     * @throws ForbiddenException        without {@code customer.act} (a viewer)
     * @throws NotFoundException         when the customer is not visible to the viewer, or the template is not the
     *                                   partner's or not offered for the customer
     * @throws InvalidParameterException no recipient, an address that is not an address or not one of the
     *                                   customer's report recipients, a staff id not of the partner
     * @throws ConflictException         customer recipients while the customer's "send reports" setting is off
     * @throws NotInstalledException     when no PDF renderer is installed
     */
    Generated generate(Viewer viewer, long customerId, Order order);

    /**
     * Generates and sends the customer's billing report for the month (charges per product from the installed
     * {@link org.sightline.api.report.ChargesSource}s, in the customer's currency) to its billing recipients.
     *
     * @throws ForbiddenException        without {@code customer.act}
     * @throws NotFoundException         when the customer is not visible
     * @throws ConflictException         when the customer's "send billing reports" setting is off
     * @throws InvalidParameterException a month not yet over
     */
    Generated sendBilling(Viewer viewer, long customerId, YearMonth month);

    /**
     * A report a staff user received.
     *
     * @param reportId    the generated report (its PDF at {@code /api/v1/reports/{id}.pdf})
     * @param customerId  its customer
     * @param title       its title
     * @param generatedAt when it was generated
     */
    record Received(long reportId, long customerId, String title, java.time.Instant generatedAt) {
    }

    /**
     * The reports the viewer received as a staff recipient, newest first.
     *
     * @param limit at most this many (1 to 200)
     * @throws ForbiddenException without {@code customer.read}
     */
    List<Received> received(Viewer viewer, int limit);

    /**
     * A generated report for a staff user in the portal: a recipient, or anyone who may read the customer.
     *
     * @throws NotFoundException otherwise
     */
    PdfReports.PdfFile staffCopy(Viewer viewer, long reportId);

    /**
     * Follows a verification link (no login): marks the address verified for the customer and sends the
     * reports waiting for it.
     *
     * @throws NotFoundException    when the token is not one the server issued (tampered)
     * @throws LinkExpiredException when it was used already or has expired
     */
    Verified verify(String token);

    /**
     * The one report a signed link names (no login).
     *
     * @throws ForbiddenException   when the signature does not match (tampered)
     * @throws NotFoundException    when the report no longer exists
     * @throws LinkExpiredException when the link has expired
     */
    PdfReports.PdfFile open(String token);
}
