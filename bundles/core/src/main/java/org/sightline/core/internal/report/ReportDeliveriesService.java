package org.sightline.core.internal.report;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.sightline.api.CustomerRef;
import org.sightline.api.Permissions;
import org.sightline.api.Viewer;
import org.sightline.api.report.ChargesSource;
import org.sightline.api.report.ReportActivity;
import org.sightline.api.widget.PageRequest;
import org.sightline.api.widget.TimeRange;
import org.sightline.api.widget.WidgetRequest;
import org.sightline.core.AuditLog;
import org.sightline.core.ConflictException;
import org.sightline.core.CustomerDirectory;
import org.sightline.core.ForbiddenException;
import org.sightline.core.InvalidParameterException;
import org.sightline.core.LinkExpiredException;
import org.sightline.core.NotFoundException;
import org.sightline.core.NotInstalledException;
import org.sightline.core.OutgoingMail;
import org.sightline.core.Outbox;
import org.sightline.core.PdfReports.PdfFile;
import org.sightline.core.ProductCatalogue;
import org.sightline.core.ReportDeliveries;
import org.sightline.core.ReportFailedException;
import org.sightline.core.ReportTemplate;
import org.sightline.core.Roles;
import org.sightline.core.internal.auth.StaffAccounts;
import org.sightline.core.StaffUser;
import org.sightline.core.internal.privacy.PrivacyFilter;
import org.sightline.core.internal.storage.CoreStorage;
import org.sightline.core.internal.storage.Jdbc;
import org.sightline.core.internal.storage.Transactions;
import org.sightline.core.internal.tenancy.Tenancy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Generated reports and their delivery ({@code report_file}, {@code report_delivery}, {@code report_address},
 * {@code report_verification}, {@code report_secret}): the gate (scope 404, {@code customer.act} 403, the template
 * offered for the customer, recipients checked against the partner's staff and the customer's report setting), the
 * PDF from {@link PdfReportsService}, and in one transaction the stored report, one delivery row per recipient and
 * the e-mails in the {@link Outbox}: so a message exists exactly when its delivery committed.
 */
@Component(service = {ReportDeliveries.class, ReportDeliveriesService.class}, configurationPid = ReportDeliveriesService.PID)
@Designate(ocd = ReportDeliveriesService.Config.class)
public class ReportDeliveriesService implements ReportDeliveries {
    /** The configuration of report links. */
    public static final String PID = "org.sightline.core.reports";
    private static final Logger LOG = LoggerFactory.getLogger(ReportDeliveriesService.class);
    static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+'-]{1,64}@[A-Za-z0-9.-]{1,190}\\.[A-Za-z]{2,24}");
    private static final int MAX_RECIPIENTS = 20;
    static final String NO_MAIL = "The mail outbox is not installed: reports cannot be sent to customer recipients.";

    @ObjectClassDefinition(name = "Sightline report delivery", description = "Links in report e-mails.")
    public @interface Config {
        @AttributeDefinition(name = "Public URL", description = "The server's address as recipients reach it; e-mailed links start with it.")
        String publicUrl() default "http://127.0.0.1:8181";

        @AttributeDefinition(name = "Verification link lifetime (hours)")
        int verify_hours() default 72;

        @AttributeDefinition(name = "Report link lifetime (days)")
        int link_days() default 14;

        @AttributeDefinition(name = "Scheduler interval (minutes)", description = "How often scheduled and billing reports are looked at; a period runs once however often.")
        int tick_minutes() default 15;

        @AttributeDefinition(name = "Scheduled run attempts", description = "How many times a scheduled or billing report whose "
                + "document could not be made or stored is tried in its period, one attempt per scheduler tick (1: never retried). "
                + "Mail that cannot be sent is retried by the outbox, not here.")
        int retry_attempts() default 3;

        @AttributeDefinition(name = "Pause between scheduled reports (ms)", description = "How long the scheduler's thread "
                + "rests after each scheduled or billing report it made, so a run of many reports leaves the cores to "
                + "dashboards (0: none).")
        int pause_ms() default 60;
    }

    /** A run's claim: the row that makes a scheduled period run once, written in the delivery's transaction. */
    record Claim(String runKey, String period) {
    }

