package org.sightline.reports.internal;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.sightline.api.view.TimeSeriesView;

/**
 * Draws a time series view as a vector chart with PDF path operators: axes with rounded ticks, grid lines, one
 * polyline per series (a dot for a lone point), the forecast as a shaded band with a dashed expected line, and
 * a legend. Nothing is rasterised, so the chart stays sharp at any zoom and its labels are real text.
 */
final class ChartDrawer {
    static final float HEIGHT = 160;
    private static final float AXIS_LEFT = 46;
    private static final float AXIS_BOTTOM = 16;
    private static final float LABEL = 7;
    private final Canvas c;
    private final ZoneId zone;

    ChartDrawer(Canvas canvas, ZoneId zone) {
        this.c = canvas;
        this.zone = zone;
    }

    void draw(TimeSeriesView v) throws IOException {
        Bounds b = bounds(v);
        float legendH = legendHeight(v);
        c.need(HEIGHT + legendH + 6);
        float top = c.y();
        if (b == null) {
            c.stroke(Colors.RULE, 0.5f, Canvas.LEFT, top - HEIGHT, Canvas.WIDTH, HEIGHT);
            c.color(Colors.MUTED);
            c.text(c.regular, 9, Canvas.LEFT + 10, top - HEIGHT / 2, "No data for this period.");
            c.color(new float[] {0, 0, 0});
            c.down(HEIGHT + 6);
            return;
        }
        float x0 = Canvas.LEFT + AXIS_LEFT;
        float x1 = Canvas.RIGHT - 4;
        float y0 = top - HEIGHT + AXIS_BOTTOM;
        float y1 = top - 14;
        double[] ticks = ticks(b.min, b.max);
        double lo = ticks[0];
        double hi = ticks[ticks.length - 1];
        Scale s = new Scale(b.from, b.to, lo, hi, x0, x1, y0, y1);

        // grid and y labels
        c.color(Colors.MUTED);
        for (double t : ticks) {
            float y = s.y(t);
            c.line(Colors.RULE, 0.4f, x0, y, x1, y);
            c.textRight(c.regular, LABEL, x0 - 4, y - LABEL / 3, CellText.number(t));
        }
        // x labels
        DateTimeFormatter fmt = Duration.between(b.from, b.to).compareTo(Duration.ofDays(2)) <= 0
                ? DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT)
                : DateTimeFormatter.ofPattern("d MMM", Locale.ROOT);
        int xTicks = 5;
        for (int i = 0; i < xTicks; i++) {
            Instant at = b.from.plusMillis((long) ((b.to.toEpochMilli() - b.from.toEpochMilli()) * (i / (double) (xTicks - 1))));
            float x = s.x(at);
            c.line(Colors.RULE, 0.4f, x, y0, x, y0 - 3);
            String label = fmt.format(at.atZone(zone));
            float w = c.width(c.regular, LABEL, label);
            float lx = Math.max(x0 - w / 2, Math.min(x - w / 2, x1 - w));
            c.text(c.regular, LABEL, lx, y0 - 3 - LABEL - 1, label);
        }
        c.color(new float[] {0, 0, 0});
        // unit
        c.color(Colors.MUTED);
        c.text(c.regular, LABEL, Canvas.LEFT, top - 7, c.fit(c.regular, LABEL, v.unit(), AXIS_LEFT + 80));
        c.color(new float[] {0, 0, 0});

