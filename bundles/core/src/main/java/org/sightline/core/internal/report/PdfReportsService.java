package org.sightline.core.internal.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.sightline.api.CustomerRef;
import org.sightline.api.Permissions;
import org.sightline.api.Viewer;
import org.sightline.api.report.Branding;
import org.sightline.api.report.ReportActivity;
import org.sightline.api.report.ReportDocument;
import org.sightline.api.report.ReportRenderer;
import org.sightline.api.report.WidgetReports;
import org.sightline.api.widget.BadWidgetRequestException;
import org.sightline.api.widget.PageRequest;
import org.sightline.api.widget.TimeRange;
import org.sightline.api.widget.WidgetRequest;
import org.sightline.core.AuditLog;
import org.sightline.core.CustomerDirectory;
import org.sightline.core.Dashboard;
import org.sightline.core.DashboardQuery;
import org.sightline.core.ForbiddenException;
import org.sightline.core.InvalidParameterException;
import org.sightline.core.Logo;
import org.sightline.core.NotFoundException;
import org.sightline.core.NotInstalledException;
import org.sightline.core.PartnerLogos;
import org.sightline.core.PdfReports;
import org.sightline.core.ProductInfo;
import org.sightline.core.RenderedWidget;
import org.sightline.core.ReportFailedException;
import org.sightline.core.internal.dashboard.DashboardComposer;
import org.sightline.core.internal.privacy.PrivacyFilter;
import org.sightline.core.internal.registry.WidgetEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gate for PDF reports: scope and permission, the widget's report on the widget pool under the report
 * deadline (or the composed dashboard), the {@link DocumentFilter}, branding from tenancy, the
 * {@link ReportRenderer} (an optional service: without it the routes answer 503), and report activity
 * ({@code report.exported}, which the audit log keeps with its outcome).
 */
@Component(service = {PdfReports.class, PdfReportsService.class}, configurationPid = "org.sightline.core")
public class PdfReportsService implements PdfReports {
    private static final Logger LOG = LoggerFactory.getLogger(PdfReportsService.class);
    /** An id a widget gives a report, as it appears in the route. */
    private static final Pattern REPORT_ID = Pattern.compile("[A-Za-z0-9_.-]{1,60}");
    private static final int MAX_OPTIONS = 20;
    private static final int MAX_OPTION_LENGTH = 500;
    private static final String ACTION = "report.exported";

    private final DashboardComposer composer;
    private final CustomerDirectory customers;
    private final ReportActivity activity;
    private final AuditLog audit;
    private final PartnerLogos partnerLogos;
    private final long deadlineMs;
    private final AtomicReference<ReportRenderer> renderer = new AtomicReference<>();
    private final Clock clock = Clock.systemUTC();

    @Activate
    public PdfReportsService(@Reference DashboardComposer composer, @Reference CustomerDirectory customers,
                             @Reference ReportActivity activity, @Reference AuditLog audit,
                             @Reference PartnerLogos partnerLogos, DashboardComposer.Config config) {
        this.composer = composer;
        this.partnerLogos = partnerLogos;
        this.customers = customers;
        this.activity = activity;
        this.audit = audit;
        this.deadlineMs = Math.max(100, config.report_deadline_ms());
    }

    /** The PDF renderer came (a higher ranking one replaces the current one). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    public void bindRenderer(ReportRenderer r) {
        renderer.set(r);
    }

    /** The PDF renderer went: the routes answer 503 until another one comes. */
    public void unbindRenderer(ReportRenderer r) {
        renderer.compareAndSet(r, null);
    }

    @Override
    public PdfFile dashboard(Viewer viewer, long customerId, DashboardQuery query) {
        CustomerRef customer = gate(viewer, customerId, "dashboard");
        ReportRenderer r = renderer(viewer, customer, "Dashboard");
        Dashboard d = composer.dashboard(viewer, customerId, query);
        ReportDocument doc = DocumentFilter.filter(DashboardDocument.of(d));
        WidgetRequest request = request(customer, viewer, d.range(), query);
        String name = doc.title() + " (PDF)";
        byte[] pdf = draw(r, doc, branding(viewer, customer, d.range(), query), request, name);
        return new PdfFile(fileName(customer, query.product() == null ? "dashboard" : query.product() + "-dashboard"), pdf);
    }

    @Override
    public PdfFile widgetReport(Viewer viewer, long customerId, String widgetId, String reportId, DashboardQuery query) {
        CustomerRef customer = gate(viewer, customerId, widgetId + ": " + reportId);
        WidgetEntry entry = composer.visibleWidget(customer, viewer, widgetId);
        if (reportId == null || !REPORT_ID.matcher(reportId).matches()
                || !(entry.widget() instanceof WidgetReports reports) || !offers(reports, reportId)) {
            throw new NotFoundException("widget '" + widgetId + "' offers no report '" + PrivacyFilter.scrub(reportId) + "'");
        }
        Map<String, String> options = options(query.filters());
        TimeRange range = composer.rangeOf(query);
        ReportRenderer r = renderer(viewer, customer, widgetId + ": " + reportId);
        WidgetRequest request = request(customer, viewer, range, query);
        String what = widgetId + ": " + reportId;
        ReportDocument produced = produce(reports, entry, request, reportId, options, what);
        ReportDocument doc = DocumentFilter.filter(produced);
        byte[] pdf = draw(r, doc, branding(viewer, customer, range, query), request, doc.title() + " (PDF)");
        return new PdfFile(fileName(customer, reportId), pdf);
    }

