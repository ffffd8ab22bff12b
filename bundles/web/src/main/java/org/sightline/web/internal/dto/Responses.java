package org.sightline.web.internal.dto;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

import org.sightline.api.widget.Placement;
import org.sightline.api.ingest.Rejection;

/** Response bodies (field names and shapes as the API has always answered). */
public final class Responses {
    private Responses() {
    }

    /** A browser session: who signed in, for which partner, with which permissions, and its CSRF token. */
    public record Session(String user, String displayName, Partner partner, List<String> roles, List<String> permissions,
                          String csrfToken, String expiresAt) {
    }

    /** The partner a staff user belongs to. */
    public record Partner(long id, String name, boolean viewOnly) {
    }

    /** A list: {@code {"items": [...]}}. */
    public record Items<T>(List<T> items) {
    }

    /** A widget action's outcome. */
    public record ActionResult(String widget, String action, String message) {
    }

    /** A widget in the registry, with its health. */
    public record WidgetHealth(String id, String title, String product, String section, Set<Placement> placement,
                               String bundle, String version, String state, long calls, long failures, String lastError,
                               double p50Millis, double p95Millis) {
    }

    /** What an ingestion stored. */
    public record IngestReport(String product, int received, int accepted, int stored, int duplicates, int rejectedCount,
                               List<Rejection> rejected) {
    }

    /** An id and a name (a customer group). */
    public record Group(long id, String name) {
    }

    /** A staff member assigned to a customer. */
    public record StaffRef(String username, String displayName) {
    }

    /** A customer in the list. */
    public record CustomerSummary(long id, String accountId, String name, String logoUrl, String currency,
                                  BigDecimal credits, List<String> products, List<StaffRef> staff, List<Group> groups,
                                  boolean pinned, boolean accessEnabled) {
    }

    /** A page of the customer list. */
    public record CustomerPage(List<CustomerSummary> items, String nextCursor, long total) {
    }

    /** A customer's billing settings. */
    public record Billing(boolean send, List<String> recipients, String profile) {
    }

    /** Everything about one customer: the summary's fields and more. */
    public record CustomerDetails(long id, String accountId, String name, String logoUrl, String currency,
                                  BigDecimal credits, List<String> products, List<StaffRef> staff, List<Group> groups,
                                  boolean pinned, boolean accessEnabled, String environmentUrl, boolean hideExpired,
                                  Billing billing, List<Subscription> subscriptions, Reports reports) {
    }

    /** The customer's "send reports" setting and its report recipients. */
    public record Reports(boolean send, List<String> recipients) {
    }

    /** A report template. */
    public record ReportTemplate(long id, String name, List<String> sections, List<String> widgets, String range,
                                 List<Long> customerIds, String branding) {
    }

    /** A recipient of a generated report: {@code staff} or {@code customer}; status {@code portal}, {@code verify}, {@code sent}. */
    public record ReportRecipient(String kind, Long staffId, String address, String status) {
    }

    /** A generated report; staff open it at {@code pdfUrl}. */
    public record GeneratedReport(long id, long customerId, String title, String fileName, String pdfUrl,
                                  List<ReportRecipient> recipients) {
    }

    /** A report the caller received as a staff recipient. */
    public record ReceivedReport(long id, long customerId, String title, String generatedAt, String pdfUrl) {
    }

    /** Who "Generate report" offers as recipients. */
    public record ReportRecipients(List<StaffChoice> staff, boolean reportSend, List<String> customerRecipients) {
    }

    /** A staff user who may receive a report. */
    public record StaffChoice(long id, String displayName) {
    }

    /** A scheduled report. */
    public record ReportSchedule(long id, long templateId, String cadence, List<Long> customerIds, List<Long> staffIds,
                                 List<String> addresses) {
    }

    /** A subscription, with the product's name as the catalogue knows it. */
    public record Subscription(String productId, String productName, String status, String startsOn, String endsOn,
                               Long quantity, Long quota) {
    }

    /** A stored logo. */
    public record Logo(String contentType, String logoUrl) {
    }

    /** Whether expired services are hidden. */
    public record HideExpired(boolean hideExpired) {
    }

    /** A disconnection's outcome: the modules whose data was deleted. */
    public record Disconnected(boolean disconnected, List<String> modules) {
    }

    /** The customer's environment. */
    public record Environment(String url) {
    }

    /** An audit log entry. */
    public record AuditEntry(long id, String at, String user, String action, Long customerId, String customer,
                             String outcome, String detail, String address) {
    }

    /** A page of the audit log. */
    public record AuditPage(List<AuditEntry> items, String nextCursor) {
    }

    /** An API token, never its secret. */
    public record Token(long id, String name, String scope, String createdAt, String lastUsedAt) {
    }

    /** A token just created, with its secret (in this reply only). */
    public record TokenCreated(String name, String scope, String token) {
    }

    /** A staff user. */
    public record StaffUser(String username, String displayName, String role, boolean enabled, boolean localPassword) {
    }

    /** A staff user's assignments: customer ids and group ids. */
    public record Assignments(List<Long> customers, List<Long> groups) {
    }

    /**
     * A message of the mail outbox as admins see it (never its body).
     *
     * @param to        the recipient; masked for a server admin who is not an admin of the message's partner
     * @param status    pending, sending, sent or failed
     * @param lastError why the last attempt failed (the mail server's reply), or {@code null}
     */
    public record QueuedMail(long id, long partnerId, String to, String kind, String reference, String status,
                             int attempts, String createdAt, String nextAttemptAt, String sentAt, String lastError) {
    }
}