        PDPageContentStream cs = c.content();
        if (v.forecast() != null && !v.forecast().points().isEmpty()) {
            List<TimeSeriesView.BandPoint> fp = v.forecast().points();
            cs.setNonStrokingColor(Colors.BAND[0], Colors.BAND[1], Colors.BAND[2]);
            boolean first = true;
            for (TimeSeriesView.BandPoint p : fp) {
                if (!finite(p.upper())) {
                    continue;
                }
                if (first) {
                    cs.moveTo(s.x(p.at()), s.y(p.upper()));
                    first = false;
                } else {
                    cs.lineTo(s.x(p.at()), s.y(p.upper()));
                }
            }
            for (int i = fp.size() - 1; i >= 0; i--) {
                if (finite(fp.get(i).lower()) && !first) {
                    cs.lineTo(s.x(fp.get(i).at()), s.y(fp.get(i).lower()));
                }
            }
            if (!first) {
                cs.closePath();
                cs.fill();
            }
            cs.setLineDashPattern(new float[] {3, 2}, 0);
            polyline(cs, Colors.MUTED, fp.stream().filter(p -> finite(p.expected()))
                    .map(p -> new float[] {s.x(p.at()), s.y(p.expected())}).toList());
            cs.setLineDashPattern(new float[] {}, 0);
            cs.setNonStrokingColor(0f, 0f, 0f);
        }
        for (int i = 0; i < v.series().size(); i++) {
            List<float[]> pts = v.series().get(i).points().stream().filter(p -> finite(p.value()))
                    .map(p -> new float[] {s.x(p.at()), s.y(p.value())}).toList();
            polyline(cs, Colors.series(i), pts);
        }
        // axes
        c.line(Colors.MUTED, 0.7f, x0, y0, x1, y0);
        c.line(Colors.MUTED, 0.7f, x0, y0, x0, y1);
        c.down(HEIGHT + 4);
        legend(v);
        c.down(4);
    }

    private void polyline(PDPageContentStream cs, float[] rgb, List<float[]> pts) throws IOException {
        if (pts.isEmpty()) {
            return;
        }
        cs.setStrokingColor(rgb[0], rgb[1], rgb[2]);
        cs.setNonStrokingColor(rgb[0], rgb[1], rgb[2]);
        if (pts.size() == 1) {
            cs.addRect(pts.get(0)[0] - 2, pts.get(0)[1] - 2, 4, 4);
            cs.fill();
        } else {
            cs.setLineWidth(1.3f);
            cs.setLineJoinStyle(1);
            cs.moveTo(pts.get(0)[0], pts.get(0)[1]);
            for (int i = 1; i < pts.size(); i++) {
                cs.lineTo(pts.get(i)[0], pts.get(i)[1]);
            }
            cs.stroke();
        }
        cs.setStrokingColor(0f, 0f, 0f);
        cs.setNonStrokingColor(0f, 0f, 0f);
    }

    private float legendHeight(TimeSeriesView v) {
        int entries = v.series().size() + (v.forecast() == null ? 0 : 1);
        return entries == 0 ? 0 : 12 * (1 + entries / 5);
    }

    private void legend(TimeSeriesView v) throws IOException {
        float x = Canvas.LEFT + AXIS_LEFT;
        float base = c.y() - 9;
        for (int i = 0; i <= v.series().size(); i++) {
            boolean forecast = i == v.series().size();
            if (forecast && v.forecast() == null) {
                break;
            }
            String name = forecast ? v.forecast().name() : v.series().get(i).name();
            float w = 12 + Math.min(c.width(c.regular, 8, name), 150) + 14;
            if (x + w > Canvas.RIGHT) {
                x = Canvas.LEFT + AXIS_LEFT;
                c.down(12);
                base = c.y() - 9;
            }
            c.fill(forecast ? Colors.BAND : Colors.series(i), x, base, 8, 8);
            c.text(c.regular, 8, x + 11, base + 1, c.fit(c.regular, 8, name, 150));
            x += w;
        }
        c.down(12);
    }

    private static boolean finite(double d) {
        return !Double.isNaN(d) && !Double.isInfinite(d);
    }

    private record Bounds(Instant from, Instant to, double min, double max) {
    }

    /** Time and value extent of every finite point (series and forecast); {@code null} when there are none. */
    private static Bounds bounds(TimeSeriesView v) {
        Instant from = null;
        Instant to = null;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (TimeSeriesView.Series s : v.series()) {
            for (TimeSeriesView.Point p : s.points()) {
                if (!finite(p.value())) {
                    continue;
                }
                from = from == null || p.at().isBefore(from) ? p.at() : from;
                to = to == null || p.at().isAfter(to) ? p.at() : to;
                min = Math.min(min, p.value());
                max = Math.max(max, p.value());
            }
        }
        if (v.forecast() != null) {
            for (TimeSeriesView.BandPoint p : v.forecast().points()) {
                for (double d : new double[] {p.lower(), p.upper(), p.expected()}) {
                    if (finite(d)) {
                        from = from == null || p.at().isBefore(from) ? p.at() : from;
                        to = to == null || p.at().isAfter(to) ? p.at() : to;
                        min = Math.min(min, d);
                        max = Math.max(max, d);
                    }
                }
            }
        }
        if (from == null) {
            return null;
        }
        if (!to.isAfter(from)) {
            from = from.minus(Duration.ofHours(12));
            to = to.plus(Duration.ofHours(12));
        }
        return new Bounds(from, to, Math.min(0, min), max);
    }

    /** Rounded ticks (1, 2, 2.5 or 5 times a power of ten) covering [min, max], 3 to 7 of them. */
    static double[] ticks(double min, double max) {
        if (max <= min) {
            max = min + (min == 0 ? 1 : Math.abs(min));
        }
        double raw = (max - min) / 4;
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = mag;
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * mag >= raw) {
                step = m * mag;
                break;
            }
        }
        double lo = Math.floor(min / step) * step;
        double hi = Math.ceil(max / step) * step;
        int n = (int) Math.round((hi - lo) / step) + 1;
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = lo + i * step;
        }
        return out;
    }

    private record Scale(Instant from, Instant to, double lo, double hi, float x0, float x1, float y0, float y1) {
        float x(Instant t) {
            double f = (t.toEpochMilli() - from.toEpochMilli()) / (double) (to.toEpochMilli() - from.toEpochMilli());
            return (float) (x0 + Math.max(0, Math.min(1, f)) * (x1 - x0));
        }

        float y(double v) {
            double f = (v - lo) / (hi - lo);
            return (float) (y0 + Math.max(0, Math.min(1, f)) * (y1 - y0));
        }
    }
}
