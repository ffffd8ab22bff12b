package org.sightline.core.internal.report;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.sightline.api.CustomerRef;
import org.sightline.api.Product;
import org.sightline.api.Viewer;
import org.sightline.api.report.ChargesSource;
import org.sightline.api.view.Cell;
import org.sightline.api.view.CellType;
import org.sightline.api.view.Kpi;
import org.sightline.api.view.KpiView;
import org.sightline.api.view.Money;
import org.sightline.api.view.TableView;
import org.sightline.api.widget.DashboardWidget;
import org.sightline.core.AuditEntry;
import org.sightline.core.AuditQuery;
import org.sightline.core.ConflictException;
import org.sightline.core.CustomerUpdate;
import org.sightline.core.ForbiddenException;
import org.sightline.core.InvalidParameterException;
import org.sightline.core.LinkExpiredException;
import org.sightline.core.NotFoundException;
import org.sightline.core.OutgoingMail;
import org.sightline.core.Outbox;
import org.sightline.core.PdfReports;
import org.sightline.core.ProductCatalogue;
import org.sightline.core.ReportDeliveries;
import org.sightline.core.ReportRuns;
import org.sightline.core.ReportSchedule;
import org.sightline.core.ReportTemplate;
import org.sightline.core.StaffUser;
import org.sightline.core.internal.audit.AuditLogImpl;
import org.sightline.core.internal.auth.Passwords;
import org.sightline.core.internal.auth.StaffDirectoryImpl;
import org.sightline.core.internal.cache.CacheDirectory;
import org.sightline.core.internal.cache.ChangeNotes;
import org.sightline.core.internal.dashboard.DashboardComposer;
import org.sightline.core.internal.dashboard.ViewCache;
import org.sightline.core.internal.registry.WidgetRegistryImpl;
import org.sightline.core.internal.storage.CoreStorage;
import org.sightline.core.internal.storage.Transactions;
import org.sightline.core.internal.tenancy.CustomerActionsImpl;
import org.sightline.core.internal.tenancy.CustomerDirectoryImpl;
import org.sightline.core.internal.tenancy.CustomerIndex;
import org.sightline.core.internal.tenancy.PortalDb;
import org.sightline.reports.internal.PdfReportRenderer;

/**
 * Templates, "Generate report" with staff and customer recipients, address verification, signed report links,
 * scheduled and billing reports, through the real tenancy, staff directory, audit log, widget registry, composer,
 * privacy filter and PDF renderer, on H2 (and PostgreSQL when {@code SIGHTLINE_TEST_PG_URL} is set). The outbox is a
 * test one that writes a row in the caller's transaction, so a message is seen exactly when its event committed.
 */
@RunWith(Parameterized.class)
public class ReportDeliveryTest {
    private static final String PHONE = "+1 415 555 0101";
    private static final String NAME = "Jane Roe";
    private static final String RECIPIENT = "reports@acme.example";
    private static final Pattern VERIFY_LINK = Pattern.compile("https://portal\\.example/verify/([A-Za-z0-9_-]+)");
    private static final Pattern REPORT_LINK = Pattern.compile("https://portal\\.example/r/([A-Za-z0-9_.-]+)");

    @Parameterized.Parameters(name = "{0}")
    public static List<Object[]> kinds() {
        return PortalDb.kinds();
    }

    private final String kind;
    private PortalDb db;
    private DataSource ds;
    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-02T10:00:00Z"));
    private CustomerDirectoryImpl customers;
    private CustomerActionsImpl actions;
    private StaffDirectoryImpl staff;
    private AuditLogImpl audit;
    private ReportTemplatesService templates;
    private ReportSchedulesService schedules;
    private ReportDeliveriesService deliveries;
    private final List<ChargesSource.Charge> charges = new ArrayList<>();
    private DashboardComposer composer;
    private Viewer anna;
    private Viewer eric;
    private Viewer vic;
    private Viewer bea;
    private StaffUser ericUser;
    private CustomerRef acme;
    private CustomerRef globex;
    private CustomerRef foreign;
    private static final Viewer OPERATOR = new Viewer("shell:karaf", -1, java.util.Set.of(org.sightline.core.Roles.OPERATOR),
            java.util.Set.of(org.sightline.api.Permissions.ADMIN));
    private long nextServiceId = 1;
    private PdfReportsService pdf;

    public ReportDeliveryTest(String kind) {
        this.kind = kind;
    }

