package org.sightline.bench.reports;

import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.sightline.api.report.Branding;
import org.sightline.api.report.ReportDocument;
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
import org.sightline.reports.internal.PdfReportRenderer;

/**
 * The Sample Customer's full dashboard as PDF, against a running server (see README.md):
 * <ol>
 * <li>end to end: {@code GET /api/v1/customers/{id}/dashboard.pdf} (last 30 days), warm-up then N timed requests
 * (compose, filter, draw, send), median, p95 and max;</li>
 * <li>the renderer alone, in this JVM whose heap is capped (-Xmx64m by default): the same dashboard's views,
 * read from {@code GET .../dashboard}, drawn N times; time, bytes allocated per PDF (the thread's allocation
 * counter) and the heap in use right after a PDF.</li>
 * </ol>
 */
public final class DashboardPdf {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        String base = env("BENCH_URL", "http://127.0.0.1:8181");
        String user = env("BENCH_USER", "admin");
        String password = System.getenv("BENCH_PASSWORD") != null ? System.getenv("BENCH_PASSWORD")
                : Files.readString(Path.of(env("BENCH_PASSWORD_FILE", "target/run/etc/sightline-admin.secret"))).trim();
        int runs = Integer.parseInt(env("BENCH_RUNS", "20"));
        int warmup = Integer.parseInt(env("BENCH_WARMUP", "5"));
        String auth = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        JsonNode list = JSON.readTree(get(http, base + "/api/v1/customers?q=SAMPLE-0001", auth, HttpResponse.BodyHandlers.ofString()).body());
        long id = list.get("items").get(0).get("id").asLong();
        String zone = "UTC";
        String query = "?tz=" + URLEncoder.encode(zone, StandardCharsets.UTF_8);
        System.out.printf(Locale.ROOT, "Sample Customer id %d at %s; %d cores, load average %.2f; this JVM max heap %d MiB%n", id,
                base, Runtime.getRuntime().availableProcessors(), ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                Runtime.getRuntime().maxMemory() >> 20);