    private final DataSource ds;
    private final Transactions transactions;
    private final CustomerDirectory customers;
    private final Tenancy tenancy;
    private final StaffAccounts staff;
    private final ReportTemplatesService templates;
    private final PdfReportsService pdf;
    private final java.util.concurrent.atomic.AtomicReference<Outbox> outbox = new java.util.concurrent.atomic.AtomicReference<>();
    private final ReportActivity activity;
    private final AuditLog audit;
    private final ProductCatalogue catalogue;
    private final LinkTokens tokens;
    private final String publicUrl;
    private final Duration verifyFor;
    private final Duration linkFor;
    private final List<ChargesSource> charges = new CopyOnWriteArrayList<>();
    private final Clock clock;

    @Activate
    public ReportDeliveriesService(@Reference CoreStorage storage, @Reference CustomerDirectory customers,
                                   @Reference Tenancy tenancy, @Reference StaffAccounts staff,
                                   @Reference ReportTemplatesService templates, @Reference PdfReportsService pdf,
                                   @Reference ReportActivity activity, @Reference AuditLog audit,
                                   @Reference ProductCatalogue catalogue, Config config) {
        this(storage.dataSource(), customers, tenancy, staff, templates, pdf, null, activity, audit, catalogue,
                config.publicUrl(), Duration.ofHours(Math.max(1, config.verify_hours())),
                Duration.ofDays(Math.max(1, config.link_days())), Clock.systemUTC());
    }

    ReportDeliveriesService(DataSource ds, CustomerDirectory customers, Tenancy tenancy, StaffAccounts staff,
                            ReportTemplatesService templates, PdfReportsService pdf, Outbox outbox, ReportActivity activity,
                            AuditLog audit, ProductCatalogue catalogue, String publicUrl, Duration verifyFor,
                            Duration linkFor, Clock clock) {
        this.ds = ds;
        this.transactions = new Transactions(ds);
        this.customers = customers;
        this.tenancy = tenancy;
        this.staff = staff;
        this.templates = templates;
        this.pdf = pdf;
        this.outbox.set(outbox);
        this.activity = activity;
        this.audit = audit;
        this.catalogue = catalogue;
        this.tokens = new LinkTokens(ds);
        String base = publicUrl == null || publicUrl.isBlank() ? "http://127.0.0.1:8181" : publicUrl.strip();
        this.publicUrl = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.verifyFor = verifyFor;
        this.linkFor = linkFor;
        this.clock = clock;
    }

