package org.sightline.core.internal.report;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.Before;
import org.junit.Test;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.sightline.api.CustomerRef;
import org.sightline.api.Permissions;
import org.sightline.api.Product;
import org.sightline.api.Viewer;
import org.sightline.api.report.ReportActivity;
import org.sightline.api.report.ReportDocument;
import org.sightline.api.report.WidgetReports;
import org.sightline.api.view.Cell;
import org.sightline.api.view.CellType;
import org.sightline.api.view.CustomView;
import org.sightline.api.view.Kpi;
import org.sightline.api.view.KpiView;
import org.sightline.api.view.Link;
import org.sightline.api.view.LinksView;
import org.sightline.api.view.Severity;
import org.sightline.api.view.TableView;
import org.sightline.api.view.WidgetView;
import org.sightline.api.widget.BadWidgetRequestException;
import org.sightline.api.widget.DashboardWidget;
import org.sightline.api.widget.WidgetRequest;
import org.sightline.core.AuditLog;
import org.sightline.core.CustomerDirectory;
import org.sightline.core.DashboardQuery;
import org.sightline.core.ForbiddenException;
import org.sightline.core.InvalidParameterException;
import org.sightline.core.NotFoundException;
import org.sightline.core.NotInstalledException;
import org.sightline.core.PdfReports;
import org.sightline.core.ReportFailedException;
import org.sightline.core.internal.cache.CacheDirectory;
import org.sightline.core.internal.cache.ChangeNotes;
import org.sightline.core.internal.dashboard.DashboardComposer;
import org.sightline.core.internal.dashboard.ViewCache;
import org.sightline.core.internal.tenancy.Tenancy;
import org.sightline.core.internal.registry.WidgetRegistryImpl;
import org.sightline.reports.internal.PdfReportRenderer;

/**
 * The PDF gate through the real registry, composer, privacy filter and PDF renderer: a phone number, an e-mail
 * address and a person's name planted in widgets' views and in a widget's report document are not in the PDF's
 * text (read back with PDFBox), while the masked forms and the titles are; scope, permission, the missing
 * renderer, bad options and slow reports answer as the routes promise, and each PDF is recorded as report
 * activity.
 */
public class PdfReportsServiceTest {
    private static final Viewer ADMIN = new Viewer("anna", 1, Set.of("admin"),
            Set.of(Permissions.CUSTOMER_READ, Permissions.CUSTOMER_ACT, Permissions.ADMIN));
    private static final Viewer READER = new Viewer("vic", 1, Set.of("viewer"), Set.of(Permissions.CUSTOMER_READ));
    private static final Viewer TOKEN = new Viewer("token:ingest", 1, Set.of(), Set.of(Permissions.INGEST));
    private static final CustomerRef ACME = new CustomerRef(7, 1, "ACME-1", "Acme Corporation", "EUR", true);
    private static final String PHONE = "+1 415 555 0101";
    private static final String MAIL = "jane.doe@example.com";
    private static final String NAME = "Jane Roe";
    private static final Pattern PHONE_LEFT = Pattern.compile("415\\D{0,3}555");

    private final WidgetRegistryImpl registry = new WidgetRegistryImpl();
    private final ChangeNotes changes = new ChangeNotes();
    private final CacheDirectory caches = new CacheDirectory();
    private final ViewCache cache = new ViewCache(changes, caches);
    private final CustomerDirectory customers = mock(CustomerDirectory.class);
    private final Tenancy tenancy = mock(Tenancy.class);
    private final ReportActivity activity = mock(ReportActivity.class);
    private final AuditLog audit = mock(AuditLog.class);
    private DashboardComposer composer;
    private PdfReportsService reports;
    private final PdfReportRenderer renderer = new PdfReportRenderer();
    private long nextServiceId = 1;
    private volatile long reportSleepMs;

    @Before
    public void setUp() {
        when(customers.find(any(), anyLong())).thenReturn(Optional.empty());
        when(customers.find(any(), eq(7L))).thenReturn(Optional.of(ACME));
        when(tenancy.subscribedProducts(anyLong())).thenReturn(List.of("leak"));
        when(customers.partnerName(any())).thenReturn("Contoso Partners");
        when(customers.logo(any(), anyLong())).thenThrow(new NotFoundException("no logo"));
        bindProduct();
        composer = new DashboardComposer(registry, customers, tenancy, cache, changes, caches, audit, config(2_000));
        bind("leak.table", "Recent messages", r -> table());
        bind("leak.tiles", "SMS at a glance", r -> new KpiView(List.of(new Kpi("k", "Last caller " + PHONE, Cell.phone(PHONE)),
                new Kpi("n", "Owner", Cell.personName(NAME)))));
        bind("leak.broken", "Broken widget", r -> {
            throw new IllegalStateException("cannot reach " + PHONE);
        });
        bind("leak.report", "Risk insights", new ReportingWidget());
        reports = new PdfReportsService(composer, customers, activity, audit, org.mockito.Mockito.mock(org.sightline.core.PartnerLogos.class), config(300));
        reports.bindRenderer(renderer);
    }

