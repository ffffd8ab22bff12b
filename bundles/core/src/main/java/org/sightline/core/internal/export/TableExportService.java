package org.sightline.core.internal.export;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sightline.api.Permissions;
import org.sightline.api.Viewer;
import org.sightline.api.view.Cell;
import org.sightline.api.view.TableView;
import org.sightline.api.widget.PageRequest;
import org.sightline.core.AuditLog;
import org.sightline.core.DashboardQuery;
import org.sightline.core.DashboardService;
import org.sightline.core.Roles;
import org.sightline.core.InvalidParameterException;
import org.sightline.core.RenderedWidget;
import org.sightline.core.TableExport;
import org.sightline.core.internal.privacy.PrivacyFilter;

/**
 * Exports a widget's table by paging through it with the widget's own cursor, through the
 * {@link DashboardService}, so every page is scoped and privacy-filtered exactly as the JSON is.
 */
@Component(service = TableExport.class)
public class TableExportService implements TableExport {
    /** The most rows one export holds. */
    static final long MAX_ROWS = 1_000_000;
    private final DashboardService dashboards;
    private final AuditLog audit;

    @Activate
    public TableExportService(@Reference DashboardService dashboards, @Reference AuditLog audit) {
        this.dashboards = dashboards;
        this.audit = audit;
    }

    @Override
    public void start(Viewer viewer, long customerId, String widgetId, DashboardQuery query, Format format) {
        Roles.require(viewer, Permissions.CUSTOMER_READ);
        table(dashboards.widget(viewer, customerId, widgetId, firstPage(query)));
        audit.record(viewer, "export." + format.extension(), customerId, null, AuditLog.OK, widgetId);
    }

    @Override
    public long write(Viewer viewer, long customerId, String widgetId, DashboardQuery query, Format format,
                      OutputStream out) throws IOException {
        DashboardQuery q = firstPage(query);
        RenderedWidget w = dashboards.widget(viewer, customerId, widgetId, q);
        TableView t = table(w);
        long rows = 0;
        // The view and the descriptor were filtered already; labels (and, in XlsxWriter, the sheet name) are
        // masked again so that no module string reaches a file unfiltered, whichever service produced them.
        try (SheetWriter sheet = format == Format.CSV ? new CsvWriter(out) : new XlsxWriter(out, w.descriptor().title())) {
            sheet.header(t.columns().stream().map(c -> PrivacyFilter.scrub(c.label())).toList());
            Set<String> seen = new HashSet<>();
            while (true) {
                for (TableView.Row r : t.rows()) {
                    List<Object> cells = new ArrayList<>(r.cells().size());
                    for (Cell c : r.cells()) {
                        cells.add(format == Format.XLSX && c instanceof Cell.Num n ? (Object) n.value()
                                : format == Format.XLSX && c instanceof Cell.MoneyCell m ? (Object) m.value().amount()
                                : CellText.of(c, q.zone()));
                    }
                    sheet.row(cells);
                    if (++rows >= MAX_ROWS) {
                        return rows;
                    }
                }
                String next = t.nextCursor();
                if (next == null || !seen.add(next)) {
                    return rows;
                }
                q = new DashboardQuery(q.product(), q.range(), q.zone(), new PageRequest(next, PageRequest.MAX_LIMIT),
                        q.filters(), q.panel());
                t = table(dashboards.widget(viewer, customerId, widgetId, q));
            }
        }
    }

    private static DashboardQuery firstPage(DashboardQuery q) {
        return new DashboardQuery(q.product(), q.range(), q.zone(), new PageRequest(null, PageRequest.MAX_LIMIT),
                q.filters(), q.panel());
    }

    private static TableView table(RenderedWidget w) {
        if (w.view() instanceof TableView t) {
            return t;
        }
        if (w.error() != null) {
            throw new IllegalStateException("the widget " + PrivacyFilter.scrub(w.error()));
        }
        throw new InvalidParameterException("widgetId", "widget " + w.descriptor().id() + " does not show a table");
    }
}
