package org.sightline.benchmark.governance;

import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import org.sightline.api.CustomerRef;
import org.sightline.api.Permissions;
import org.sightline.api.Viewer;
import org.sightline.api.ingest.IngestBatch;
import org.sightline.api.ingest.IngestRecord;
import org.sightline.api.ingest.IngestResult;
import org.sightline.api.report.Branding;
import org.sightline.api.report.ReportDocument;
import org.sightline.api.widget.PageRequest;
import org.sightline.api.widget.TimeRange;
import org.sightline.api.widget.WidgetRequest;
import org.sightline.family.governance.internal.CountStore;
import org.sightline.family.governance.internal.ViewsService;
import org.sightline.product.risk.RiskIngest;
import org.sightline.product.risk.RiskInsights;
import org.sightline.product.risk.RiskReport;
import org.sightline.product.risk.RiskStore;
import org.sightline.product.testkit.TestStorage;
import org.sightline.reports.internal.PdfReportRenderer;

/**
 * The risk product's detailed report for one customer with many workspaces (500 by default): the customer's data
 * goes in through the product's ingest handler (90 days of counts per workspace kind, the workspaces, a service
 * account, so the report has its Exchange Online part), then each run builds the document
 * ({@link RiskReport#report}, reading in-memory H2) and renders it as PDF ({@link PdfReportRenderer}, PDFBox).
 * Prints per-run wall times (median, p95, max), bytes allocated per run, the PDF's size and the heap's peak use.
 * Run in a JVM with {@code -Xmx64m} (run.sh): a report that needed more heap would fail.
 */
public final class RiskReportBenchmark {
    private static final String[] KINDS = {"sharepoint", "teams", "groups", "onedrive", "exchange"};
    private static final String[] FIELDS = {"highRisk", "mediumRisk", "sensitive", "externalUsers", "externalLinks"};

    private RiskReportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int workspaces = 500;
        int runs = 20;
        for (int i = 0; i < args.length - 1; i += 2) {
            switch (args[i]) {
                case "--workspaces" -> workspaces = Integer.parseInt(args[i + 1]);
                case "--runs" -> runs = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        try (TestStorage db = new TestStorage()) {
            CountStore counts = new CountStore(db);
            RiskStore store = new RiskStore(db);
            RiskIngest ingest = new RiskIngest(counts, store);
            RiskReport report = new RiskReport(new RiskInsights(counts, new ViewsService(counts), store), store);
            CustomerRef customer = new CustomerRef(1, 1, "BENCH-1", "Benchmark Customer", "EUR", true);
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            List<IngestRecord> lines = lines(customer, today, workspaces);
            IngestResult in = db.inTransaction(tx -> ingest.ingest(new IngestBatch(1, lines), tx));
            System.out.printf("data: %d workspaces, 90 days x %d kinds of counts; stored %d lines, rejected %d%n",
                    workspaces, KINDS.length, in.stored(), in.rejected().size());

            ZoneId zone = ZoneId.of("Europe/Berlin");
            WidgetRequest request = new WidgetRequest(customer, new Viewer("bench", 1, Set.of("admin"),
                    Set.of(Permissions.CUSTOMER_READ)), new TimeRange(today.minusDays(89).atStartOfDay(zone).toInstant(),
                    today.plusDays(1).atStartOfDay(zone).toInstant()), zone, PageRequest.first(), Map.of(), null);
            PdfReportRenderer renderer = new PdfReportRenderer();
            Branding branding = new Branding("Benchmark Partner", null, customer.name(), null, "the last 90 days",
                    Instant.now(), zone);
            com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            int warmup = 5;
            long[] nanos = new long[runs];
            long[] allocated = new long[runs];
            int size = 0;
            resetPeaks();
            for (int r = -warmup; r < runs; r++) {
                long a0 = threads.getCurrentThreadAllocatedBytes();
                long t0 = System.nanoTime();
                ReportDocument doc = report.report(request, "detailed", Map.of());
                ByteArrayOutputStream pdf = new ByteArrayOutputStream();
                renderer.render(doc, branding, pdf);
                long t = System.nanoTime() - t0;
                if (r >= 0) {
                    nanos[r] = t;
                    allocated[r] = threads.getCurrentThreadAllocatedBytes() - a0;
                    size = pdf.size();
                }
            }
            Arrays.sort(nanos);
            Arrays.sort(allocated);
            System.out.printf("detailed report (document + PDF), %d runs after %d warm-up: median %.1f ms, p95 %.1f ms, "
                    + "max %.1f ms%n", runs, warmup, nanos[runs / 2] / 1e6, nanos[(int) Math.ceil(runs * 0.95) - 1] / 1e6,
                    nanos[runs - 1] / 1e6);
            System.out.printf("allocated per run: median %.1f MiB; PDF %d KiB%n", allocated[runs / 2] / 1048576.0,
                    size / 1024);
            System.out.printf("heap: max %.0f MiB (-Xmx), peak used %.1f MiB (all heap pools' peaks, summed)%n",
                    Runtime.getRuntime().maxMemory() / 1048576.0, peakHeap() / 1048576.0);
        }
    }

    private static List<IngestRecord> lines(CustomerRef c, LocalDate today, int workspaces) {
        List<IngestRecord> out = new ArrayList<>();
        SplittableRandom r = new SplittableRandom(42);
        int line = 1;
        for (int d = 0; d < 90; d++) {
            LocalDate day = today.minusDays(d);
            for (String kind : KINDS) {
                Map<String, Object> f = new HashMap<>(Map.of("type", "daily", "day", day.toString(), "workspaceKind", kind));
                for (String field : FIELDS) {
                    f.put(field, (long) r.nextInt(2000));
                }
                out.add(new IngestRecord(line++, c, day + "/" + kind, f));
            }
        }
        for (int w = 0; w < workspaces; w++) {
            String kind = KINDS[w % 4];
            Map<String, Object> f = new HashMap<>(Map.of("type", "workspace", "workspaceKind", kind,
                    "name", kind + " workspace " + w, "day", today.toString()));
            for (String field : FIELDS) {
                f.put(field, (long) r.nextInt(300));
            }
            out.add(new IngestRecord(line++, c, "ws-" + w, f));
        }
        for (int m = 0; m < 50; m++) {
            Map<String, Object> f = new HashMap<>(Map.of("type", "workspace", "workspaceKind", "exchange",
                    "name", "Mailbox " + m, "day", today.toString()));
            for (String field : FIELDS) {
                f.put(field, (long) r.nextInt(300));
            }
            out.add(new IngestRecord(line++, c, "mbx-" + m, f));
        }
        out.add(new IngestRecord(line, c, "exchange", Map.of("type", "service-account", "status", "ready", "mfa", false,
                "reported", Instant.now().minusSeconds(60).toString())));
        return out;
    }

    private static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                p.resetPeakUsage();
            }
        }
    }

    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                sum += p.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