    @Before
    public void setUp() throws Exception {
        db = new PortalDb(kind);
        ds = db.dataSource();
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE test_outbox (id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, partner_id BIGINT, "
                    + "recipient VARCHAR(254), subject VARCHAR(200), body VARCHAR(4000), kind VARCHAR(40), reference VARCHAR(100))");
        }
        ChangeNotes changes = new ChangeNotes();
        CustomerIndex index = CustomerIndex.on(ds, changes, StaffDirectoryImpl.on(ds, new Passwords(4), changes));
        customers = CustomerDirectoryImpl.on(ds, index, changes);
        staff = StaffDirectoryImpl.on(ds, new Passwords(4), changes);
        audit = AuditLogImpl.on(ds);
        CoreStorage storage = mock(CoreStorage.class);
        when(storage.dataSource()).thenReturn(ds);
        when(storage.transactions()).thenReturn(new Transactions(ds));
        actions = new CustomerActionsImpl(customers, storage, audit, changes, index);
        long partnerA = customers.createPartner("Contoso Partners");
        long partnerB = customers.createPartner("Other Partner");
        anna = staff.create(partnerA, "anna", "Anna Admin", "admin", "anna-secret-1".toCharArray()).viewer();
        ericUser = staff.create(partnerA, "eric", "Eric Engineer", "engineer", "eric-secret-1".toCharArray());
        eric = ericUser.viewer();
        StaffUser vicUser = staff.create(partnerA, "vic", "Vic Viewer", "viewer", "vic-secret-12".toCharArray());
        vic = vicUser.viewer();
        bea = staff.create(partnerB, "bea", "Bea Admin", "admin", "bea-secret-12".toCharArray()).viewer();
        acme = customers.createCustomer(partnerA, "ACME-1", "Acme Corporation", "EUR", true);
        globex = customers.createCustomer(partnerA, "GLX-2", "Globex", "USD", true);
        foreign = customers.createCustomer(partnerB, "FOR-1", "Foreign Corp", "EUR", true);
        staff.assignCustomer(ericUser.id(), acme.id());
        staff.assignCustomer(vicUser.id(), acme.id());
        customers.subscribe(acme.id(), "leak", "active");

