package org.sightline.product.policy;

import java.util.ArrayList;
import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sightline.api.governance.GovernanceViews;
import org.sightline.api.view.Cell;
import org.sightline.api.view.CellType;
import org.sightline.api.view.Kpi;
import org.sightline.api.view.KpiView;
import org.sightline.api.view.Link;
import org.sightline.api.view.Severity;
import org.sightline.api.view.TableView;
import org.sightline.api.view.WidgetView;
import org.sightline.api.widget.BadWidgetRequestException;
import org.sightline.api.widget.DashboardWidget;
import org.sightline.api.widget.Sections;
import org.sightline.api.widget.SightlineWidget;
import org.sightline.api.widget.WidgetRequest;

/**
 * Compliant rules, non-compliant rules, fixed violations, unfixed violations, as of now. The non-compliant figure
 * opens the panel of those rules with their unfixed violations; the others lead to the product's own pages in
 * the customer's environment (no link when the customer has none).
 */
@Component(service = DashboardWidget.class)
@SightlineWidget(id = "policy.status", title = "Policies for Microsoft 365", product = PolicyProduct.ID,
        section = Sections.POLICY, order = 10, timeRange = false)
public class PolicyStatus implements DashboardWidget {
    /** The panel of non-compliant rules and their unfixed violations. */
    static final String NON_COMPLIANT = "non-compliant";

    private final PolicyStore store;
    private final GovernanceViews views;

    @Activate
    public PolicyStatus(@Reference PolicyStore store, @Reference GovernanceViews views) {
        this.store = store;
        this.views = views;
    }

    @Override
    public WidgetView render(WidgetRequest request) throws Exception {
        if (request.panel() != null) {
            if (!NON_COMPLIANT.equals(request.panel())) {
                throw new BadWidgetRequestException("panel", "This widget has no panel '" + request.panel() + "'.");
            }
            return nonCompliant(request);
        }
        PolicyFigures f = store.figures(request.customer());
        return new KpiView(List.of(
                new Kpi("compliant-rules", "Compliant rules", Cell.number(f.compliantRules()), Severity.OK,
                        env(request, "Compliant rules", "policies/rules?state=compliant")),
                new Kpi("non-compliant-rules", "Non-compliant rules", Cell.number(f.nonCompliantRules()),
                        f.nonCompliantRules() > 0 ? Severity.CRITICAL : Severity.OK,
                        Link.panel("Non-compliant rules", NON_COMPLIANT)),
                new Kpi("fixed-violations", "Fixed violations", Cell.number(f.fixedViolations()), Severity.INFO,
                        env(request, "Fixed violations", "policies/violations?state=fixed")),
                new Kpi("unfixed-violations", "Unfixed violations", Cell.number(f.unfixedViolations()),
                        f.unfixedViolations() > 0 ? Severity.WARNING : Severity.OK,
                        env(request, "Unfixed violations", "policies/violations?state=open"))));
    }

    private Link env(WidgetRequest request, String label, String path) {
        return views.environmentLink(request.customer(), label, path).orElse(null);
    }

    private TableView nonCompliant(WidgetRequest request) throws Exception {
        int offset = offset(request.page().cursor());
        int limit = request.page().limit();
        List<PolicyStore.OpenRow> page = store.nonCompliant(request.customer(), offset, limit + 1);
        List<TableView.Row> rows = new ArrayList<>();
        for (PolicyStore.OpenRow r : page.subList(0, Math.min(limit, page.size()))) {
            Violation v = r.violation();
            rows.add(new TableView.Row(List.of(Cell.text(r.rule().name()), Cell.text(r.rule().scope()),
                    Cell.timestamp(r.rule().lastEvaluated()),
                    v == null ? Cell.text("No unfixed violation") : Cell.text(v.object()),
                    v == null ? Cell.empty() : Cell.timestamp(v.found()))));
        }
        return new TableView(List.of(new TableView.Column("rule", "Rule", CellType.TEXT),
                new TableView.Column("scope", "Scope", CellType.TEXT),
                new TableView.Column("evaluated", "Last evaluated", CellType.TIMESTAMP),
                new TableView.Column("object", "Unfixed violation", CellType.TEXT),
                new TableView.Column("found", "Found", CellType.TIMESTAMP)),
                rows, page.size() > limit ? "o" + (offset + limit) : null, store.nonCompliantRows(request.customer()));
    }

    private static int offset(String cursor) throws BadWidgetRequestException {
        if (cursor == null) {
            return 0;
        }
        if (!cursor.matches("o[0-9]{1,7}")) {
            throw new BadWidgetRequestException("cursor", "The cursor is not one this widget returned.");
        }
        return Integer.parseInt(cursor.substring(1));
    }
}
