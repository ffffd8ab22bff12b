package org.sightline.product.risk;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sightline.api.Permissions;
import org.sightline.api.governance.Measure;
import org.sightline.api.report.ReportDocument;
import org.sightline.api.report.WidgetReports;
import org.sightline.api.view.Cell;
import org.sightline.api.view.Link;
import org.sightline.api.view.LinksView;
import org.sightline.api.view.Severity;
import org.sightline.api.view.StatusListView;
import org.sightline.api.view.WidgetView;
import org.sightline.api.widget.ActionResult;
import org.sightline.api.widget.BadWidgetRequestException;
import org.sightline.api.widget.DashboardWidget;
import org.sightline.api.widget.Sections;
import org.sightline.api.widget.SightlineWidget;
import org.sightline.api.widget.WidgetActions;
import org.sightline.api.widget.WidgetRequest;

/**
 * "Run detailed report": the PDF with the five trends as charts, the summary tables and the riskiest workspaces,
 * and the Exchange Online part when the customer has a service account without multi-factor authentication.
 * Without one, the card offers first "Create service account" (an action that records the request for the
 * backend; the core audits it) or "Continue to export" (the report without Exchange Online, which says so on its
 * first page).
 */
@Component(service = DashboardWidget.class)
@SightlineWidget(id = RiskReport.ID, title = "Risk insights report", product = RiskProduct.ID,
        section = Sections.RISK, order = 20, refreshSeconds = 30)
public class RiskReport implements DashboardWidget, WidgetActions, WidgetReports {
    static final String ID = "risk.report";
    static final String DETAILED = "detailed";
    static final String CREATE_ACCOUNT = "create-service-account";
    static final String ACCOUNT_PANEL = "service-account";
    /** How many of the riskiest workspaces the report lists. */
    static final int RISKIEST = 25;

    private final RiskInsights insights;
    private final RiskStore store;

    @Activate
    public RiskReport(@Reference RiskInsights insights, @Reference RiskStore store) {
        this.insights = insights;
        this.store = store;
    }

    @Override
    public WidgetView render(WidgetRequest request) throws Exception {
        ServiceAccount account = store.serviceAccount(request.customer());
        if (request.panel() != null) {
            if (!ACCOUNT_PANEL.equals(request.panel())) {
                throw new BadWidgetRequestException("panel", "This widget has no panel '" + request.panel() + "'.");
            }
            return new StatusListView(List.of(new StatusListView.Item("Exchange Online service account",
                    accountStatus(account), null, account.requestedAt(), null)));
        }
        if (account.usable()) {
            return new LinksView(List.of(WidgetReports.link("Run detailed report", request, ID, DETAILED, Map.of())),
                    List.of());
        }
        List<Link> links = new ArrayList<>();
        links.add(WidgetReports.link("Continue to export", request, ID, DETAILED, Map.of("exchange", "skip")));
        List<LinksView.Action> actions = new ArrayList<>();
        if (account.requestedAt() == null) {
            actions.add(new LinksView.Action(CREATE_ACCOUNT, "Create service account", Permissions.CUSTOMER_ACT, null));
        } else {
            links.add(Link.panel("Service account requested", ACCOUNT_PANEL));
        }
        return new LinksView(links, actions);
    }

    private static Cell.Status accountStatus(ServiceAccount a) {
        if (a.usable()) {
            return new Cell.Status("ready", "Ready", Severity.OK);
        }
        if ("ready".equals(a.status())) {
            return new Cell.Status("mfa", "Has multi-factor authentication", Severity.WARNING);
        }
        return a.requestedAt() != null ? new Cell.Status("requested", "Requested", Severity.INFO)
                : new Cell.Status("none", "None", Severity.WARNING);
    }

    @Override
    public ActionResult run(WidgetRequest request, String actionId) throws Exception {
        if (!CREATE_ACCOUNT.equals(actionId)) {
            throw new BadWidgetRequestException("actionId", "This widget has no action '" + actionId + "'.");
        }
        store.requestServiceAccount(request.customer(), Instant.now());
        return new ActionResult("The service account was requested; the report includes Exchange Online once it is ready.");
    }

    @Override
    public Set<String> reports() {
        return Set.of(DETAILED);
    }

    @Override
    public ReportDocument report(WidgetRequest request, String reportId, Map<String, String> options) throws Exception {
        String exchange = options.get("exchange");
        if (exchange != null && !exchange.equals("skip")) {
            throw new BadWidgetRequestException("exchange", "exchange may only be 'skip' (the report without Exchange Online).");
        }
        ServiceAccount account = store.serviceAccount(request.customer());
        boolean withExchange = exchange == null && account.usable();
        LocalDate last = RiskInsights.lastDay(request);
        LocalDate first = request.range().from().atZone(request.zone()).toLocalDate();
        List<ReportDocument.Block> blocks = new ArrayList<>();
        if (!withExchange) {
            blocks.add(new ReportDocument.Notice("Exchange Online is not included",
                    exchange != null ? "This report was exported without its Exchange Online part, as asked."
                            : "The customer has no Exchange Online service account without multi-factor "
                                    + "authentication, so this report has no Exchange Online part.",
                    Severity.WARNING));
        }
        blocks.add(new ReportDocument.Paragraph("Items and users at risk in " + request.customer().name()
                + "'s SharePoint sites, Teams, Microsoft 365 Groups and OneDrive, from " + first + " to " + last + "."));
        blocks.add(new ReportDocument.Heading("Risk trends"));
        for (Measure m : RiskProduct.MEASURES) {
            blocks.add(new ReportDocument.ViewBlock(m.label(), insights.trend(request, first, last, m)));
        }
        blocks.add(new ReportDocument.PageBreak());
        blocks.add(new ReportDocument.Heading("Risk insights summary"));
        RiskInsights.Summary summary = insights.summary(request.customer(), last, RiskProduct.KINDS);
        blocks.add(new ReportDocument.ViewBlock("Items and users at risk per workspace kind", summary.table()));
        blocks.add(new ReportDocument.Heading("Riskiest workspaces"));
        blocks.add(new ReportDocument.ViewBlock("The " + RISKIEST + " workspaces with the most high-risk items",
                insights.riskiest(request.customer(), RISKIEST, false)));
        if (withExchange) {
            blocks.add(new ReportDocument.PageBreak());
            blocks.add(new ReportDocument.Heading("Exchange Online"));
            blocks.add(new ReportDocument.ViewBlock("Items and users at risk in mailboxes",
                    insights.summary(request.customer(), last, List.of(RiskProduct.EXCHANGE)).table()));
            blocks.add(new ReportDocument.ViewBlock("Riskiest mailboxes",
                    insights.riskiest(request.customer(), RISKIEST, true)));
        }
        return new ReportDocument("Risk insights: detailed report", blocks);
    }
}
