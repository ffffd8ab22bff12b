package org.sightline.product.risk;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sightline.api.CustomerRef;
import org.sightline.api.governance.DailyCount;
import org.sightline.api.governance.GovernanceCounts;
import org.sightline.api.governance.GovernanceViews;
import org.sightline.api.governance.Measure;
import org.sightline.api.view.Cell;
import org.sightline.api.view.CellType;
import org.sightline.api.view.Link;
import org.sightline.api.view.TableView;
import org.sightline.api.view.TimeSeriesView;
import org.sightline.api.widget.WidgetRequest;

/** What the risk widgets and the report show: trends, the summary per workspace kind, the riskiest workspaces. */
@Component(service = RiskInsights.class)
public class RiskInsights {
    private final GovernanceCounts counts;
    private final GovernanceViews views;
    private final RiskStore store;

    @Activate
    public RiskInsights(@Reference GovernanceCounts counts, @Reference GovernanceViews views, @Reference RiskStore store) {
        this.counts = counts;
        this.views = views;
        this.store = store;
    }

    /** The last day of the request's range, in its zone. */
    static LocalDate lastDay(WidgetRequest r) {
        return r.range().to().minusNanos(1).atZone(r.zone()).toLocalDate();
    }

    /** The five measures per day from {@code from} to {@code to}, summed over the workspace kinds (not Exchange). */
    TimeSeriesView trends(WidgetRequest r, LocalDate from, LocalDate to, List<Link> links) throws Exception {
        return views.dailySeries(RiskProduct.ID, r, from, to, RiskProduct.MEASURES, ids(RiskProduct.KINDS), "items",
                links);
    }

    /** One measure's series, for the report's small charts. */
    TimeSeriesView trend(WidgetRequest r, LocalDate from, LocalDate to, Measure m) throws Exception {
        return views.dailySeries(RiskProduct.ID, r, from, to, List.of(m), ids(RiskProduct.KINDS), "items", List.of());
    }

    /**
     * The counts of the last day on or before {@code day} that has any, per kind (in the order given, a kind
     * without counts as zeros), and their total.
     *
     * @param day   the latest day to consider
     * @param kinds the kinds, rows of the summary
     */
    Summary summary(CustomerRef customer, LocalDate day, List<Measure> kinds) throws Exception {
        LocalDate last = counts.lastDay(RiskProduct.ID, customer, day);
        Map<String, long[]> rows = new LinkedHashMap<>();
        for (Measure k : kinds) {
            rows.put(k.id(), new long[RiskProduct.MEASURES.size()]);
        }
        long[] total = new long[RiskProduct.MEASURES.size()];
        if (last != null) {
            List<String> measures = ids(RiskProduct.MEASURES);
            for (DailyCount c : counts.read(RiskProduct.ID, customer, last, last)) {
                long[] row = rows.get(c.kind());
                int m = measures.indexOf(c.measure());
                if (row != null && m >= 0) {
                    row[m] += c.value();
                    total[m] += c.value();
                }
            }
        }
        return new Summary(last, kinds, rows, total);
    }

    /** A summary: its day (or {@code null} when nothing was sent), the counts per kind and their total. */
    record Summary(LocalDate day, List<Measure> kinds, Map<String, long[]> rows, long[] total) {
        /** The summary as a table: one row per kind, then the total. */
        TableView table() {
            List<TableView.Column> columns = new ArrayList<>();
            columns.add(new TableView.Column("kind", "Workspace kind", CellType.TEXT));
            for (Measure m : RiskProduct.MEASURES) {
                columns.add(new TableView.Column(m.id(), m.label(), CellType.NUMBER));
            }
            List<TableView.Row> out = new ArrayList<>();
            for (Measure k : kinds) {
                out.add(row(k.label(), rows.get(k.id())));
            }
            out.add(row(day == null ? "Total (nothing received yet)" : "Total on " + day, total));
            return new TableView(columns, out, null, (long) out.size());
        }

        private static TableView.Row row(String label, long[] values) {
            List<Cell> cells = new ArrayList<>();
            cells.add(Cell.text(label));
            for (long v : values) {
                cells.add(Cell.number(v));
            }
            return new TableView.Row(cells);
        }
    }

    /** The customer's riskiest workspaces (Exchange mailboxes only when {@code exchange}) as a table. */
    TableView riskiest(CustomerRef customer, int limit, boolean exchange) throws Exception {
        List<TableView.Row> rows = new ArrayList<>();
        for (Workspace w : store.riskiest(customer, limit, exchange)) {
            List<Cell> cells = new ArrayList<>();
            // a OneDrive or a mailbox is named after its owner: personal data, which the core removes
            boolean personal = w.kind().equals("onedrive") || w.kind().equals(RiskProduct.EXCHANGE.id());
            cells.add(personal ? Cell.personName(w.name()) : Cell.text(w.name()));
            cells.add(Cell.text(RiskProduct.kindLabel(w.kind())));
            for (long v : w.counts()) {
                cells.add(Cell.number(v));
            }
            cells.add(Cell.text(w.asOf().toString()));
            rows.add(new TableView.Row(cells));
        }
        List<TableView.Column> columns = new ArrayList<>();
        columns.add(new TableView.Column("workspace", "Workspace", CellType.TEXT));
        columns.add(new TableView.Column("kind", "Kind", CellType.TEXT));
        for (Measure m : RiskProduct.MEASURES) {
            columns.add(new TableView.Column(m.id(), m.label(), CellType.NUMBER));
        }
        columns.add(new TableView.Column("asOf", "As of", CellType.TEXT));
        return new TableView(columns, rows, null, store.workspaces(customer, exchange));
    }

    static List<String> ids(List<Measure> measures) {
        return measures.stream().map(Measure::id).toList();
    }
}
