package org.sightline.reports.internal;

import java.io.IOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.sightline.api.view.Cell;
import org.sightline.api.view.CellType;
import org.sightline.api.view.CustomView;
import org.sightline.api.view.Kpi;
import org.sightline.api.view.KpiView;
import org.sightline.api.view.Link;
import org.sightline.api.view.LinksView;
import org.sightline.api.view.Severity;
import org.sightline.api.view.StatusListView;
import org.sightline.api.view.TableView;
import org.sightline.api.view.TimeSeriesView;
import org.sightline.api.view.WidgetView;

/** Draws the typed views at the canvas's cursor, as the page shows them, within the content width. */
final class ViewDrawer {
    private static final float BODY = 9;
    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);
    private final Canvas c;
    private final ZoneId zone;
    private final ChartDrawer charts;

    ViewDrawer(Canvas canvas, ZoneId zone) {
        this.c = canvas;
        this.zone = zone;
        this.charts = new ChartDrawer(canvas, zone);
    }

    void draw(WidgetView view) throws IOException {
        if (view instanceof KpiView v) {
            kpis(v);
        } else if (view instanceof TableView v) {
            table(v);
        } else if (view instanceof TimeSeriesView v) {
            charts.draw(v);
        } else if (view instanceof StatusListView v) {
            statuses(v);
        } else if (view instanceof LinksView v) {
            links(v.links(), v.actions());
            return;
        } else if (view instanceof CustomView v) {
            custom(v);
        }
        links(view.links(), List.of());
    }

    private void kpis(KpiView v) throws IOException {
        int perRow = 4;
        float gap = 8;
        float w = (Canvas.WIDTH - gap * (perRow - 1)) / perRow;
        float h = 54;
        List<Kpi> tiles = v.tiles();
        for (int i = 0; i < tiles.size(); i += perRow) {
            c.need(h + gap);
            float top = c.y();
            for (int j = i; j < Math.min(tiles.size(), i + perRow); j++) {
                Kpi k = tiles.get(j);
                float x = Canvas.LEFT + (j - i) * (w + gap);
                c.fill(Colors.SHADE, x, top - h, w, h);
                c.fill(Colors.of(k.severity()), x, top - 3, w, 3);
                List<String> label = c.wrap(c.regular, 8, k.label(), w - 12);
                c.color(Colors.MUTED);
                for (int l = 0; l < Math.min(2, label.size()); l++) {
                    c.text(c.regular, 8, x + 6, top - 14 - l * 9.5f, label.get(l));
                }
                c.color(Colors.TEXT);
                c.text(c.bold, 15, x + 6, top - h + 9, c.fit(c.bold, 15, CellText.of(k.value(), zone), w - 12));
                c.color(new float[] {0, 0, 0});
            }
            c.down(h + gap);
        }
    }

    private void table(TableView v) throws IOException {
        List<TableView.Column> cols = v.columns();
        if (cols.isEmpty()) {
            return;
        }
        float[] widths = columnWidths(v);
        float rowH = BODY * 1.9f;
        header(cols, widths, rowH);
        boolean shade = false;
        for (TableView.Row r : v.rows()) {
            if (c.y() - rowH < Canvas.BOTTOM) {
                c.newPage();
                header(cols, widths, rowH);
            }
            if (shade) {
                c.fill(Colors.SHADE, Canvas.LEFT, c.y() - rowH, Canvas.WIDTH, rowH);
            }
            shade = !shade;
            float x = Canvas.LEFT;
            for (int i = 0; i < cols.size(); i++) {
                Cell cell = r.cells().get(i);
                String text = c.fit(c.regular, BODY, CellText.of(cell, zone), widths[i] - 6);
                float base = c.y() - rowH + BODY * 0.65f;
                if (cell instanceof Cell.Status s && s.severity() != Severity.INFO) {
                    c.color(Colors.of(s.severity()));
                    c.text(c.bold, BODY, x + 3, base, text);
                    c.color(new float[] {0, 0, 0});
                } else if (numeric(cols.get(i).type())) {
                    c.textRight(c.regular, BODY, x + widths[i] - 3, base, text);
                } else {
                    c.text(c.regular, BODY, x + 3, base, text);
                }
                x += widths[i];
            }
            c.down(rowH);
        }
        if (v.rows().isEmpty()) {
            c.need(rowH);
            c.color(Colors.MUTED);
            c.text(c.regular, BODY, Canvas.LEFT + 3, c.y() - rowH + BODY * 0.65f, "No rows.");
            c.color(new float[] {0, 0, 0});
            c.down(rowH);
        }
        if (v.total() != null && v.total() > v.rows().size() || v.nextCursor() != null) {
            String more = v.total() != null
                    ? "Showing the first " + v.rows().size() + " of " + CellText.number(v.total()) + " rows."
                    : "Showing the first " + v.rows().size() + " rows.";
            c.need(BODY * 1.6f);
            c.color(Colors.MUTED);
            c.text(c.regular, 8, Canvas.LEFT, c.y() - 10, more);
            c.color(new float[] {0, 0, 0});
            c.down(BODY * 1.6f);
        }
    }

    private void header(List<TableView.Column> cols, float[] widths, float rowH) throws IOException {
        c.need(rowH * 2);
        c.fill(Colors.RULE, Canvas.LEFT, c.y() - rowH, Canvas.WIDTH, rowH);
        float x = Canvas.LEFT;
        for (int i = 0; i < cols.size(); i++) {
            String label = c.fit(c.bold, BODY, cols.get(i).label(), widths[i] - 6);
            float base = c.y() - rowH + BODY * 0.65f;
            if (numeric(cols.get(i).type())) {
                c.textRight(c.bold, BODY, x + widths[i] - 3, base, label);
            } else {
                c.text(c.bold, BODY, x + 3, base, label);
            }
            x += widths[i];
        }
        c.down(rowH);
    }

    /** Widths in proportion to each column's longest text (sampled), within bounds, filling the content width. */
    private float[] columnWidths(TableView v) throws IOException {
        int n = v.columns().size();
        float[] want = new float[n];
        for (int i = 0; i < n; i++) {
            float w = c.width(c.bold, BODY, v.columns().get(i).label());
            int sampled = 0;
            for (TableView.Row r : v.rows()) {
                if (++sampled > 50) {
                    break;
                }
                w = Math.max(w, c.width(c.regular, BODY, CellText.of(r.cells().get(i), zone)));
            }
            want[i] = Math.max(30, Math.min(w + 8, Canvas.WIDTH * 0.45f));
        }
        float sum = 0;
        for (float w : want) {
            sum += w;
        }
        for (int i = 0; i < n; i++) {
            want[i] = want[i] / sum * Canvas.WIDTH;
        }
        return want;
    }

    private static boolean numeric(CellType t) {
        return t == CellType.NUMBER || t == CellType.MONEY || t == CellType.DURATION;
    }

    private void statuses(StatusListView v) throws IOException {
        float rowH = BODY * 2f;
        for (StatusListView.Item item : v.items()) {
            c.need(rowH);
            float base = c.y() - rowH + BODY * 0.7f;
            float[] colour = Colors.of(item.status().severity());
            c.fill(colour, Canvas.LEFT + 2, base, 6, 6);
            c.text(c.regular, BODY, Canvas.LEFT + 14, base, c.fit(c.regular, BODY, item.label(), Canvas.WIDTH * 0.42f));
            c.color(colour);
            c.text(c.bold, BODY, Canvas.LEFT + Canvas.WIDTH * 0.45f, base,
                    c.fit(c.bold, BODY, item.status().label(), Canvas.WIDTH * 0.18f));
            c.color(Colors.MUTED);
            String detail = item.detail() == null ? "" : CellText.of(item.detail(), zone);
            String at = item.at() == null ? "" : AT.format(item.at().atZone(zone));
            c.text(c.regular, BODY, Canvas.LEFT + Canvas.WIDTH * 0.65f, base,
                    c.fit(c.regular, BODY, detail, Canvas.WIDTH * 0.15f));
            c.textRight(c.regular, BODY, Canvas.RIGHT, base, at);
            c.color(new float[] {0, 0, 0});
            c.line(Colors.RULE, 0.5f, Canvas.LEFT, c.y() - rowH, Canvas.RIGHT, c.y() - rowH);
            c.down(rowH);
        }
        if (v.items().isEmpty()) {
            c.paragraph(c.regular, BODY, Canvas.LEFT, Canvas.WIDTH, "Nothing to report.");
        }
    }

    private void custom(CustomView v) throws IOException {
        for (Map.Entry<String, Cell> e : v.data().entrySet()) {
            c.paragraph(c.regular, BODY, Canvas.LEFT, Canvas.WIDTH, e.getKey() + ": " + CellText.of(e.getValue(), zone));
        }
    }

    /** Links as text (label and address), actions by their labels. */
    private void links(List<Link> links, List<LinksView.Action> actions) throws IOException {
        List<String> lines = new ArrayList<>();
        for (Link l : links) {
            // A panel or a path in the portal means nothing on paper: its label alone.
            lines.add(l.href() == null || l.href().startsWith("/") ? l.label() : l.label() + ": " + l.href());
        }
        for (LinksView.Action a : actions) {
            lines.add(a.label() + " (action in the portal)");
        }
        if (lines.isEmpty()) {
            return;
        }
        c.down(3);
        for (String line : lines) {
            c.color(Colors.ACCENT);
            c.paragraph(c.regular, 8, Canvas.LEFT, Canvas.WIDTH, "\u2022 " + line);
        }
        c.color(new float[] {0, 0, 0});
    }
}