        WidgetRegistryImpl registry = new WidgetRegistryImpl();
        CacheDirectory caches = new CacheDirectory();
        bindProduct(registry);
        bind(registry, "leak.table", "Recent messages", "usage", r -> new TableView(List.of(
                new TableView.Column("from", "From", CellType.PHONE), new TableView.Column("name", "Contact", CellType.PERSON_NAME)),
                List.of(new TableView.Row(List.of(Cell.phone(PHONE), Cell.personName(NAME)), null)), null, 1L));
        bind(registry, "leak.tiles", "SMS at a glance", "usage", r -> new KpiView(List.of(new Kpi("k", "Last caller " + PHONE,
                Cell.phone(PHONE)))));
        bind(registry, "leak.backup", "Backup status", "backup", r -> new KpiView(List.of(new Kpi("b", "Jobs", Cell.number(3)))));
        composer = new DashboardComposer(registry, customers, customers, new ViewCache(changes, caches), changes, caches, audit,
                composerConfig());
        pdf = new PdfReportsService(composer, customers, new ReportActivityService(audit), audit, org.mockito.Mockito.mock(org.sightline.core.PartnerLogos.class), composerConfig());
        pdf.bindRenderer(new PdfReportRenderer());
        ProductCatalogue catalogue = mock(ProductCatalogue.class);
        when(catalogue.displayName(anyString())).thenAnswer(i -> "sms".equals(i.getArgument(0)) ? "SMS" : i.getArgument(0));
        templates = new ReportTemplatesService(ds, customers, audit, clock);
        schedules = new ReportSchedulesService(ds, customers, staff, templates, audit, clock);
        deliveries = new ReportDeliveriesService(ds, customers, customers, staff, templates, pdf, new TableOutbox(),
                new ReportActivityService(audit), audit, catalogue, "https://portal.example/", Duration.ofHours(72),
                Duration.ofDays(14), clock);
        deliveries.bindCharges((customer, month) -> List.copyOf(charges));
    }

    @After
    public void tearDown() throws Exception {
        db.close();
    }

    // ---- templates ----------------------------------------------------------------------------------------

    @Test
    public void partnerAdminsManageTemplatesAndEveryBadFieldIsNamed() {
        ReportTemplate usage = templates.create(anna, template("Monthly usage", List.of("usage"), List.of(), List.of()));
        assertEquals("last-month", usage.range());
        assertEquals("partner-and-customer", usage.branding());
        assertEquals(List.of("usage"), usage.sections());

        assertThrows(ForbiddenException.class, () -> templates.create(eric, template("Mine", List.of("usage"), List.of(), List.of())));
        assertThrows(ForbiddenException.class, () -> templates.create(vic, template("Mine", List.of("usage"), List.of(), List.of())));
        assertEquals("sections", assertThrows(InvalidParameterException.class,
                () -> templates.create(anna, template("Empty", List.of(), List.of(), List.of()))).parameter());
        assertEquals("name", assertThrows(InvalidParameterException.class,
                () -> templates.create(anna, template(" ", List.of("usage"), List.of(), List.of()))).parameter());
        assertEquals("range", assertThrows(InvalidParameterException.class, () -> templates.create(anna,
                new ReportTemplate(0, "Yearly", List.of("usage"), List.of(), "last-year", List.of(), null))).parameter());
        assertEquals("widgets", assertThrows(InvalidParameterException.class,
                () -> templates.create(anna, template("Bad", List.of(), List.of("no spaces please"), List.of()))).parameter());
        assertThrows(ConflictException.class, () -> templates.create(anna, template("MONTHLY usage", List.of("backup"), List.of(), List.of())));
        // another partner's customer in the restriction is a 404, as is another partner's template
        assertThrows(NotFoundException.class, () -> templates.create(anna, template("Foreign", List.of("usage"), List.of(),
                List.of(foreign.id()))));
        assertThrows(NotFoundException.class, () -> templates.get(bea, usage.id()));
        assertThrows(NotFoundException.class, () -> templates.update(bea, usage.id(), template("x", List.of("usage"), List.of(), List.of())));

        ReportTemplate globexOnly = templates.create(anna, template("Globex backup", List.of("backup"), List.of(), List.of(globex.id())));
        assertEquals(List.of("Monthly usage"), templates.forCustomer(eric, acme.id()).stream().map(ReportTemplate::name).toList());
        assertEquals(List.of("Globex backup", "Monthly usage"), templates.forCustomer(anna, globex.id()).stream()
                .map(ReportTemplate::name).toList());
        assertThrows(NotFoundException.class, () -> templates.forCustomer(eric, globex.id()));

        ReportTemplate edited = templates.update(anna, globexOnly.id(), new ReportTemplate(0, "Globex backup", List.of("backup"),
                List.of("leak.tiles"), "last-7-days", List.of(), "partner"));
        assertEquals(List.of("leak.tiles"), edited.widgets());
        assertEquals("partner", edited.branding());
        templates.delete(anna, edited.id());
        assertThrows(NotFoundException.class, () -> templates.get(anna, edited.id()));
        assertEquals(List.of("report.template.delete", "report.template.edit", "report.template.create"),
                actions(audit("report.template.")).subList(0, 3));
    }

    // ---- generating ---------------------------------------------------------------------------------------

    @Test
    public void customerRecipientsNeedTheCustomersSettingAndBadInputSendsNothing() {
        ReportTemplate t = templates.create(anna, template("Usage", List.of("usage"), List.of(), List.of()));
        ReportDeliveries.Order toCustomer = new ReportDeliveries.Order(t.id(), List.of(), List.of(RECIPIENT));
        ConflictException off = assertThrows(ConflictException.class, () -> deliveries.generate(eric, acme.id(), toCustomer));
        assertTrue(off.getMessage(), off.getMessage().contains("'send reports' setting is off"));

        actions.update(anna, acme.id(), new CustomerUpdate(null, null, null, null, null, null, null, true, List.of(RECIPIENT)));
        assertEquals("addresses", assertThrows(InvalidParameterException.class, () -> deliveries.generate(eric, acme.id(),
                new ReportDeliveries.Order(t.id(), List.of(), List.of("not-an-address")))).parameter());
        assertEquals("addresses", assertThrows(InvalidParameterException.class, () -> deliveries.generate(eric, acme.id(),
                new ReportDeliveries.Order(t.id(), List.of(), List.of("someone@else.example")))).parameter());
        assertEquals("recipients", assertThrows(InvalidParameterException.class, () -> deliveries.generate(eric, acme.id(),
                new ReportDeliveries.Order(t.id(), List.of(), List.of()))).parameter());
        assertEquals("staffIds", assertThrows(InvalidParameterException.class, () -> deliveries.generate(eric, acme.id(),
                new ReportDeliveries.Order(t.id(), List.of(999L), List.of()))).parameter());
        assertThrows(NotFoundException.class, () -> deliveries.generate(eric, acme.id(), new ReportDeliveries.Order(9999, List.of(), List.of(RECIPIENT))));
        assertThrows(NotFoundException.class, () -> deliveries.generate(bea, acme.id(), toCustomer));
        assertThrows(NotFoundException.class, () -> deliveries.generate(anna, foreign.id(), toCustomer));
        assertThrows(NotFoundException.class, () -> deliveries.generate(eric, globex.id(), toCustomer)); // not assigned
        assertThrows(ForbiddenException.class, () -> deliveries.generate(vic, acme.id(), toCustomer));
        assertEquals(0, count("SELECT COUNT(*) FROM report_file"));
        assertEquals(0, count("SELECT COUNT(*) FROM report_delivery"));
        assertEquals(0, count("SELECT COUNT(*) FROM test_outbox"));
        assertTrue(outcomes(audit("report.generated")).contains("denied"));
    }

    @Test
    public void aGeneratedReportShowsTheTemplatesWidgetsMaskedAndReachesStaffAndTheCustomer() throws IOException {
        actions.update(anna, acme.id(), new CustomerUpdate(null, null, null, null, null, null, null, true, List.of(RECIPIENT)));
        ReportTemplate t = templates.create(anna, template("Usage this month", List.of("usage"), List.of(), List.of()));
        ReportDeliveries.Generated g = deliveries.generate(eric, acme.id(),
                new ReportDeliveries.Order(t.id(), List.of(ericUser.id()), List.of("Reports@Acme.example")));

        assertEquals(List.of(new ReportDeliveries.Recipient("staff", ericUser.id(), null, "portal"),
                new ReportDeliveries.Recipient("customer", null, RECIPIENT, "verify")), g.recipients());
        String text = text(deliveries.staffCopy(eric, g.reportId()).content());
        for (String expected : List.of("Usage this month", "Acme Corporation", "Contoso Partners", "Recent messages",
                "SMS at a glance", "\u2022\u2022\u2022\u20220101", "[name hidden]")) {
            assertTrue(expected + " in\n" + text, text.contains(expected));
        }
        assertFalse(text, text.contains("Backup status")); // not in the template
        assertFalse(text, text.contains(NAME));
        assertFalse(text, Pattern.compile("415\\D{0,3}555").matcher(text).find());
        assertThrows(NotFoundException.class, () -> deliveries.staffCopy(bea, g.reportId()));
        assertEquals(List.of(g.reportId()), deliveries.received(eric, 20).stream().map(ReportDeliveries.Received::reportId).toList());
        assertEquals(List.of(), deliveries.received(anna, 20));

        // one e-mail: the verification link, and nothing about the customer or the report's content
        List<Map<String, Object>> mails = outbox();
        assertEquals(1, mails.size());
        assertEquals(RECIPIENT, mails.get(0).get("recipient"));
        assertEquals("report.verify", mails.get(0).get("kind"));
        String body = (String) mails.get(0).get("body");
        assertTrue(body, VERIFY_LINK.matcher(body).find());
        assertFalse(body, body.contains("Acme") || body.contains("Usage") || body.contains("0101"));
        List<String> sent = details(audit("report.sent"));
        assertTrue(sent.toString(), sent.get(0).startsWith("Usage this month to 1 staff, r\u2026@acme.example (verifying the address)"));
    }

    @Test
    public void aVerificationLinkWorksOnceUntilItExpiresAndOnlyForItsAddress() {
        actions.update(anna, acme.id(), new CustomerUpdate(null, null, null, null, null, null, null, true,
                List.of(RECIPIENT, "cfo@acme.example")));
        ReportTemplate t = templates.create(anna, template("Usage", List.of("usage"), List.of(), List.of()));
        deliveries.generate(eric, acme.id(), new ReportDeliveries.Order(t.id(), List.of(), List.of(RECIPIENT, "cfo@acme.example")));
        String token = match(VERIFY_LINK, (String) outbox().get(0).get("body"));
        String other = match(VERIFY_LINK, (String) outbox().get(1).get("body"));

        assertThrows(NotFoundException.class, () -> deliveries.verify(token.substring(0, 42) + (token.endsWith("A") ? "B" : "A")));
        assertThrows(NotFoundException.class, () -> deliveries.verify("../../etc/passwd"));
        ReportDeliveries.Verified v = deliveries.verify(token);
        assertEquals(1, v.reportLinks().size());
        assertTrue(v.reportLinks().get(0), REPORT_LINK.matcher(v.reportLinks().get(0)).matches());
        assertEquals("report.link", outbox().get(2).get("kind"));
        assertEquals(RECIPIENT, outbox().get(2).get("recipient"));
        LinkExpiredException used = assertThrows(LinkExpiredException.class, () -> deliveries.verify(token));
        assertTrue(used.getMessage(), used.getMessage().contains("used already"));
        assertEquals(3, outbox().size());
        // the other address is still waiting: the first link verified only its own
        assertEquals(1, count("SELECT COUNT(*) FROM report_delivery WHERE status = 'verify'"));

        // a verified address gets the report link at once next time
        ReportDeliveries.Generated again = deliveries.generate(eric, acme.id(), new ReportDeliveries.Order(t.id(), List.of(), List.of(RECIPIENT)));
        assertEquals("sent", again.recipients().get(0).status());
        assertEquals("report.link", outbox().get(3).get("kind"));

        clock.move(Duration.ofHours(73));
        LinkExpiredException expired = assertThrows(LinkExpiredException.class, () -> deliveries.verify(other));
        assertTrue(expired.getMessage(), expired.getMessage().contains("expired"));
        assertEquals(1, count("SELECT COUNT(*) FROM report_delivery WHERE status = 'verify'"));
    }

    @Test
    public void aReportWaitingForItsAddressIsNotSentOnceTheCustomersSettingIsOff() {
        actions.update(anna, acme.id(), new CustomerUpdate(null, null, null, null, null, null, null, true, List.of(RECIPIENT)));
        ReportTemplate t = templates.create(anna, template("Usage", List.of("usage"), List.of(), List.of()));
        deliveries.generate(eric, acme.id(), new ReportDeliveries.Order(t.id(), List.of(), List.of(RECIPIENT)));
        actions.update(anna, acme.id(), new CustomerUpdate(null, null, null, null, null, null, null, false, null));

        ReportDeliveries.Verified v = deliveries.verify(match(VERIFY_LINK, (String) outbox().get(0).get("body")));
        assertEquals(List.of(), v.reportLinks());
        assertEquals(1, outbox().size());
        assertEquals(1, count("SELECT COUNT(*) FROM report_delivery WHERE status = 'verify'"));
    }

    @Test
    public void aSignedLinkShowsThatOneReportUntilItExpiresAndATamperedOneNothing() {
        actions.update(anna, acme.id(), new CustomerUpdate(null, null, null, null, null, null, null, true, List.of(RECIPIENT)));
        ReportTemplate t = templates.create(anna, template("Usage", List.of("usage"), List.of(), List.of()));
        ReportDeliveries.Generated g = deliveries.generate(eric, acme.id(), new ReportDeliveries.Order(t.id(), List.of(), List.of(RECIPIENT)));
        String link = deliveries.verify(match(VERIFY_LINK, (String) outbox().get(0).get("body"))).reportLinks().get(0);
        String token = match(REPORT_LINK, link);

        PdfReports.PdfFile pdf = deliveries.open(token);
        assertEquals(g.fileName(), pdf.fileName());
        assertTrue(new String(pdf.content(), 0, 5, java.nio.charset.StandardCharsets.US_ASCII).startsWith("%PDF-"));

        String[] parts = token.split("\\.");
        long id = Long.parseLong(parts[0]);
        assertThrows(ForbiddenException.class, () -> deliveries.open((id + 1) + "." + parts[1] + "." + parts[2]));
        assertThrows(ForbiddenException.class, () -> deliveries.open(parts[0] + "." + (Long.parseLong(parts[1]) + 86_400) + "." + parts[2]));
        char last = parts[2].charAt(parts[2].length() - 2);
        assertThrows(ForbiddenException.class, () -> deliveries.open(parts[0] + "." + parts[1] + "."
                + parts[2].substring(0, parts[2].length() - 2) + (last == 'x' ? 'y' : 'x') + parts[2].charAt(parts[2].length() - 1)));
        assertThrows(ForbiddenException.class, () -> deliveries.open("garbage"));
        // a properly signed link to a delivery that is not sent (still verifying) shows nothing
        ReportDeliveries.Generated waiting = deliveries.generate(eric, acme.id(), new ReportDeliveries.Order(t.id(), List.of(ericUser.id()), List.of()));
        long staffDelivery = count("SELECT MAX(id) FROM report_delivery");
        assertNotNull(waiting);
        assertThrows(NotFoundException.class, () -> deliveries.open(new LinkTokens(ds).sign(staffDelivery, clock.instant().plusSeconds(60))));

        clock.move(Duration.ofDays(15));
        assertThrows(LinkExpiredException.class, () -> deliveries.open(token));
        assertEquals(1, details(audit("report.viewed")).stream().filter(d -> d.endsWith("through its link")).count());
    }

    // ---- scheduled and billing reports --------------------------------------------------------------------

    @Test
    public void aScheduledReportRunsExactlyOnceAPeriodHoweverOftenTheSchedulerTicksOrRestarts() {
        actions.update(anna, acme.id(), new CustomerUpdate(null, null, null, null, null, null, null, true, List.of(RECIPIENT)));
        ReportTemplate t = templates.create(anna, template("Weekly usage", List.of("usage"), List.of(), List.of()));
        assertThrows(ForbiddenException.class, () -> schedules.create(eric, new ReportSchedule(0, t.id(), "weekly",
                List.of(acme.id()), List.of(ericUser.id()), List.of())));
        assertEquals("cadence", assertThrows(InvalidParameterException.class, () -> schedules.create(anna, new ReportSchedule(0, t.id(),
                "daily", List.of(acme.id()), List.of(ericUser.id()), List.of()))).parameter());
        assertThrows(NotFoundException.class, () -> schedules.create(anna, new ReportSchedule(0, t.id(), "weekly",
                List.of(foreign.id()), List.of(ericUser.id()), List.of())));
        ReportSchedule s = schedules.create(anna, new ReportSchedule(0, t.id(), "weekly", List.of(acme.id()),
                List.of(ericUser.id()), List.of(RECIPIENT)));
        assertThrows(ConflictException.class, () -> templates.delete(anna, t.id()));

        // Wednesday 2 December: the week before began before the schedule existed, so nothing is due
        assertEquals(new ReportScheduler.Tick(0, 0), scheduler().tick());
        // Monday 7 December: the week of 30 November (2026-W49) is due
        clock.set(Instant.parse("2026-12-07T06:00:00Z"));
        assertEquals(new ReportScheduler.Tick(1, 0), scheduler().tick());
        assertEquals(new ReportScheduler.Tick(0, 0), scheduler().tick());
        assertEquals(new ReportScheduler.Tick(0, 0), scheduler().tick()); // a restarted scheduler, same clock
        clock.set(Instant.parse("2026-12-09T18:00:00Z"));
        assertEquals(new ReportScheduler.Tick(0, 0), scheduler().tick());
        assertEquals(1, count("SELECT COUNT(*) FROM report_file"));
        assertEquals(1, count("SELECT COUNT(*) FROM report_run WHERE run_key = 'schedule:" + s.id() + ":" + acme.id()
                + "' AND period = '2026-W49' AND outcome = 'sent'"));
        assertEquals(1, count("SELECT COUNT(*) FROM test_outbox"));
        List<String> sent = details(audit("report.sent"));
        assertTrue(sent.toString(), sent.get(0).startsWith("Weekly usage (weekly schedule, 2026-W49) to 1 staff, r\u2026@acme.example"));
        assertEquals("schedule:" + s.id(), audit.query(anna, new AuditQuery(null, null, null, null, "report.sent", null, 5))
                .items().get(0).actor());

        // the next week runs once more
        clock.set(Instant.parse("2026-12-14T00:30:00Z"));
        assertEquals(new ReportScheduler.Tick(1, 0), scheduler().tick());
        assertEquals(2, count("SELECT COUNT(*) FROM report_file"));

        // an operator's run with first periods sends a new schedule's last complete period at once, then never again
        ReportSchedule fresh = schedules.create(anna, new ReportSchedule(0, t.id(), "monthly", List.of(acme.id()),
                List.of(ericUser.id()), List.of()));
        assertEquals(new ReportScheduler.Tick(0, 0), scheduler().tick());
        List<ReportRuns.Ran> first = scheduler().runDue(OPERATOR, true).runs();
        assertEquals(1, first.size());
        assertEquals(fresh.id(), (long) first.get(0).scheduleId());
        assertEquals("2026-11", first.get(0).period());
        assertEquals(0, scheduler().runDue(OPERATOR, true).runs().size());
        assertEquals(3, count("SELECT COUNT(*) FROM report_file"));
    }

    @Test
    public void aRunWhoseDocumentCannotBeMadeIsRetriedAtTheNextTicksOfItsPeriodThreeTimesAtMost() {
        ReportTemplate t = templates.create(anna, template("Weekly usage", List.of("usage"), List.of(), List.of()));
        ReportSchedule s = schedules.create(anna, new ReportSchedule(0, t.id(), "weekly", List.of(acme.id()),
                List.of(ericUser.id()), List.of()));
        String key = "schedule:" + s.id() + ":" + acme.id();
        java.util.concurrent.atomic.AtomicInteger broken = new java.util.concurrent.atomic.AtomicInteger(2);
        PdfReportRenderer real = new PdfReportRenderer();
        pdf.bindRenderer((doc, branding, out) -> {
            if (broken.getAndDecrement() > 0) {
                throw new IllegalStateException("the renderer broke");
            }
            real.render(doc, branding, out);
        });
        // Monday 7 December, 06:00: the week of 30 November is due; drawing fails
        clock.set(Instant.parse("2026-12-07T06:00:00Z"));
        assertEquals(new ReportScheduler.Tick(0, 1), scheduler().tick());
        assertEquals(1, count("SELECT attempts FROM report_run WHERE run_key = '" + key + "' AND outcome = 'failed' AND retry = TRUE"));
        // the next tick (15 minutes on, same period) tries again and fails again
        clock.set(Instant.parse("2026-12-07T06:15:00Z"));
        assertEquals(new ReportScheduler.Tick(0, 1), scheduler().tick());
        assertEquals(2, count("SELECT attempts FROM report_run WHERE run_key = '" + key + "' AND outcome = 'failed' AND retry = TRUE"));
        assertEquals(0, count("SELECT COUNT(*) FROM report_file"));
        // the third attempt draws the report: sent once, then nothing more in this period
        clock.set(Instant.parse("2026-12-07T06:30:00Z"));
        List<ReportRuns.Ran> ran = scheduler().runDue(OPERATOR, false).runs();
        assertEquals(1, ran.size());
        assertEquals("sent", ran.get(0).outcome());
        assertEquals(3, ran.get(0).attempt());
        assertEquals("2026-W49", ran.get(0).period());
        assertEquals(new ReportScheduler.Tick(0, 0), scheduler().tick());
        assertEquals(1, count("SELECT COUNT(*) FROM report_file"));
        assertEquals(1, count("SELECT COUNT(*) FROM report_run WHERE run_key = '" + key + "' AND outcome = 'sent' AND attempts = 3"));
        // each attempt's outcome is recorded as report activity
        List<String> generated = details(audit("report.generated"));
        assertEquals(generated.toString(), 2, generated.stream().filter(d -> d.contains("IllegalStateException")
                || d.contains("ReportFailedException")).count());
        assertTrue(generated.toString(), generated.stream().anyMatch(d -> d.contains("attempt 2 of 3")));
        assertTrue(generated.toString(), generated.stream().anyMatch(d -> d.contains("attempt 3 of 3") && !d.contains("Exception")));
        assertEquals(1, count("SELECT COUNT(*) FROM audit_log WHERE action = 'report.run' AND outcome = 'ok' AND actor = 'shell:karaf'"));

        // the next week fails on every attempt: three tries, then the period is given up and recorded so
        broken.set(100);
        clock.set(Instant.parse("2026-12-14T06:00:00Z"));
        assertEquals(new ReportScheduler.Tick(0, 1), scheduler().tick());
        clock.set(Instant.parse("2026-12-14T06:15:00Z"));
        assertEquals(new ReportScheduler.Tick(0, 1), scheduler().tick());
        clock.set(Instant.parse("2026-12-14T06:30:00Z"));
        List<ReportRuns.Ran> last = scheduler().runDue(OPERATOR, false).runs();
        assertEquals("failed-final", last.get(0).outcome());
        assertEquals(3, last.get(0).attempt());
        clock.set(Instant.parse("2026-12-14T06:45:00Z"));
        assertEquals(new ReportScheduler.Tick(0, 0), scheduler().tick());
        assertEquals(1, count("SELECT COUNT(*) FROM report_run WHERE run_key = '" + key + "' AND period = '2026-W50' "
                + "AND outcome = 'failed' AND retry = FALSE AND attempts = 3"));
        // only a server operator may run them on demand
        assertThrows(ForbiddenException.class, () -> scheduler().runDue(anna, false));
    }

    @Test
    public void theMonthlyBillingReportListsTheChargesInTheCustomersCurrencyToItsBillingRecipients() throws IOException {
        charges.add(new ChargesSource.Charge("sms", 1234, new Money(new BigDecimal("61.7000"), "EUR")));
        charges.add(new ChargesSource.Charge("voice", 300, new Money(new BigDecimal("6.0000"), "EUR")));
        YearMonth november = YearMonth.of(2026, 11);
        assertThrows(ConflictException.class, () -> deliveries.sendBilling(eric, acme.id(), november));
        actions.update(anna, acme.id(), new CustomerUpdate(null, null, null, null, true, List.of("billing@acme.example"), "Net 30"));
        assertEquals("month", assertThrows(InvalidParameterException.class,
                () -> deliveries.sendBilling(eric, acme.id(), YearMonth.of(2026, 12))).parameter());
        assertThrows(ForbiddenException.class, () -> deliveries.sendBilling(vic, acme.id(), november));

        clock.set(Instant.parse("2026-12-07T06:00:00Z"));
        assertEquals(new ReportScheduler.Tick(1, 0), scheduler().tick());
        assertEquals(new ReportScheduler.Tick(0, 0), scheduler().tick());
        List<Map<String, Object>> mails = outbox();
        assertEquals(1, mails.size());
        assertEquals("billing@acme.example", mails.get(0).get("recipient"));
        assertEquals("report.verify", mails.get(0).get("kind")); // verification applies to billing recipients too
        long fileId = count("SELECT MAX(id) FROM report_file WHERE kind = 'billing'");
        String text = text(deliveries.staffCopy(anna, fileId).content());
        for (String expected : List.of("Billing report November 2026", "Charges for November 2026 in EUR, billing profile Net 30.",
                "SMS", "voice", "1,234", "61.70", "6.00", "67.70")) {
            assertTrue(expected + " in\n" + text, text.contains(expected));
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    private ReportScheduler scheduler() {
        return new ReportScheduler(schedules, templates, deliveries, customers, new ReportActivityService(audit), audit, clock, false, 15, 3, 0);
    }

    private static ReportTemplate template(String name, List<String> sections, List<String> widgets, List<Long> customers) {
        return new ReportTemplate(0, name, sections, widgets, "last-month", customers, null);
    }

    private List<AuditEntry> audit(String action) {
        return audit.query(anna, new AuditQuery(null, null, null, null, action, null, 50)).items();
    }

    private static List<String> actions(List<AuditEntry> entries) {
        return entries.stream().map(AuditEntry::action).toList();
    }

    private static List<String> outcomes(List<AuditEntry> entries) {
        return entries.stream().map(AuditEntry::outcome).toList();
    }

    private static List<String> details(List<AuditEntry> entries) {
        return entries.stream().map(AuditEntry::detail).toList();
    }

    private long count(String sql) {
        return org.sightline.core.internal.storage.Jdbc.one(ds, sql, List.of(), rs -> rs.getLong(1)).orElse(0L);
    }

    private List<Map<String, Object>> outbox() {
        return org.sightline.core.internal.storage.Jdbc.list(ds, "SELECT recipient, kind, body FROM test_outbox ORDER BY id",
                List.of(), rs -> Map.of("recipient", rs.getString(1), "kind", rs.getString(2), "body", rs.getString(3)));
    }

    private static String match(Pattern p, String s) {
        Matcher m = p.matcher(s);
        assertTrue(s, m.find());
        return m.group(1);
    }

    private static String text(byte[] pdf) throws IOException {
        try (PDDocument d = PDDocument.load(pdf)) {
            return new PDFTextStripper().getText(d);
        }
    }

    /** The mail outbox of the test: a row in the caller's transaction, refused outside one. */
    private static final class TableOutbox implements Outbox {
        @Override
        public long enqueue(DataSource transaction, OutgoingMail mail) throws java.sql.SQLException {
            try (Connection c = transaction.getConnection()) {
                if (c.getAutoCommit()) {
                    throw new IllegalArgumentException("not in a transaction");
                }
                return org.sightline.core.internal.storage.Jdbc.insert(c, "INSERT INTO test_outbox (partner_id, recipient, subject, "
                        + "body, kind, reference) VALUES (?, ?, ?, ?, ?, ?)", List.of(mail.partnerId(), mail.to(), mail.subject(),
                        mail.text(), mail.kind(), mail.reference()));
            }
        }
    }

    private static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void set(Instant t) {
            now = t;
        }

        void move(Duration d) {
            now = now.plus(d);
        }

        @Override public ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(ZoneId zone) { return Clock.fixed(now, zone); }
        @Override public Instant instant() { return now; }
    }

    private void bind(WidgetRegistryImpl registry, String id, String title, String section, DashboardWidget w) {
        Map<String, Object> props = new HashMap<>();
        props.put(Constants.SERVICE_ID, nextServiceId++);
        props.put("sightline.widget.id", id);
        props.put("sightline.widget.title", title);
        props.put("sightline.widget.product", "leak");
        props.put("sightline.widget.section", section);
        props.put("sightline.widget.refreshSeconds", 0);
        @SuppressWarnings("unchecked")
        ServiceReference<DashboardWidget> ref = mock(ServiceReference.class);
        when(ref.getProperty(any())).thenAnswer(inv -> props.get(inv.getArgument(0)));
        registry.bindWidget(ref, w);
    }

    private void bindProduct(WidgetRegistryImpl registry) {
        @SuppressWarnings("unchecked")
        ServiceReference<Product> ref = mock(ServiceReference.class);
        when(ref.getProperty(Constants.SERVICE_ID)).thenReturn(nextServiceId++);
        registry.bindProduct(ref, new Product() {
            @Override public String id() { return "leak"; }
            @Override public String displayName() { return "Leaky"; }
            @Override public String family() { return FAMILY_COMMUNICATIONS; }
        });
    }

    private static DashboardComposer.Config composerConfig() {
        return new DashboardComposer.Config() {
            @Override public Class<? extends Annotation> annotationType() { return DashboardComposer.Config.class; }
            @Override public long widget_deadline_ms() { return 5_000; }
            @Override public int widget_pool_size() { return 4; }
            @Override public int widget_max_in_flight() { return 4; }
            @Override public int range_default_days() { return 30; }
            @Override public int range_max_days() { return 3660; }
            @Override public long dashboard_reuse_ms() { return 0; }
            @Override public long report_deadline_ms() { return 5_000; }
        };
    }
}