    private static TableView table() {
        List<TableView.Column> cols = List.of(
                new TableView.Column("note", "Note", CellType.TEXT),
                new TableView.Column("from", "From", CellType.PHONE),
                new TableView.Column("name", "Contact", CellType.PERSON_NAME),
                new TableView.Column("body", "Content", CellType.MESSAGE_CONTENT));
        TableView.Row row = new TableView.Row(List.of(Cell.text("write to " + MAIL + " or call " + PHONE),
                Cell.phone(PHONE), Cell.personName(NAME), Cell.message("meet me at the usual place")));
        return new TableView(cols, List.of(row), null, 1L, List.of(Link.to("Mail", "mailto:" + MAIL)));
    }

    /** A widget offering a "detailed" report whose document plants the data in every kind of block. */
    private final class ReportingWidget implements DashboardWidget, WidgetReports {
        @Override
        public WidgetView render(WidgetRequest r) {
            return new LinksView(List.of(WidgetReports.link("Run detailed report", r, "leak.report", "detailed", Map.of())),
                    List.of());
        }

        @Override
        public Set<String> reports() {
            return Set.of("detailed");
        }

        @Override
        public ReportDocument report(WidgetRequest r, String reportId, Map<String, String> options) throws Exception {
            if (options.containsKey("exchange") && !"skip".equals(options.get("exchange"))) {
                throw new BadWidgetRequestException("exchange", "exchange is 'skip' or absent");
            }
            if (reportSleepMs > 0) {
                Thread.sleep(reportSleepMs);
            }
            return new ReportDocument("Detailed risk report for " + MAIL, List.of(
                    new ReportDocument.Heading("Owner " + PHONE),
                    new ReportDocument.Paragraph("Ask " + MAIL + " or " + PHONE + " about it."),
                    new ReportDocument.Notice("Exchange Online " + PHONE, "Not included; contact " + MAIL, Severity.WARNING),
                    new ReportDocument.ViewBlock("Riskiest workspaces of " + MAIL, table()),
                    new ReportDocument.ViewBlock("Owner", new CustomView("x-owner", Map.of("owner " + MAIL, Cell.personName(NAME),
                            "phone", Cell.phone(PHONE)), List.of())),
                    new ReportDocument.Paragraph(options.containsKey("exchange") ? "Without Exchange Online." : "With Exchange Online.")));
        }
    }

    @Test
    public void theDashboardPdfShowsEveryWidgetMaskedAndNoPlantedPersonalData() throws IOException {
        PdfReports.PdfFile pdf = reports.dashboard(ADMIN, 7, DashboardQuery.overview());
        String text = text(pdf.content());
        assertNoLeak(text);
        for (String expected : List.of("Dashboard", "Acme Corporation", "Contoso Partners", "Usage", "Recent messages",
                "SMS at a glance", "Risk insights", "Run detailed report", "Broken widget",
                "This widget could not be shown: it failed with IllegalStateException.",
                "\u2022\u2022\u2022\u20220101", "j\u2026@example.com", "[name hidden]", "[content hidden]")) {
            assertTrue(expected + " in\n" + text, text.contains(expected));
        }
        assertTrue(pdf.fileName(), pdf.fileName().matches("ACME-1-dashboard-\\d{4}-\\d\\d-\\d\\d\\.pdf"));
        verify(activity).record(any(), eq("Dashboard (PDF)"), eq(ReportActivity.Kind.EXPORTED), eq(true));
    }

    @Test
    public void aWidgetReportIsFilteredInEveryBlockAndRecorded() throws IOException {
        PdfReports.PdfFile pdf = reports.widgetReport(READER, 7, "leak.report", "detailed", query(Map.of()));
        String text = text(pdf.content());
        assertNoLeak(text);
        for (String expected : List.of("Detailed risk report for j\u2026@example.com", "Owner \u2022\u2022\u2022\u20220101",
                "Exchange Online \u2022\u2022\u2022\u20220101", "Riskiest workspaces of j\u2026@example.com",
                "owner j\u2026@example.com: [name hidden]", "With Exchange Online.", "Page 2 of 2")) {
            assertTrue(expected + " in\n" + text, text.contains(expected));
        }
        assertEquals("ACME-1-detailed-" + pdf.fileName().substring("ACME-1-detailed-".length()), pdf.fileName());
        verify(activity).record(any(), eq("Detailed risk report for j\u2026@example.com (PDF)"),
                eq(ReportActivity.Kind.EXPORTED), eq(true));
    }

    @Test
    public void optionsReachTheReportAndABadOneIsA400NamingIt() throws IOException {
        String text = text(reports.widgetReport(ADMIN, 7, "leak.report", "detailed", query(Map.of("exchange", "skip"))).content());
        assertTrue(text, text.contains("Without Exchange Online."));
        try {
            reports.widgetReport(ADMIN, 7, "leak.report", "detailed", query(Map.of("exchange", "maybe")));
            fail();
        } catch (InvalidParameterException e) {
            assertEquals("exchange", e.parameter());
        }
        try {
            reports.widgetReport(ADMIN, 7, "leak.report", "detailed", query(Map.of("bad name!", "x")));
            fail();
        } catch (InvalidParameterException e) {
            assertEquals("unknown parameter", e.getMessage());
        }
    }