    /**
     * A template's report for a customer the caller has found in the viewer's scope already: the widgets of the
     * template's sections and the widgets it names, from the overview and the customer's product pages, in the
     * page's order, filtered and drawn like the dashboard PDF, titled with the template's name. Not recorded here:
     * the delivery records it as {@code report.generated} with its recipients.
     *
     * @param customerLogos whether the cover shows the customer's name and logo beside the partner's
     * @throws NotInstalledException when no PDF renderer is installed
     */
    public PdfFile template(Viewer viewer, CustomerRef customer, String title, Set<String> sections,
                            Set<String> widgets, TimeRange range, ZoneId zone, boolean customerLogos) {
        ReportRenderer r = renderer(viewer, customer, title);
        DashboardQuery overview = new DashboardQuery(null, range, zone, null, null, null);
        Dashboard d = composer.dashboard(viewer, customer.id(), overview);
        Map<String, RenderedWidget> chosen = new LinkedHashMap<>();
        List<Dashboard> pages = new ArrayList<>();
        pages.add(d);
        for (ProductInfo p : d.navigation()) {
            pages.add(composer.dashboard(viewer, customer.id(), new DashboardQuery(p.id(), range, zone, null, null, null)));
        }
        for (Dashboard page : pages) {
            for (RenderedWidget w : page.widgets()) {
                if (sections.contains(w.descriptor().section()) || widgets.contains(w.descriptor().id())) {
                    chosen.putIfAbsent(w.descriptor().id(), w);
                }
            }
        }
        ReportDocument all = DashboardDocument.of(new Dashboard(d.customer(), d.range(), d.navigation(), null,
                List.copyOf(chosen.values())));
        ReportDocument doc = DocumentFilter.filter(new ReportDocument(title, all.blocks()));
        WidgetRequest request = request(customer, viewer, range, overview);
        Branding b = branding(viewer, customer, range, overview);
        if (!customerLogos) {
            b = new Branding(b.partnerName(), b.partnerLogo(), b.customerName(), null, b.range(), b.generatedAt(), b.zone());
        }
        byte[] pdf = drawQuietly(r, doc, b, request, title);
        return new PdfFile(fileName(customer, title.toLowerCase(Locale.ROOT)), pdf);
    }

    /**
     * A document the core composed itself (such as a billing report) for a customer found in the viewer's scope,
     * filtered and drawn with the customer's branding.
     *
     * @throws NotInstalledException when no PDF renderer is installed
     */
    public PdfFile document(Viewer viewer, CustomerRef customer, ReportDocument document, TimeRange range, ZoneId zone,
                            String fileTopic) {
        ReportRenderer r = renderer(viewer, customer, document.title());
        DashboardQuery q = new DashboardQuery(null, range, zone, null, null, null);
        ReportDocument doc = DocumentFilter.filter(document);
        byte[] pdf = drawQuietly(r, doc, branding(viewer, customer, range, q), request(customer, viewer, range, q), doc.title());
        return new PdfFile(fileName(customer, fileTopic), pdf);
    }