    /** The mail outbox (the core's; optional so that staff-only reports work without it). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = org.osgi.service.component.annotations.ReferencePolicyOption.GREEDY)
    public void bindOutbox(Outbox o) {
        outbox.set(o);
    }

    public void unbindOutbox(Outbox o) {
        outbox.compareAndSet(o, null);
    }

    /** The outbox, for a delivery that mails: 503 when none is installed. */
    private Outbox outbox() {
        Outbox o = outbox.get();
        if (o == null) {
            throw new NotInstalledException(NO_MAIL);
        }
        return o;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    public void bindCharges(ChargesSource source) {
        charges.add(source);
    }

    public void unbindCharges(ChargesSource source) {
        charges.remove(source);
    }

    // ---- generating ---------------------------------------------------------------------------------------

    @Override
    public Choices recipients(Viewer viewer, long customerId) {
        Roles.require(viewer, Permissions.CUSTOMER_READ);
        CustomerRef c = customers.find(viewer, customerId).orElseThrow(() -> new NotFoundException("no customer with id " + customerId));
        Tenancy.ReportSettings s = tenancy.reportSettings(c.id()).orElseThrow(() -> new NotFoundException("no customer with id " + customerId));
        List<StaffChoice> people = staff.list(viewer.partnerId()).stream().filter(StaffUser::enabled)
                .map(u -> new StaffChoice(u.id(), u.displayName())).toList();
        return new Choices(people, s.reportSend(), s.reportSend() ? s.reportRecipients() : List.of());
    }

    @Override
    public Generated generate(Viewer viewer, long customerId, Order order) {
        String action = "report.generated";
        CustomerRef c = actOn(viewer, customerId, action);
        if (order == null) {
            throw invalid(viewer, c, action, "body", "say which template and who receives the report");
        }
        ReportTemplate t = templates.find(viewer.partnerId(), order.templateId())
                .filter(x -> ReportTemplatesService.offered(x, c.id()))
                .orElseThrow(() -> {
                    audit.record(viewer, action, c.id(), label(c), AuditLog.FAILED, "unknown template " + order.templateId());
                    return new NotFoundException("no report template with id " + order.templateId() + " for this customer");
                });
        List<Long> staffIds = staffRecipients(viewer, c, action, order.staffIds());
        List<String> addresses = customerRecipients(viewer, c, action, "addresses", order.addresses(), false);
        if (staffIds.isEmpty() && addresses.isEmpty()) {
            throw invalid(viewer, c, action, "recipients", "choose at least one staff or customer recipient");
        }
        if (!addresses.isEmpty()) {
            outbox();
        }
        return runTemplate(viewer, c, t, staffIds, addresses, null, "");
    }

    /**
     * Draws the template for the customer and delivers it; with a claim, the run's row is written in the same
     * transaction (a second run of the period fails on it and sends nothing).
     *
     * @return the report, or {@code null} when the claim was taken already
     */
    Generated runTemplate(Viewer viewer, CustomerRef c, ReportTemplate t, List<Long> staffIds, List<String> addresses,
                          Claim claim, String note) {
        TimeRange range = TemplateRange.of(t.range(), LocalDate.now(clock.withZone(ZoneOffset.UTC)), ZoneOffset.UTC);
        WidgetRequest request = request(c, viewer, range);
        PdfFile file;
        try {
            file = pdf.template(viewer, c, t.name(), new HashSet<>(t.sections()), new HashSet<>(t.widgets()), range,
                    ZoneOffset.UTC, "partner-and-customer".equals(t.branding()));
        } catch (RuntimeException e) {
            activity.record(request, t.name() + note + ": " + e.getClass().getSimpleName(), ReportActivity.Kind.GENERATED, false);
            throw e;
        }
        return deliver(viewer, c, request, "template", t.id(), t.name(), file, staffIds, addresses, claim, note);
    }

    @Override
    public Generated sendBilling(Viewer viewer, long customerId, YearMonth month) {
        String action = "report.sent";
        CustomerRef c = actOn(viewer, customerId, action);
        if (month == null || !month.isBefore(YearMonth.now(clock.withZone(ZoneOffset.UTC)))) {
            throw invalid(viewer, c, action, "month", "a billing report is for a month that is over, such as "
                    + YearMonth.now(clock.withZone(ZoneOffset.UTC)).minusMonths(1));
        }
        Tenancy.ReportSettings s = tenancy.reportSettings(c.id()).orElseThrow(() -> new NotFoundException("no customer with id " + customerId));
        if (!s.billingSend() || s.billingRecipients().isEmpty()) {
            audit.record(viewer, action, c.id(), label(c), AuditLog.FAILED, "billing report: send billing reports is off");
            throw new ConflictException("the customer's 'send billing reports' setting is off: no billing report is sent");
        }
        outbox();
        return runBilling(viewer, c, month, s, null);
    }

    /** The customer's billing report for the month, to its billing recipients; see {@link #runTemplate}. */
    Generated runBilling(Viewer viewer, CustomerRef c, YearMonth month, Tenancy.ReportSettings s, Claim claim) {
        TimeRange range = TemplateRange.month(month, ZoneOffset.UTC);
        WidgetRequest request = request(c, viewer, range);
        String title = BillingDocument.title(month);
        List<ChargesSource.Charge> all = new ArrayList<>();
        PdfFile file;
        try {
            for (ChargesSource source : List.copyOf(charges)) {
                all.addAll(source.charges(c, month));
            }
            file = pdf.document(viewer, c, BillingDocument.of(month, c.currency(), s.billingProfile(), all, catalogue::displayName),
                    range, ZoneOffset.UTC, "billing-" + month);
        } catch (Exception e) {
            LOG.warn("The billing report {} of customer {} failed", month, c.id(), e);
            activity.record(request, title + ": " + e.getClass().getSimpleName(), ReportActivity.Kind.GENERATED, false);
            throw e instanceof RuntimeException r ? r : new ReportFailedException("the charges could not be read; the details are in the server log");
        }
        return deliver(viewer, c, request, "billing", null, title, file, List.of(), s.billingRecipients(), claim, "");
    }

    private Generated deliver(Viewer viewer, CustomerRef c, WidgetRequest request, String kind, Long templateId, String title,
                              PdfFile file, List<Long> staffIds, List<String> addresses, Claim claim, String note) {
        Instant now = clock.instant();
        Instant expires = now.plus(linkFor);
        Generated g;
        try {
            g = transactions.inTransaction((conn, tx) -> {
                if (claim != null && !claim(conn, claim, c.partnerId(), now, title)) {
                    return null;
                }
                long fileId = Jdbc.insert(conn, "INSERT INTO report_file (partner_id, customer_id, template_id, kind, title, "
                        + "file_name, content, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        java.util.Arrays.asList(c.partnerId(), c.id(), templateId, kind, abbreviate(title, 200),
                                file.fileName(), file.content(), abbreviate(viewer.user(), 100), now));
                List<Recipient> out = new ArrayList<>();
                for (long staffId : staffIds) {
                    Jdbc.insert(conn, "INSERT INTO report_delivery (file_id, customer_id, staff_id, status, created_at, expires_at) "
                            + "VALUES (?, ?, ?, 'portal', ?, ?)", List.of(fileId, c.id(), staffId, now, expires));
                    out.add(new Recipient("staff", staffId, null, "portal"));
                }
                for (String address : addresses) {
                    String a = address.toLowerCase(Locale.ROOT);
                    boolean verified = !Jdbc.list(conn, "SELECT 1 FROM report_address WHERE customer_id = ? AND address = ?",
                            List.of(c.id(), a), rs -> 1).isEmpty();
                    String status = verified ? "sent" : "verify";
                    long deliveryId = Jdbc.insert(conn, "INSERT INTO report_delivery (file_id, customer_id, address, status, "
                            + "created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)", List.of(fileId, c.id(), a, status, now, expires));
                    if (verified) {
                        outbox().enqueue(tx, linkMail(c.partnerId(), a, deliveryId, expires));
                    } else {
                        String token = tokens.newVerifyToken();
                        Instant until = now.plus(verifyFor);
                        Jdbc.update(conn, "INSERT INTO report_verification (token_hash, customer_id, address, created_at, expires_at) "
                                + "VALUES (?, ?, ?, ?, ?)", List.of(LinkTokens.sha256(token), c.id(), a, now, until));
                        outbox().enqueue(tx, ReportMails.verify(c.partnerId(), a, publicUrl + "/verify/" + token, until, deliveryId));
                    }
                    out.add(new Recipient("customer", null, a, status));
                }
                return new Generated(fileId, c.id(), title, file.fileName(), out);
            });
        } catch (RuntimeException e) {
            activity.record(request, title + note + ": not delivered", ReportActivity.Kind.GENERATED, false);
            throw e;
        } catch (Exception e) {
            activity.record(request, title + note + ": not delivered", ReportActivity.Kind.GENERATED, false);
            throw Jdbc.failure("cannot store the report", e);
        }
        if (g != null) {
            activity.record(request, title + note, ReportActivity.Kind.GENERATED, true);
            activity.record(request, title + note + " to " + describe(g.recipients()), ReportActivity.Kind.SENT, true);
        }
        return g;
    }