    @Test
    public void anotherPartnersCustomerAnUnknownWidgetOrReportAreNotFound() {
        expectNotFound(() -> reports.dashboard(ADMIN, 8, DashboardQuery.overview()));
        expectNotFound(() -> reports.widgetReport(ADMIN, 8, "leak.report", "detailed", query(Map.of())));
        expectNotFound(() -> reports.widgetReport(ADMIN, 7, "leak.nothing", "detailed", query(Map.of())));
        expectNotFound(() -> reports.widgetReport(ADMIN, 7, "leak.report", "summary", query(Map.of())));
        expectNotFound(() -> reports.widgetReport(ADMIN, 7, "leak.table", "detailed", query(Map.of())));
    }

    @Test
    public void withoutCustomerReadItIsForbidden() {
        try {
            reports.dashboard(TOKEN, 7, DashboardQuery.overview());
            fail();
        } catch (ForbiddenException expected) {
            verify(audit).record(eq(TOKEN), eq("report.exported"), any(), any(), eq(AuditLog.DENIED), any());
        }
    }

    @Test
    public void withoutARendererItIsUnavailableAfterTheScopeCheck() {
        reports.unbindRenderer(new PdfReportRenderer());
        reports.dashboard(ADMIN, 7, DashboardQuery.overview()); // another renderer's unbind changes nothing
        reports.unbindRenderer(renderer);
        try {
            reports.dashboard(ADMIN, 7, DashboardQuery.overview());
            fail();
        } catch (NotInstalledException e) {
            assertEquals("The PDF renderer is not installed.", e.getMessage());
            assertEquals(503, e.status());
        }
        expectNotFound(() -> reports.dashboard(ADMIN, 8, DashboardQuery.overview()));
    }

    @Test
    public void aReportPastItsDeadlineFailsAndIsRecordedAsFailed() {
        reportSleepMs = 5_000;
        long t0 = System.nanoTime();
        try {
            reports.widgetReport(ADMIN, 7, "leak.report", "detailed", query(Map.of()));
            fail();
        } catch (ReportFailedException e) {
            assertEquals(502, e.status());
            assertTrue(e.getMessage(), e.getMessage().contains("300 ms"));
        }
        assertTrue((System.nanoTime() - t0) / 1_000_000 < 3_000);
        verify(activity).record(any(), eq("leak.report: detailed: no answer within 300 ms"),
                eq(ReportActivity.Kind.EXPORTED), eq(false));
    }

    private static DashboardQuery query(Map<String, String> options) {
        return new DashboardQuery(null, null, null, null, options, null);
    }

    private static void expectNotFound(Runnable r) {
        try {
            r.run();
            fail("expected 404");
        } catch (NotFoundException expected) {
            // as promised
        }
    }

    private static String text(byte[] pdf) throws IOException {
        try (PDDocument doc = PDDocument.load(pdf)) {
            return new PDFTextStripper().getText(doc);
        }
    }

    private static void assertNoLeak(String text) {
        assertFalse("a phone number in clear: " + text, PHONE_LEFT.matcher(text).find());
        assertFalse("an e-mail address in clear: " + text, text.toLowerCase().contains("jane"));
        assertFalse("a name in clear: " + text, text.contains("Roe"));
        assertFalse("message content in clear: " + text, text.contains("usual place"));
    }

    private void bind(String id, String title, DashboardWidget w) {
        Map<String, Object> props = new HashMap<>();
        props.put(Constants.SERVICE_ID, nextServiceId++);
        props.put("sightline.widget.id", id);
        props.put("sightline.widget.title", title);
        props.put("sightline.widget.product", "leak");
        props.put("sightline.widget.section", "usage");
        props.put("sightline.widget.refreshSeconds", 0);
        @SuppressWarnings("unchecked")
        ServiceReference<DashboardWidget> ref = mock(ServiceReference.class);
        when(ref.getProperty(any())).thenAnswer(inv -> props.get(inv.getArgument(0)));
        registry.bindWidget(ref, w);
    }

    private void bindProduct() {
        @SuppressWarnings("unchecked")
        ServiceReference<Product> ref = mock(ServiceReference.class);
        when(ref.getProperty(Constants.SERVICE_ID)).thenReturn(nextServiceId++);
        registry.bindProduct(ref, new Product() {
            @Override public String id() { return "leak"; }
            @Override public String displayName() { return "Leaky"; }
            @Override public String family() { return FAMILY_COMMUNICATIONS; }
        });
    }

    private static DashboardComposer.Config config(long reportDeadline) {
        return new DashboardComposer.Config() {
            @Override public Class<? extends Annotation> annotationType() { return DashboardComposer.Config.class; }
            @Override public long widget_deadline_ms() { return 2_000; }
            @Override public int widget_pool_size() { return 4; }
            @Override public int widget_max_in_flight() { return 2; }
            @Override public int range_default_days() { return 30; }
            @Override public int range_max_days() { return 3660; }
            @Override public long dashboard_reuse_ms() { return 0; }
            @Override public long report_deadline_ms() { return reportDeadline; }
        };
    }
}