        // the partner's logo on the cover (BENCH_PARTNER_LOGO=0 leaves the partner as it is)
        if (!"0".equals(env("BENCH_PARTNER_LOGO", "1"))) {
            HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/admin/partner/logo"))
                    .header("Authorization", auth).header("Content-Type", "image/png").timeout(Duration.ofSeconds(60))
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(logo(400, 120, 0x1f6feb).bytes())).build(),
                    HttpResponse.BodyHandlers.ofString());
            System.out.println("partner logo (PNG 400 x 120) uploaded: " + put.statusCode());
        }

        // 1. end to end
        String pdfUrl = base + "/api/v1/customers/" + id + "/dashboard.pdf" + query;
        long[] e2e = new long[runs];
        int pages = 0;
        int bytes = 0;
        for (int i = -warmup; i < runs; i++) {
            long t0 = System.nanoTime();
            HttpResponse<byte[]> r = get(http, pdfUrl, auth, HttpResponse.BodyHandlers.ofByteArray());
            long took = System.nanoTime() - t0;
            if (r.statusCode() != 200) {
                throw new IllegalStateException("dashboard.pdf answered " + r.statusCode() + ": " + new String(r.body(), StandardCharsets.UTF_8));
            }
            if (i >= 0) {
                e2e[i] = took;
            }
            bytes = r.body().length;
        }
        try (PDDocument d = PDDocument.load(get(http, pdfUrl, auth, HttpResponse.BodyHandlers.ofByteArray()).body())) {
            pages = d.getNumberOfPages();
        }
        JsonNode dashboard = JSON.readTree(get(http, base + "/api/v1/customers/" + id + "/dashboard" + query, auth,
                HttpResponse.BodyHandlers.ofString()).body());
        int widgets = dashboard.get("widgets").size();
        int errors = 0;
        for (JsonNode w : dashboard.get("widgets")) {
            errors += w.has("error") ? 1 : 0;
        }
        System.out.printf(Locale.ROOT, "end to end  GET dashboard.pdf: %d widgets (%d error cards), %d pages, %d KiB; "
                + "median %.0f ms, p95 %.0f ms, max %.0f ms over %d requests after %d warm-up (target <= 1500 ms)%n",
                widgets, errors, pages, bytes >> 10, pct(e2e, 50), pct(e2e, 95), pct(e2e, 100), runs, warmup);

        // 2. the renderer alone, heap capped
        ReportDocument doc = document(dashboard);
        // both logos on the cover, as a partner and a customer that uploaded theirs (PNG, 400 x 120 and 300 x 100)
        Branding branding = new Branding("Sample Partner", logo(400, 120, 0x1f6feb), dashboard.at("/customer/name").asText(),
                logo(300, 100, 0x2da44e),
                dashboard.at("/range/from").asText() + " - " + dashboard.at("/range/to").asText(), Instant.now(), ZoneId.of(zone));
        PdfReportRenderer renderer = new PdfReportRenderer();
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().getId();
        long[] times = new long[runs];
        long[] allocated = new long[runs];
        long maxUsed = 0;
        for (int i = -warmup; i < runs; i++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(256 * 1024);
            long a0 = threads.getThreadAllocatedBytes(tid);
            long t0 = System.nanoTime();
            renderer.render(doc, branding, out);
            long took = System.nanoTime() - t0;
            long alloc = threads.getThreadAllocatedBytes(tid) - a0;
            long used = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
            if (i >= 0) {
                times[i] = took;
                allocated[i] = alloc;
                maxUsed = Math.max(maxUsed, used);
            }
        }
        System.out.printf(Locale.ROOT, "renderer    same views in this JVM (-Xmx%d MiB, no OutOfMemoryError): median %.0f ms, "
                + "p95 %.0f ms; allocated per PDF median %.1f MiB; heap in use after a PDF at most %.1f MiB (target <= 64 MiB)%n",
                Runtime.getRuntime().maxMemory() >> 20, pct(times, 50), pct(times, 95), median(allocated) / 1048576.0,
                maxUsed / 1048576.0);
    }

    /** A PNG logo: a coloured band with a few shapes. */
    private static Branding.Image logo(int w, int h, int rgb) throws java.io.IOException {
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(w, h, java.awt.image.BufferedImage.TYPE_INT_ARGB);
        java.awt.Graphics2D g = img.createGraphics();
        g.setColor(new java.awt.Color(rgb));
        g.fillRoundRect(0, 0, h, h, 24, 24);
        g.fillRect(h + 10, h / 3, w - h - 20, h / 3);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        javax.imageio.ImageIO.write(img, "png", out);
        return new Branding.Image("image/png", out.toByteArray());
    }

    private static <T> HttpResponse<T> get(HttpClient http, String url, String auth, HttpResponse.BodyHandler<T> body)
            throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", auth).timeout(Duration.ofSeconds(60))
                .GET().build(), body);
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    private static double pct(long[] nanos, int p) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        int i = Math.min(s.length - 1, Math.max(0, (int) Math.ceil(p / 100.0 * s.length) - 1));
        return s[i] / 1e6;
    }

    private static double median(long[] v) {
        long[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    // --- the dashboard's JSON (already filtered by the server) back into views --------------------------

    private static ReportDocument document(JsonNode d) {
        List<ReportDocument.Block> blocks = new ArrayList<>();
        String section = null;
        for (JsonNode w : d.get("widgets")) {
            if (!w.get("section").asText().equals(section)) {
                section = w.get("section").asText();
                blocks.add(new ReportDocument.Heading(section));
            }
            if (w.has("view")) {
                blocks.add(new ReportDocument.ViewBlock(w.get("title").asText(), view(w.get("view"))));
            } else {
                blocks.add(new ReportDocument.Notice(w.get("title").asText(), w.at("/error/detail").asText(), Severity.CRITICAL));
            }
        }
        return new ReportDocument("Dashboard", blocks);
    }

    private static WidgetView view(JsonNode v) {
        List<Link> links = links(v.get("links"));
        switch (v.get("type").asText()) {
            case "kpi": {
                List<Kpi> tiles = new ArrayList<>();
                for (JsonNode t : v.get("tiles")) {
                    tiles.add(new Kpi(t.get("id").asText(), t.get("label").asText(), cell(t.get("value")),
                            Severity.valueOf(t.get("severity").asText().toUpperCase(Locale.ROOT)), null));
                }
                return new KpiView(tiles, links);
            }
            case "timeseries": {
                List<TimeSeriesView.Series> series = new ArrayList<>();
                for (JsonNode s : v.get("series")) {
                    List<TimeSeriesView.Point> pts = new ArrayList<>();
                    for (JsonNode p : s.get("points")) {
                        pts.add(new TimeSeriesView.Point(Instant.parse(p.get(0).asText()), p.get(1).asDouble()));
                    }
                    series.add(new TimeSeriesView.Series(s.get("name").asText(), pts));
                }
                TimeSeriesView.Forecast f = null;
                if (v.hasNonNull("forecast")) {
                    List<TimeSeriesView.BandPoint> pts = new ArrayList<>();
                    for (JsonNode p : v.at("/forecast/points")) {
                        pts.add(new TimeSeriesView.BandPoint(Instant.parse(p.get(0).asText()), p.get(1).asDouble(),
                                p.get(2).asDouble(), p.get(3).asDouble()));
                    }
                    f = new TimeSeriesView.Forecast(v.at("/forecast/name").asText(), pts);
                }
                return new TimeSeriesView(v.get("unit").asText(), series, f, links);
            }
            case "table": {
                List<TableView.Column> cols = new ArrayList<>();
                for (JsonNode c : v.get("columns")) {
                    cols.add(new TableView.Column(c.get("id").asText(), c.get("label").asText(), type(c.get("type").asText())));
                }
                List<TableView.Row> rows = new ArrayList<>();
                for (JsonNode r : v.get("rows")) {
                    List<Cell> cells = new ArrayList<>();
                    for (JsonNode c : r.get("cells")) {
                        cells.add(cell(c));
                    }
                    rows.add(new TableView.Row(cells));
                }
                return new TableView(cols, rows, v.path("nextCursor").asText(null),
                        v.hasNonNull("total") ? v.get("total").asLong() : null, links);
            }
            case "status": {
                List<StatusListView.Item> items = new ArrayList<>();
                for (JsonNode i : v.get("items")) {
                    items.add(new StatusListView.Item(i.get("label").asText(), (Cell.Status) cell(i.get("status")),
                            i.has("detail") ? cell(i.get("detail")) : null, i.has("at") ? Instant.parse(i.get("at").asText()) : null, null));
                }
                return new StatusListView(items, links);
            }
            case "links": {
                List<LinksView.Action> actions = new ArrayList<>();
                for (JsonNode a : v.path("actions")) {
                    actions.add(new LinksView.Action(a.get("id").asText(), a.get("label").asText(), a.get("permission").asText(), null));
                }
                return new LinksView(links, actions);
            }
            default: {
                Map<String, Cell> data = new LinkedHashMap<>();
                v.path("data").fields().forEachRemaining(e -> data.put(e.getKey(), cell(e.getValue())));
                return new CustomView(v.path("element").asText("x-custom"), data, links);
            }
        }
    }

    private static List<Link> links(JsonNode ls) {
        List<Link> out = new ArrayList<>();
        if (ls != null) {
            for (JsonNode l : ls) {
                out.add(l.has("href") ? Link.to(l.get("label").asText(), l.get("href").asText())
                        : Link.panel(l.get("label").asText(), l.path("panel").asText("panel")));
            }
        }
        return out;
    }

    private static CellType type(String t) {
        try {
            return CellType.valueOf(t.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            return CellType.TEXT;
        }
    }

    private static Cell cell(JsonNode c) {
        if (c == null || c.isNull()) {
            return Cell.empty();
        }
        String type = c.path("type").asText();
        if (c.path("masked").asBoolean(false)) {
            return new Cell.Redacted(type(type), c.get("value").asText());
        }
        return switch (type) {
            case "number" -> Cell.number(new BigDecimal(c.get("value").asText()), c.path("unit").asText(null));
            case "money" -> Cell.money(new BigDecimal(c.get("amount").asText()), c.get("currency").asText());
            case "timestamp" -> Cell.timestamp(Instant.parse(c.get("value").asText()));
            case "duration" -> Cell.duration(Duration.ofMillis((long) (c.get("seconds").asDouble() * 1000)));
            case "status" -> Cell.status(c.get("code").asText(), c.get("label").asText(),
                    Severity.valueOf(c.get("severity").asText().toUpperCase(Locale.ROOT)));
            case "link" -> Cell.text(c.at("/link/label").asText());
            case "empty" -> Cell.empty();
            default -> Cell.text(c.path("value").asText(""));
        };
    }
}