    /**
     * Writes the run's row; {@code false} when the period has run already. A period whose earlier attempt failed and
     * may be retried is taken over by this one (one node wins: the update names the failed row).
     */
    private static boolean claim(Connection conn, Claim claim, long partnerId, Instant now, String title) throws SQLException {
        List<Boolean> retry = Jdbc.list(conn, "SELECT outcome = 'failed' AND retry FROM report_run WHERE run_key = ? AND period = ?",
                List.of(claim.runKey(), claim.period()), rs -> rs.getBoolean(1));
        if (!retry.isEmpty()) {
            return retry.get(0) && Jdbc.update(conn, "UPDATE report_run SET outcome = 'sent', retry = FALSE, attempts = attempts + 1, "
                    + "ran_at = ?, detail = ? WHERE run_key = ? AND period = ? AND outcome = 'failed' AND retry = TRUE",
                    List.of(now, abbreviate(title, 1000), claim.runKey(), claim.period())) == 1;
        }
        Jdbc.update(conn, "INSERT INTO report_run (run_key, period, partner_id, ran_at, outcome, detail) VALUES (?, ?, ?, ?, 'sent', ?)",
                List.of(claim.runKey(), claim.period(), partnerId, now, abbreviate(title, 1000)));
        return true;
    }

    /**
     * Records an attempt that failed. With {@code attempts > 1} the period is tried again at a later tick until it
     * has been tried that many times; otherwise (or for a failure that no retry mends, {@code attempts = 1}) it is
     * not tried again.
     *
     * @return the attempt recorded (1 for the first), or 0 when the period ran already or is not to be retried
     */
    int recordFailedRun(Claim claim, long partnerId, String detail, int attempts) {
        Instant now = clock.instant();
        String d = abbreviate(detail, 1000);
        try (Connection conn = ds.getConnection()) {
            try {
                Jdbc.update(conn, "INSERT INTO report_run (run_key, period, partner_id, ran_at, outcome, detail, attempts, retry) "
                        + "VALUES (?, ?, ?, ?, 'failed', ?, 1, ?)",
                        List.of(claim.runKey(), claim.period(), partnerId, now, d, attempts > 1));
                return 1;
            } catch (SQLException e) {
                if (!Jdbc.isConstraintViolation(e)) {
                    throw e;
                }
            }
            List<Integer> tried = Jdbc.list(conn, "SELECT attempts FROM report_run WHERE run_key = ? AND period = ? "
                    + "AND outcome = 'failed' AND retry = TRUE", List.of(claim.runKey(), claim.period()), rs -> rs.getInt(1));
            if (tried.isEmpty()) {
                return 0;
            }
            int attempt = tried.get(0) + 1;
            int n = Jdbc.update(conn, "UPDATE report_run SET attempts = ?, retry = ?, ran_at = ?, detail = ? "
                    + "WHERE run_key = ? AND period = ? AND outcome = 'failed' AND retry = TRUE AND attempts = ?",
                    List.of(attempt, attempt < attempts, now, d, claim.runKey(), claim.period(), tried.get(0)));
            return n == 1 ? attempt : 0;
        } catch (SQLException e) {
            throw Jdbc.failure("cannot record the report run", e);
        }
    }