    /** Draws without recording activity (the caller records the outcome with its recipients). */
    private byte[] drawQuietly(ReportRenderer r, ReportDocument doc, Branding branding, WidgetRequest request, String name) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        try {
            r.render(doc, branding, out);
        } catch (IOException | RuntimeException | LinkageError e) {
            LOG.warn("Drawing the PDF '{}' failed for customer {}", name, request.customer().id(), e);
            throw new ReportFailedException("the PDF could not be drawn (" + e.getClass().getSimpleName()
                    + "); the details are in the server log");
        }
        return out.toByteArray();
    }

    /** The customer, if the viewer may read it: 403 without {@code customer.read}, 404 outside the viewer's scope. */
    private CustomerRef gate(Viewer viewer, long customerId, String what) {
        if (!viewer.can(Permissions.CUSTOMER_READ)) {
            audit.record(viewer, ACTION, null, null, AuditLog.DENIED, what);
            throw new ForbiddenException("this needs the '" + Permissions.CUSTOMER_READ + "' permission");
        }
        return customers.find(viewer, customerId)
                .orElseThrow(() -> new NotFoundException("no customer with id " + customerId));
    }

    private ReportRenderer renderer(Viewer viewer, CustomerRef customer, String what) {
        ReportRenderer r = renderer.get();
        if (r == null) {
            audit.record(viewer, ACTION, customer.id(), label(customer), AuditLog.FAILED, what + ": no PDF renderer");
            throw new NotInstalledException(NotInstalledException.PDF_RENDERER);
        }
        return r;
    }

    private static boolean offers(WidgetReports reports, String reportId) {
        try {
            return reports.reports() != null && reports.reports().contains(reportId);
        } catch (RuntimeException e) {
            LOG.warn("A widget's reports() failed", e);
            return false;
        }
    }

    /** The options, bounded: at most {@value #MAX_OPTIONS}, names as the route's parameters, values of limited length. */
    private static Map<String, String> options(Map<String, String> given) {
        if (given.size() > MAX_OPTIONS) {
            throw new InvalidParameterException("options", "a report takes at most " + MAX_OPTIONS + " options");
        }
        for (Map.Entry<String, String> e : given.entrySet()) {
            if (!REPORT_ID.matcher(e.getKey()).matches()) {
                throw new InvalidParameterException(PrivacyFilter.scrub(e.getKey()), "unknown parameter");
            }
            if (e.getValue() == null || e.getValue().length() > MAX_OPTION_LENGTH) {
                throw new InvalidParameterException(e.getKey(), "an option's value is at most " + MAX_OPTION_LENGTH + " characters");
            }
        }
        return Map.copyOf(given);
    }

    /** Runs the widget's report on the widget pool under the report deadline. */
    private ReportDocument produce(WidgetReports reports, WidgetEntry entry, WidgetRequest request, String reportId,
                                   Map<String, String> options, String what) {
        Future<ReportDocument> f;
        try {
            f = composer.submit(() -> {
                if (!entry.live()) {
                    throw new IllegalStateException("the widget was removed");
                }
                return reports.report(request, reportId, options);
            });
        } catch (RejectedExecutionException e) {
            activity.record(request, what, ReportActivity.Kind.EXPORTED, false);
            throw new ReportFailedException("the report was not produced: the server is too busy");
        }
        try {
            ReportDocument doc = f.get(deadlineMs, TimeUnit.MILLISECONDS);
            if (doc == null) {
                throw new ExecutionException(new IllegalStateException("returned no document"));
            }
            return doc;
        } catch (TimeoutException e) {
            f.cancel(true);
            activity.record(request, what + ": no answer within " + deadlineMs + " ms", ReportActivity.Kind.EXPORTED, false);
            throw new ReportFailedException("the report did not finish within " + deadlineMs + " ms");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof BadWidgetRequestException bad) {
                String parameter = PrivacyFilter.scrub(bad.parameter());
                audit.record(request.viewer(), ACTION, request.customer().id(), label(request.customer()), AuditLog.DENIED,
                        what + ": " + parameter);
                throw new InvalidParameterException(parameter, PrivacyFilter.scrub(bad.getMessage()));
            }
            LOG.warn("Report {} failed for customer {}", what, request.customer().id(), cause);
            activity.record(request, what + ": " + cause.getClass().getSimpleName(), ReportActivity.Kind.EXPORTED, false);
            throw new ReportFailedException("the report failed (" + cause.getClass().getSimpleName()
                    + "); the details are in the server log");
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            throw new ReportFailedException("interrupted");
        }
    }

    private byte[] draw(ReportRenderer r, ReportDocument doc, Branding branding, WidgetRequest request, String name) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        try {
            r.render(doc, branding, out);
        } catch (IOException | RuntimeException | LinkageError e) {
            LOG.warn("Drawing the PDF '{}' failed for customer {}", name, request.customer().id(), e);
            activity.record(request, name + ": " + e.getClass().getSimpleName(), ReportActivity.Kind.EXPORTED, false);
            throw new ReportFailedException("the PDF could not be drawn (" + e.getClass().getSimpleName()
                    + "); the details are in the server log");
        }
        activity.record(request, name, ReportActivity.Kind.EXPORTED, true);
        return out.toByteArray();
    }

    private Branding branding(Viewer viewer, CustomerRef customer, TimeRange range, DashboardQuery query) {
        String partner = customers.partnerName(viewer);
        Branding.Image logo = null;
        try {
            Logo l = customers.logo(viewer, customer.id());
            logo = new Branding.Image(l.contentType(), l.bytes());
        } catch (NotFoundException none) {
            // no logo: the name alone
        }
        Branding.Image partnerLogo = null;
        try {
            Logo l = partnerLogos.logo(viewer);
            partnerLogo = l == null ? null : new Branding.Image(l.contentType(), l.bytes());
        } catch (NotFoundException none) {
            // no logo: the partner's name alone
        }
        return new Branding(partner, partnerLogo, customer.name(), logo, RangeText.of(range, query.zone()), clock.instant(),
                query.zone());
    }

    private static WidgetRequest request(CustomerRef customer, Viewer viewer, TimeRange range, DashboardQuery query) {
        return new WidgetRequest(customer, viewer, range, query.zone(), PageRequest.first(), Map.of(), null);
    }

    private String fileName(CustomerRef customer, String what) {
        String name = customer.accountId() + "-" + what + "-" + LocalDate.now(clock);
        return name.replaceAll("[^A-Za-z0-9._-]", "_") + ".pdf";
    }

    private static String label(CustomerRef c) {
        return c.name() + " (" + c.accountId() + ")";
    }
}
