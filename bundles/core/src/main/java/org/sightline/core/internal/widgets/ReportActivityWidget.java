package org.sightline.core.internal.widgets;

import java.util.ArrayList;
import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sightline.api.view.Cell;
import org.sightline.api.view.CellType;
import org.sightline.api.view.Severity;
import org.sightline.api.view.TableView;
import org.sightline.api.view.WidgetView;
import org.sightline.api.widget.DashboardWidget;
import org.sightline.api.widget.Placement;
import org.sightline.api.widget.Sections;
import org.sightline.api.widget.SightlineWidget;
import org.sightline.api.widget.WidgetRequest;
import org.sightline.core.AuditEntry;
import org.sightline.core.internal.audit.AuditLogImpl;
import org.sightline.core.internal.dashboard.DashboardComposer;

/**
 * "Report activity": what was done with the customer's reports (run, exported, generated, sent — recorded through
 * {@link org.sightline.api.report.ReportActivity}) and its exports, newest first, read from the audit log.
 */
@Component(service = DashboardWidget.class)
@SightlineWidget(id = ReportActivityWidget.ID, title = "Report activity", product = DashboardComposer.CORE_PRODUCT,
        section = Sections.REPORTS, order = 10, placement = Placement.OVERVIEW, refreshSeconds = 300, timeRange = false)
public class ReportActivityWidget implements DashboardWidget {
    /** The widget id. */
    public static final String ID = "core.reports";
    private final AuditLogImpl audit;

    @Activate
    public ReportActivityWidget(@Reference AuditLogImpl audit) {
        this.audit = audit;
    }

    @Override
    public WidgetView render(WidgetRequest request) {
        List<AuditEntry> entries = audit.customerActivity(request.customer().id(), List.of("report.", "export."),
                request.page().limit());
        List<TableView.Row> rows = new ArrayList<>();
        for (AuditEntry e : entries) {
            rows.add(new TableView.Row(List.of(Cell.timestamp(e.at()), Cell.text(activity(e.action())), Cell.text(e.actor()),
                    Cell.text(e.detail()), Cell.status(e.outcome(), e.outcome().equals("ok") ? "Done" : "Failed",
                            e.outcome().equals("ok") ? Severity.OK : Severity.CRITICAL))));
        }
        return new TableView(List.of(new TableView.Column("at", "When", CellType.TIMESTAMP),
                new TableView.Column("activity", "Activity", CellType.TEXT),
                new TableView.Column("by", "By", CellType.TEXT),
                new TableView.Column("detail", "Report", CellType.TEXT),
                new TableView.Column("outcome", "Outcome", CellType.STATUS)), rows, null, null);
    }

    private static String activity(String action) {
        return switch (action) {
            case "report.run", "report.viewed" -> "Run";
            case "report.exported" -> "Exported";
            case "report.generated" -> "Generated";
            case "report.sent" -> "Sent";
            case "report.verify" -> "Recipient confirmed";
            default -> action.startsWith("export.") ? "Exported " + action.substring(7) : action;
        };
    }
}