    /**
     * Whether the period is due: it has no run yet, or its last attempt failed and may be tried again.
     *
     * @return the attempts made so far (0 for none), or -1 when the period is not due
     */
    int due(Claim claim) {
        List<int[]> rows = Jdbc.list(ds, "SELECT CASE WHEN outcome = 'failed' AND retry THEN 1 ELSE 0 END, attempts FROM report_run "
                + "WHERE run_key = ? AND period = ?", List.of(claim.runKey(), claim.period()), rs -> new int[] {rs.getInt(1), rs.getInt(2)});
        if (rows.isEmpty()) {
            return 0;
        }
        return rows.get(0)[0] == 1 ? rows.get(0)[1] : -1;
    }

    private OutgoingMail linkMail(long partnerId, String address, long deliveryId, Instant expires) {
        return ReportMails.report(partnerId, address, link(deliveryId, expires), expires, deliveryId);
    }

    private String link(long deliveryId, Instant expires) {
        return publicUrl + "/r/" + tokens.sign(deliveryId, expires);
    }

    // ---- recipients ---------------------------------------------------------------------------------------

    private List<Long> staffRecipients(Viewer viewer, CustomerRef c, String action, List<Long> given) {
        if (given.size() > MAX_RECIPIENTS) {
            throw invalid(viewer, c, action, "staffIds", "at most " + MAX_RECIPIENTS + " staff recipients");
        }
        Set<Long> partnerStaff = new HashSet<>();
        for (StaffUser u : staff.list(viewer.partnerId())) {
            if (u.enabled()) {
                partnerStaff.add(u.id());
            }
        }
        LinkedHashSet<Long> out = new LinkedHashSet<>();
        for (Long id : given) {
            if (id == null || !partnerStaff.contains(id)) {
                throw invalid(viewer, c, action, "staffIds", "no staff user with id " + id + " in the partner");
            }
            out.add(id);
        }
        return List.copyOf(out);
    }

    /**
     * Customer recipients: addresses, each among the customer's report recipients while its "send reports" setting
     * is on (409 with the reason otherwise).
     */
    List<String> customerRecipients(Viewer viewer, CustomerRef c, String action, String field, List<String> given,
                                    boolean quiet) {
        if (given.isEmpty()) {
            return List.of();
        }
        if (given.size() > MAX_RECIPIENTS) {
            throw invalid(viewer, c, action, field, "at most " + MAX_RECIPIENTS + " customer recipients");
        }
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (String a : given) {
            String e = a == null ? "" : a.strip();
            if (!EMAIL.matcher(e).matches()) {
                throw invalid(viewer, c, action, field, "'" + PrivacyFilter.scrub(abbreviate(e, 40)) + "' is not an e-mail address");
            }
            out.add(e.toLowerCase(Locale.ROOT));
        }
        Tenancy.ReportSettings s = tenancy.reportSettings(c.id()).orElseThrow(() -> new NotFoundException("no customer with id " + c.id()));
        if (!s.reportSend()) {
            audit.record(viewer, action, c.id(), label(c), AuditLog.FAILED, "customer recipients: send reports is off");
            throw new ConflictException("the customer's 'send reports' setting is off: reports cannot be sent to its recipients");
        }
        Set<String> allowed = new HashSet<>();
        s.reportRecipients().forEach(r -> allowed.add(r.toLowerCase(Locale.ROOT)));
        for (String a : out) {
            if (!allowed.contains(a)) {
                throw invalid(viewer, c, action, field, "'" + PrivacyFilter.scrub(a) + "' is not one of the customer's report recipients");
            }
        }
        return List.copyOf(out);
    }

    // ---- reading ------------------------------------------------------------------------------------------

    @Override
    public List<Received> received(Viewer viewer, int limit) {
        Roles.require(viewer, Permissions.CUSTOMER_READ);
        if (limit < 1 || limit > 200) {
            throw new InvalidParameterException("limit", "limit is 1 to 200");
        }
        Optional<StaffUser> me = staff.find(viewer.user()).filter(u -> u.partnerId() == viewer.partnerId());
        if (me.isEmpty()) {
            return List.of();
        }
        return Jdbc.list(ds, "SELECT f.id, f.customer_id, f.title, f.created_at FROM report_file f WHERE f.partner_id = ? "
                + "AND EXISTS (SELECT 1 FROM report_delivery d WHERE d.file_id = f.id AND d.staff_id = ?) "
                + "ORDER BY f.created_at DESC, f.id DESC", List.of(viewer.partnerId(), me.get().id()),
                rs -> new Received(rs.getLong(1), rs.getLong(2), rs.getString(3), Jdbc.instant(rs, 4)))
                .stream().limit(limit).toList();
    }

    @Override
    public PdfFile staffCopy(Viewer viewer, long reportId) {
        if (!viewer.can(Permissions.CUSTOMER_READ)) {
            throw new ForbiddenException("this needs the '" + Permissions.CUSTOMER_READ + "' permission");
        }
        Optional<Object[]> row = Jdbc.one(ds, "SELECT customer_id, title, file_name, content FROM report_file WHERE id = ? AND partner_id = ?",
                List.of(reportId, viewer.partnerId()), rs -> new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBytes(4)});
        if (row.isEmpty()) {
            throw new NotFoundException("no report with id " + reportId);
        }
        long customerId = (Long) row.get()[0];
        Optional<CustomerRef> c = customers.find(viewer, customerId);
        boolean recipient = staff.find(viewer.user()).filter(u -> u.partnerId() == viewer.partnerId())
                .map(u -> !Jdbc.list(ds, "SELECT 1 FROM report_delivery WHERE file_id = ? AND staff_id = ?",
                        List.of(reportId, u.id()), rs -> 1).isEmpty()).orElse(false);
        if (c.isEmpty() && !recipient) {
            throw new NotFoundException("no report with id " + reportId);
        }
        audit.record(viewer, "report.viewed", customerId, c.map(ReportDeliveriesService::label).orElse(null), AuditLog.OK,
                PrivacyFilter.scrub((String) row.get()[1]));
        return new PdfFile((String) row.get()[2], (byte[]) row.get()[3]);
    }

    @Override
    public Verified verify(String token) {
        String hash = LinkTokens.verifyHash(token).orElseThrow(ReportDeliveriesService::unknownVerification);
        Instant now = clock.instant();
        try {
            return transactions.inTransaction((conn, tx) -> {
                List<Object[]> rows = Jdbc.list(conn, "SELECT customer_id, address, expires_at, used_at FROM report_verification "
                        + "WHERE token_hash = ? FOR UPDATE", List.of(hash), rs -> new Object[] {rs.getLong(1), rs.getString(2),
                        Jdbc.instant(rs, 3), Jdbc.instant(rs, 4)});
                if (rows.isEmpty()) {
                    throw unknownVerification();
                }
                long customerId = (Long) rows.get(0)[0];
                String address = (String) rows.get(0)[1];
                CustomerRef c = tenancy.customer(customerId).orElseThrow(ReportDeliveriesService::unknownVerification);
                Viewer who = recipient(c.partnerId(), address);
                if (rows.get(0)[3] != null) {
                    audit.record(who, "report.verify", c.id(), label(c), AuditLog.DENIED, "verification link used already");
                    throw new LinkExpiredException("this verification link was used already; the reports it unlocked were sent to the address");
                }
                if (!now.isBefore((Instant) rows.get(0)[2])) {
                    audit.record(who, "report.verify", c.id(), label(c), AuditLog.DENIED, "verification link expired");
                    throw new LinkExpiredException("this verification link has expired; ask for the report to be sent again");
                }
                Jdbc.update(conn, "UPDATE report_verification SET used_at = ? WHERE token_hash = ?", List.of(now, hash));
                if (Jdbc.list(conn, "SELECT 1 FROM report_address WHERE customer_id = ? AND address = ?", List.of(customerId, address),
                        rs -> 1).isEmpty()) {
                    Jdbc.update(conn, "INSERT INTO report_address (customer_id, address, verified_at) VALUES (?, ?, ?)",
                            List.of(customerId, address, now));
                }
                List<Object[]> waiting = Jdbc.list(conn, "SELECT d.id, d.expires_at, f.kind FROM report_delivery d JOIN report_file f "
                        + "ON f.id = d.file_id WHERE d.customer_id = ? AND d.address = ? AND d.status = 'verify' AND d.expires_at > ? "
                        + "ORDER BY d.id", List.of(customerId, address, now),
                        rs -> new Object[] {rs.getLong(1), Jdbc.instant(rs, 2), rs.getString(3)});
                Tenancy.ReportSettings settings = tenancy.reportSettings(customerId).orElseThrow(ReportDeliveriesService::unknownVerification);
                List<String> links = new ArrayList<>();
                for (Object[] d : waiting) {
                    long id = (Long) d[0];
                    Instant expires = (Instant) d[1];
                    if (!stillAllowed(settings, (String) d[2], address)) {
                        continue; // the customer's setting was turned off, or the address removed, since it was generated
                    }
                    Jdbc.update(conn, "UPDATE report_delivery SET status = 'sent' WHERE id = ?", List.of(id));
                    outbox().enqueue(tx, linkMail(c.partnerId(), address, id, expires));
                    links.add(link(id, expires));
                }
                audit.record(who, "report.verify", c.id(), label(c), AuditLog.OK, PrivacyFilter.scrub(address) + " verified, "
                        + links.size() + " report(s) sent");
                return new Verified(links);
            });
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw Jdbc.failure("cannot verify the address", e);
        }
    }

    @Override
    public PdfFile open(String token) {
        LinkTokens.Signed s = tokens.check(token)
                .orElseThrow(() -> new ForbiddenException("this report link is not valid"));
        if (!clock.instant().isBefore(s.expires())) {
            throw new LinkExpiredException("this report link has expired; ask the sender for a new one");
        }
        Optional<Object[]> row = Jdbc.one(ds, "SELECT f.partner_id, f.customer_id, f.title, f.file_name, f.content, d.address "
                + "FROM report_delivery d JOIN report_file f ON f.id = d.file_id WHERE d.id = ? AND d.status = 'sent'",
                List.of(s.deliveryId()), rs -> new Object[] {rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                rs.getBytes(5), rs.getString(6)});
        if (row.isEmpty()) {
            throw new NotFoundException("this report is no longer available");
        }
        Object[] r = row.get();
        audit.record(recipient((Long) r[0], (String) r[5]), "report.viewed", (Long) r[1], null, AuditLog.OK,
                PrivacyFilter.scrub((String) r[2]) + " through its link");
        return new PdfFile((String) r[3], (byte[]) r[4]);
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    /** Whether the customer's settings still let a report of the kind go to the address. */
    private static boolean stillAllowed(Tenancy.ReportSettings s, String kind, String address) {
        boolean billing = "billing".equals(kind);
        return (billing ? s.billingSend() : s.reportSend())
                && (billing ? s.billingRecipients() : s.reportRecipients()).stream().anyMatch(r -> r.equalsIgnoreCase(address));
    }

    /** The customer, if the viewer may act on it: 403 without {@code customer.read}, 404 outside scope, 403 without {@code customer.act}. */
    private CustomerRef actOn(Viewer viewer, long customerId, String action) {
        if (viewer == null || !viewer.can(Permissions.CUSTOMER_READ)) {
            if (viewer != null) {
                audit.record(viewer, action, null, null, AuditLog.DENIED, "needs customer.read");
            }
            throw new ForbiddenException("this needs the '" + Permissions.CUSTOMER_READ + "' permission");
        }
        CustomerRef c = customers.find(viewer, customerId).orElseThrow(() -> new NotFoundException("no customer with id " + customerId));
        if (!viewer.can(Permissions.CUSTOMER_ACT)) {
            audit.record(viewer, action, c.id(), label(c), AuditLog.DENIED, "needs customer.act");
            throw new ForbiddenException("generating and sending reports needs the '" + Permissions.CUSTOMER_ACT + "' permission");
        }
        return c;
    }

    private InvalidParameterException invalid(Viewer viewer, CustomerRef c, String action, String field, String message) {
        audit.record(viewer, action, c.id(), label(c), AuditLog.FAILED, field + ": " + message);
        return new InvalidParameterException(field, message);
    }

    private static NotFoundException unknownVerification() {
        return new NotFoundException("this verification link is not valid");
    }

    /** Who follows a link, for the audit log: the recipient's address, masked. */
    private static Viewer recipient(long partnerId, String address) {
        return new Viewer("recipient " + PrivacyFilter.scrub(address == null ? "" : address), partnerId, Set.of(), Set.of());
    }

    private static WidgetRequest request(CustomerRef c, Viewer viewer, TimeRange range) {
        return new WidgetRequest(c, viewer, range, ZoneOffset.UTC, PageRequest.first(), Map.of(), null);
    }

    private static String describe(List<Recipient> recipients) {
        long staffCount = recipients.stream().filter(r -> "staff".equals(r.kind())).count();
        List<String> parts = new ArrayList<>();
        if (staffCount > 0) {
            parts.add(staffCount + " staff");
        }
        for (Recipient r : recipients) {
            if ("customer".equals(r.kind())) {
                parts.add(PrivacyFilter.scrub(r.address()) + ("verify".equals(r.status()) ? " (verifying the address)" : ""));
            }
        }
        return parts.isEmpty() ? "nobody" : String.join(", ", parts);
    }

    static String label(CustomerRef c) {
        return c.name() + " (" + c.accountId() + ")";
    }

    private static String abbreviate(String s, int max) {
        return s.length() > max ? s.substring(0, max - 1) + "\u2026" : s;
    }
}
