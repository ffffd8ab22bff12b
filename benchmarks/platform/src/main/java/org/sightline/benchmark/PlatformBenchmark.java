package org.sightline.benchmark;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.AbstractHandler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Sightline platform benchmark. Builds nothing: it takes the assembled distribution and the test-only
 * product bundle and prints, as medians of several runs,
 * <ol>
 * <li>cold start to the first reply and RSS, Sightline next to vanilla Karaf 4.4.10 + http;</li>
 * <li>hot deploy (jar copied into deploy/ until its widget is served) and removal (jar deleted until gone);</li>
 * <li>dashboard throughput with wrk, next to a raw Jetty 9.4 endpoint serving the same bytes.</li>
 * </ol>
 * Settings are system properties ({@code -Dbench.startRuns=5} …), listed in README.md.
 */
public final class PlatformBenchmark {

    private static final String PRODUCT = "itest-demo";
    private static final String WIDGET = "itest-demo.version";
    private static final String SAMPLE_ACCOUNT = "SAMPLE-0001";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path repo = Path.of(System.getProperty("sightline.root", ".")).toAbsolutePath().normalize();
    private Path distribution = path("bench.dist", repo.resolve("karaf-assembly/target/sightline-0.1.0-SNAPSHOT.tar.gz"));
    private Path widgetsJar = path("bench.widgetsJar",
            repo.resolve("itests/test-widgets/target/org.sightline.itest.widgets-0.1.0-SNAPSHOT.jar"));
    private final Path work = path("bench.work", Path.of(System.getProperty("java.io.tmpdir"), "sightline-bench-platform"));
    private final int startRuns = Integer.getInteger("bench.startRuns", 5);
    private final int deployRuns = Integer.getInteger("bench.deployRuns", 5);
    private final int wrkRounds = Integer.getInteger("bench.wrkRounds", 3);
    private final int wrkSeconds = Integer.getInteger("bench.wrkSeconds", 15);
    private final int warmupSeconds = Integer.getInteger("bench.warmupSeconds", 10);
    private final int wrkThreads = Integer.getInteger("bench.wrkThreads", 2);
    private final int wrkConnections = Integer.getInteger("bench.wrkConnections", 32);
    private final int settleSeconds = Integer.getInteger("bench.settleSeconds", 10);
    private final int pollMs = Integer.getInteger("bench.pollMs", 20);
    private final int targetWidgets = Integer.getInteger("bench.widgets", 9);
    private final int deployBurst = Integer.getInteger("bench.deployBurst", 3);
    private final boolean keep = Boolean.getBoolean("bench.keep");
    private final Set<String> phases = Set.of(System.getProperty("bench.phases", "start,deploy,throughput").split(","));
    private final String authorization = "Basic " + Base64.getEncoder().encodeToString(
            (Distribution.USER + ":" + Distribution.PASSWORD).getBytes(StandardCharsets.UTF_8));
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500))
            .version(HttpClient.Version.HTTP_1_1).build();

    private final List<String[]> table = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        new PlatformBenchmark().run();
    }

    private void run() throws Exception {
        require(Files.isRegularFile(distribution), "no distribution at " + distribution
                + " (build it first: mvn -q -DskipTests install at the repository root)");
        require(Files.isRegularFile(widgetsJar), "no test product bundle at " + widgetsJar);
        String now = LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME).substring(0, 16);
        say("Sightline platform benchmark, " + now + ", " + Runtime.getRuntime().availableProcessors() + " CPUs, Java "
                + System.getProperty("java.version") + ", load average " + loadAverage());
        say("distribution " + distribution + " (" + Files.size(distribution) / (1024 * 1024) + " MB, built "
                + Files.getLastModifiedTime(distribution) + ")");
        // Others may rebuild the distribution meanwhile: work on a copy taken now.
        Path inputs = work.resolve("inputs");
        Files.createDirectories(inputs);
        distribution = Files.copy(distribution, inputs.resolve(distribution.getFileName()),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        widgetsJar = Files.copy(widgetsJar, inputs.resolve(widgetsJar.getFileName()),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        try {
            if (phases.contains("start")) {
                startPhase();
            }
            if (phases.contains("deploy") || phases.contains("throughput")) {
                deployAndThroughputPhase();
            }
        } finally {
            printTable();
            if (!keep) {
                Distribution.deleteTree(inputs);
            }
        }
    }

    // ---------------------------------------------------------------- 1. cold start and RSS

    private void startPhase() throws Exception {
        Path vanilla = vanillaKaraf();
        notes.add("load average at the start of phase 1: " + loadAverage());
        say("\n== 1. Cold start and RSS: " + startRuns + " runs, each a fresh unpack; order alternates");
        Map<Distribution.Kind, List<Double>> start = new LinkedHashMap<>();
        Map<Distribution.Kind, List<Double>> rssFirst = new LinkedHashMap<>();
        Map<Distribution.Kind, List<Double>> rssSettled = new LinkedHashMap<>();
        for (Distribution.Kind k : Distribution.Kind.values()) {
            start.put(k, new ArrayList<>());
            rssFirst.put(k, new ArrayList<>());
            rssSettled.put(k, new ArrayList<>());
        }
        for (int run = 1; run <= startRuns; run++) {
            List<Distribution.Kind> order = run % 2 == 1
                    ? List.of(Distribution.Kind.SIGHTLINE, Distribution.Kind.VANILLA)
                    : List.of(Distribution.Kind.VANILLA, Distribution.Kind.SIGHTLINE);
            for (Distribution.Kind kind : order) {
                Path tar = kind == Distribution.Kind.SIGHTLINE ? distribution : vanilla;
                try (Distribution d = Distribution.unpack(kind, tar, work, keep)) {
                    URI uri = kind == Distribution.Kind.SIGHTLINE
                            ? URI.create("http://127.0.0.1:" + d.httpPort + "/api/v1/health")
                            : URI.create("http://127.0.0.1:" + d.httpPort + "/");
                    IntPredicate ok = kind == Distribution.Kind.SIGHTLINE ? s -> s == 200 : s -> true;
                    long t0 = d.start();
                    int status = waitForReply(d, uri, ok, Duration.ofSeconds(240));
                    double seconds = (System.nanoTime() - t0) / 1e9;
                    double rss0 = d.rssMiB();
                    Thread.sleep(settleSeconds * 1000L);
                    double rss1 = d.rssMiB();
                    start.get(kind).add(seconds);
                    rssFirst.get(kind).add(rss0);
                    rssSettled.get(kind).add(rss1);
                    say(String.format(Locale.ROOT, "  run %d %-9s first reply %d after %5.2f s; RSS %4.0f MiB then, %4.0f MiB %d s later",
                            run, kind, status, seconds, rss0, rss1, settleSeconds));
                }
            }
        }
        double s = median(start.get(Distribution.Kind.SIGHTLINE));
        double v = median(start.get(Distribution.Kind.VANILLA));
        row("Cold start to first reply (s)", fmt(s, 2), fmt(v, 2) + " vanilla", ratio(s, v), "<= 1.30x",
                s / v <= 1.3, startRuns + " runs; " + range(start.get(Distribution.Kind.SIGHTLINE)) + " vs "
                        + range(start.get(Distribution.Kind.VANILLA)));
        double r = median(rssSettled.get(Distribution.Kind.SIGHTLINE));
        double rv = median(rssSettled.get(Distribution.Kind.VANILLA));
        row("RSS " + settleSeconds + " s after first reply (MiB)", fmt(r, 0), fmt(rv, 0) + " vanilla", ratio(r, rv), "<= 1.30x",
                r / rv <= 1.3, startRuns + " runs");
        double r0 = median(rssFirst.get(Distribution.Kind.SIGHTLINE));
        double rv0 = median(rssFirst.get(Distribution.Kind.VANILLA));
        row("RSS at first reply (MiB)", fmt(r0, 0), fmt(rv0, 0) + " vanilla", ratio(r0, rv0), "(info)", null,
                startRuns + " runs");
    }

    /** Polls every 20 ms until a reply the predicate accepts; returns its status. */
    private int waitForReply(Distribution d, URI uri, IntPredicate ok, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest req = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).GET().build();
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<Void> r = http.send(req, HttpResponse.BodyHandlers.discarding());
                if (ok.test(r.statusCode())) {
                    return r.statusCode();
                }
            } catch (IOException e) {
                // not listening yet
            }
            if (!d.scriptAlive()) {
                throw new IllegalStateException(d.kind + " exited during start; see " + d.root.resolve("console.log"));
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException(d.kind + " gave no reply on " + uri + " within " + timeout.toSeconds() + " s");
    }

    private Path vanillaKaraf() throws Exception {
        Path configured = System.getProperty("bench.vanilla") == null ? null : Path.of(System.getProperty("bench.vanilla"));
        if (configured != null) {
            return configured;
        }
        Path m2 = Path.of(System.getProperty("user.home"),
                ".m2/repository/org/apache/karaf/apache-karaf/4.4.10/apache-karaf-4.4.10.tar.gz");
        if (Files.isRegularFile(m2)) {
            return m2;
        }
        Path dir = work.resolve("vanilla");
        Files.createDirectories(dir);
        say("fetching org.apache.karaf:apache-karaf:4.4.10:tar.gz with mvn dependency:copy");
        Proc.run(dir, 600, "mvn", "-q", "org.apache.maven.plugins:maven-dependency-plugin:3.6.1:copy",
                "-Dartifact=org.apache.karaf:apache-karaf:4.4.10:tar.gz", "-DoutputDirectory=" + dir);
        return dir.resolve("apache-karaf-4.4.10.tar.gz");
    }

    // ---------------------------------------------------------------- 2. hot deploy, 3. throughput

    private void deployAndThroughputPhase() throws Exception {
        // Separate instances: the test bundle's hanging widget keeps pool threads busy for a minute after
        // each deploy, which must not leak into the throughput figures.
        if (phases.contains("deploy")) {
            say("\n== Starting a Sightline instance for hot deploy");
            try (Distribution d = Distribution.unpack(Distribution.Kind.SIGHTLINE, distribution, work, keep)) {
                deployPhase(d, prepare(d));
            }
        }
        if (phases.contains("throughput")) {
            say("\n== Starting a fresh Sightline instance for throughput");
            try (Distribution d = Distribution.unpack(Distribution.Kind.SIGHTLINE, distribution, work, keep)) {
                throughputPhase(d, prepare(d));
            }
        }
    }

    /** Starts the instance, finds the sample customer and subscribes it to the test product. */
    private long prepare(Distribution d) throws Exception {
        d.start();
        waitForReply(d, URI.create(base(d) + "/api/v1/health"), s -> s == 200, Duration.ofSeconds(240));
        // No authenticated request before the portal user exists: failed sign-ins lock the user out.
        d.awaitPortalAdmin(180);
        long customer = findSampleCustomer(d);
        say("  sample customer " + SAMPLE_ACCOUNT + " has id " + customer);
        String how = subscribe(d, customer, PRODUCT);
        say("  subscribed customer " + customer + " to " + PRODUCT + " via " + how);
        return customer;
    }

    private void deployPhase(Distribution d, long customer) throws Exception {
        notes.add("load average at the start of phase 2: " + loadAverage());
        say("\n== 2. Hot deploy / removal of " + widgetsJar.getFileName() + ": " + deployRuns + " runs, polling every "
                + pollMs + " ms");
        String widgetUrl = base(d) + "/api/v1/customers/" + customer + "/widgets/" + WIDGET;
        String dashboardUrl = base(d) + "/api/v1/customers/" + customer + "/dashboard";
        String productsUrl = base(d) + "/api/v1/products";
        String widgetMarker = "\"id\":\"" + WIDGET + "\"";
        String productMarker = "\"id\":\"" + PRODUCT + "\"";
        List<ChangeObserver.Probe> deployed = List.of(
                new ChangeObserver.Probe("widget", URI.create(widgetUrl), (s, b) -> s == 200 && b.contains(widgetMarker)),
                new ChangeObserver.Probe("dashboard", URI.create(dashboardUrl), (s, b) -> s == 200 && b.contains(widgetMarker)),
                new ChangeObserver.Probe("products", URI.create(productsUrl), (s, b) -> s == 200 && b.contains(productMarker)));
        List<ChangeObserver.Probe> removed = List.of(
                new ChangeObserver.Probe("widget", URI.create(widgetUrl), (s, b) -> s == 404),
                new ChangeObserver.Probe("dashboard", URI.create(dashboardUrl), (s, b) -> s == 200 && !b.contains(widgetMarker)),
                new ChangeObserver.Probe("products", URI.create(productsUrl), (s, b) -> s == 200 && !b.contains(productMarker)));
        ChangeObserver observer = new ChangeObserver(http, authorization, pollMs);
        Path target = d.home.resolve("deploy").resolve(widgetsJar.getFileName());
        Map<String, List<ChangeObserver.Seen>> up = new LinkedHashMap<>();
        Map<String, List<ChangeObserver.Seen>> down = new LinkedHashMap<>();
        List<Long> cycleStarts = new ArrayList<>();
        long window = Duration.ofSeconds(62).toNanos();
        for (int run = 1; run <= deployRuns; run++) {
            // Each deploy starts up to 4 renders of the hanging test widget that hold a pool thread for 60 s
            // (the in-flight cap is per registration): keep at most deployBurst deploys per minute so the
            // pool (16 threads by default) never runs dry and slows the next measurement.
            long now = System.nanoTime();
            List<Long> recent = cycleStarts.stream().filter(t -> now - t < window).toList();
            if (deployBurst > 0 && recent.size() >= deployBurst) {
                long waitMs = (recent.get(0) + window - now) / 1_000_000;
                say("  waiting " + waitMs / 1000 + " s for the hanging test widget's renders to end");
                Thread.sleep(Math.max(0, waitMs));
            }
            cycleStarts.add(System.nanoTime());
            Map<String, ChangeObserver.Seen> a = observer.observe(deployed, () -> Files.copy(widgetsJar, target),
                    Duration.ofSeconds(30));
            a.forEach((k, v) -> up.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
            Thread.sleep(1500);
            Map<String, ChangeObserver.Seen> b = observer.observe(removed, () -> Files.delete(target), Duration.ofSeconds(30));
            b.forEach((k, v) -> down.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
            say(String.format(Locale.ROOT, "  run %d deploy: widget %s, dashboard %s, products %s | removal: widget %s, dashboard %s, products %s",
                    run, seen(a.get("widget")), seen(a.get("dashboard")), seen(a.get("products")),
                    seen(b.get("widget")), seen(b.get("dashboard")), seen(b.get("products"))));
            Thread.sleep(1500);
        }
        boolean widgetSeen = up.get("widget").stream().anyMatch(ChangeObserver.Seen::seen);
        if (!widgetSeen) {
            notes.add("The widget never reached customer " + customer + " (subscription failed?): only the products "
                    + "listing was measured. Needed: a way to subscribe a customer, e.g. `sightline:subscribe <customerId> <productId>`.");
        }
        String n = deployRuns + " runs";
        addDeployRow("Hot deploy -> widget served (s)", received(up.get("widget")), "GET .../widgets/" + WIDGET + " 200; " + n);
        addDeployRow("Hot deploy -> dashboard shows it (s)", sent(up.get("dashboard")),
                "first dashboard request that shows it was SENT this long after the copy; " + n);
        row("  ... that dashboard response arrived (s)", fmt(median(received(up.get("dashboard"))), 2), "", "", "(info)",
                null, "includes the hanging test widget's 2 s deadline");
        addDeployRow("Hot deploy -> /api/v1/products lists it (s)", received(up.get("products")), n);
        addDeployRow("Removal -> widget gone, 404 (s)", received(down.get("widget")), n);
        addDeployRow("Removal -> dashboard without it (s)", sent(down.get("dashboard")),
                "request SENT; response arrived " + fmt(median(received(down.get("dashboard"))), 2) + " s (median)");
        addDeployRow("Removal -> /api/v1/products without it (s)", received(down.get("products")), n);
    }

    private void addDeployRow(String name, List<Double> values, String note) {
        double m = median(values);
        row(name, fmt(m, 2), "", "", "<= 1 s", Double.isNaN(m) ? null : m <= 1.0, note + "; " + range(values));
    }

    private void throughputPhase(Distribution d, long customer) throws Exception {
        notes.add("load average at the start of phase 3: " + loadAverage());
        say("\n== 3. Dashboard throughput: wrk -t" + wrkThreads + " -c" + wrkConnections + " -d" + wrkSeconds + "s, "
                + wrkRounds + " rounds, each after a " + warmupSeconds + " s warm-up; order alternates");
        String dashboardUrl = base(d) + "/api/v1/customers/" + customer + "/dashboard";
        List<String> productFeatures = productFeatures(d);
        List<Path> productJars = productJars();
        if (!productFeatures.isEmpty()) {
            say("  installing " + productFeatures);
            d.shell("feature:install " + String.join(" ", productFeatures));
            for (String product : deployedProducts(d)) {
                subscribe(d, customer, product);
            }
        } else if (!productJars.isEmpty()) {
            // Product modules built but not (yet) shipped as features: drop their jars into deploy/ one by
            // one until the overview has at least bench.widgets widgets.
            notes.add("Product modules came from bundles/products/*/target/*.jar dropped into deploy/ (the distribution "
                    + "had no sightline-product-* feature).");
            for (Path jar : productJars) {
                say("  deploying " + jar.getFileName());
                Files.copy(jar, d.home.resolve("deploy").resolve(jar.getFileName()));
                Thread.sleep(1000);
                for (String product : deployedProducts(d)) {
                    subscribe(d, customer, product);
                }
                int n = waitForStableDashboard(dashboardUrl).path("widgets").size();
                if (n >= targetWidgets) {
                    break;
                }
            }
        } else {
            say("  no product modules (features or built jars): using the test product bundle");
            notes.add("No product modules were available: the dashboard had the test product's widgets only (see the "
                    + "widget count), not " + targetWidgets + ".");
            Files.copy(widgetsJar, d.home.resolve("deploy").resolve(widgetsJar.getFileName()));
        }
        JsonNode dashboard = waitForStableDashboard(dashboardUrl);
        Wrk.run(dashboardUrl, authorization, wrkThreads, wrkConnections, warmupSeconds);
        HttpResponse<byte[]> sample = http.send(HttpRequest.newBuilder(URI.create(dashboardUrl))
                .header("Authorization", authorization).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        require(sample.statusCode() == 200, "dashboard answered " + sample.statusCode());
        byte[] body = sample.body();
        String contentType = sample.headers().firstValue("Content-Type").orElse("application/json");
        dashboard = JSON.readTree(body);
        int widgets = dashboard.path("widgets").size();
        List<String> errors = new ArrayList<>();
        dashboard.path("widgets").forEach(w -> {
            if (w.has("error")) {
                errors.add(w.path("id").asText());
            }
        });
        if (errors.stream().anyMatch(e -> !e.equals("itest-demo.faulty") && !e.equals("itest-demo.hanging"))) {
            notes.add("Unexpected error cards in the measured dashboard: " + errors);
        }
        say("  dashboard: " + widgets + " widgets, " + errors.size() + " of them error cards " + errors + ", " + body.length
                + " bytes, " + contentType);

        Server jetty = rawJetty(body, contentType);
        try {
            String rawUrl = "http://127.0.0.1:" + ((org.eclipse.jetty.server.ServerConnector) jetty.getConnectors()[0])
                    .getLocalPort() + "/api/v1/customers/" + customer + "/dashboard";
            Wrk.run(rawUrl, authorization, wrkThreads, wrkConnections, warmupSeconds);
            List<Wrk.Result> raw = new ArrayList<>();
            List<Wrk.Result> sl = new ArrayList<>();
            for (int round = 1; round <= wrkRounds; round++) {
                boolean rawFirst = round % 2 == 1;
                for (int i = 0; i < 2; i++) {
                    boolean isRaw = (i == 0) == rawFirst;
                    String url = isRaw ? rawUrl : dashboardUrl;
                    Wrk.run(url, authorization, wrkThreads, wrkConnections, Math.max(2, warmupSeconds / 2));
                    Wrk.Result r = Wrk.run(url, authorization, wrkThreads, wrkConnections, wrkSeconds);
                    (isRaw ? raw : sl).add(r);
                    say(String.format(Locale.ROOT, "  round %d %-9s %8.0f req/s, p50 %6.2f ms, non-2xx %d, socket errors %d",
                            round, isRaw ? "raw Jetty" : "Sightline", r.requestsPerSecond(), r.p50Ms(), r.non2xx(),
                            r.socketErrors()));
                }
            }
            double s = median(sl.stream().map(Wrk.Result::requestsPerSecond).toList());
            double j = median(raw.stream().map(Wrk.Result::requestsPerSecond).toList());
            double sp = median(sl.stream().map(Wrk.Result::p50Ms).toList());
            double jp = median(raw.stream().map(Wrk.Result::p50Ms).toList());
            long non2xx = sl.stream().mapToLong(Wrk.Result::non2xx).sum();
            long socketErrors = sl.stream().mapToLong(Wrk.Result::socketErrors).sum();
            row("Dashboard req/s (" + widgets + " widgets)", fmt(s, 0), fmt(j, 0) + " raw Jetty", ratio(s, j), ">= 0.40x",
                    s / j >= 0.4, wrkRounds + " rounds; " + body.length + " B; " + errors.size() + " error cards; non-2xx "
                            + non2xx + ", socket errors " + socketErrors);
            row("Dashboard p50 latency (ms)", fmt(sp, 2), fmt(jp, 2) + " raw Jetty", ratio(sp, jp), "(info)", null,
                    wrkRounds + " rounds");
            if (!errors.isEmpty() && !Boolean.getBoolean("bench.skipQuietLog")) {
                // The composer logs every failed render with its stack trace: with a widget that throws on
                // every request that logging dominates. Measure the same dashboard once more without it.
                String logger = "org.sightline.core.internal.dashboard.DashboardComposer";
                d.shell("log:set ERROR " + logger);
                List<Wrk.Result> quiet = new ArrayList<>();
                try {
                    for (int round = 1; round <= wrkRounds; round++) {
                        Wrk.run(dashboardUrl, authorization, wrkThreads, wrkConnections, Math.max(2, warmupSeconds / 2));
                        Wrk.Result r = Wrk.run(dashboardUrl, authorization, wrkThreads, wrkConnections, wrkSeconds);
                        quiet.add(r);
                        say(String.format(Locale.ROOT, "  round %d Sightline, failure log off (log:set ERROR %s) %8.0f req/s, p50 %6.2f ms",
                                round, logger, r.requestsPerSecond(), r.p50Ms()));
                    }
                } finally {
                    d.shell("log:set DEFAULT " + logger);
                }
                double q = median(quiet.stream().map(Wrk.Result::requestsPerSecond).toList());
                double qp = median(quiet.stream().map(Wrk.Result::p50Ms).toList());
                row("  ... same, composer's failure log off", fmt(q, 0), fmt(j, 0) + " raw Jetty", ratio(q, j), "(info)", null,
                        wrkRounds + " rounds; p50 " + fmt(qp, 2) + " ms; the throwing test widget logs a stack trace per request");
            }
        } finally {
            jetty.stop();
        }
    }

    /** Raw Jetty 9.4 on a free loopback port: a plain Handler returning the given bytes. */
    private static Server rawJetty(byte[] body, String contentType) throws Exception {
        Server server = new Server(new InetSocketAddress("127.0.0.1", 0));
        server.setHandler(new AbstractHandler() {
            @Override
            public void handle(String target, Request base, HttpServletRequest request, HttpServletResponse response)
                    throws IOException {
                response.setStatus(200);
                response.setContentType(contentType);
                response.setContentLength(body.length);
                response.getOutputStream().write(body);
                base.setHandled(true);
            }
        });
        server.start();
        return server;
    }

    private JsonNode waitForStableDashboard(String url) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        int last = -1;
        long stableSince = System.nanoTime();
        JsonNode node = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = get(url);
            if (r.statusCode() == 200) {
                node = JSON.readTree(r.body());
                int n = node.path("widgets").size();
                if (n != last) {
                    last = n;
                    stableSince = System.nanoTime();
                } else if (n > 0 && System.nanoTime() - stableSince > Duration.ofSeconds(5).toNanos()) {
                    return node;
                }
            }
            Thread.sleep(250);
        }
        require(node != null, "the dashboard never answered 200");
        return node;
    }

    // ---------------------------------------------------------------- Sightline specifics

    /** The sample customer's numeric id: GET /customers/{id}/dashboard is 200 and names SAMPLE-0001. */
    private long findSampleCustomer(Distribution d) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        int unauthorized = 0;
        while (System.nanoTime() < deadline) {
            for (long id = 1; id <= 10; id++) {
                HttpResponse<String> r = get(base(d) + "/api/v1/customers/" + id + "/dashboard");
                if (r.statusCode() == 200 && r.body().contains(SAMPLE_ACCOUNT)) {
                    return id;
                }
                if (r.statusCode() == 401) {
                    // few attempts only: repeated failures lock the user
                    require(++unauthorized < 3, "user " + Distribution.USER + " is not accepted by the API (401): "
                            + r.body());
                    Thread.sleep(3000);
                    break;
                }
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("no sample customer " + SAMPLE_ACCOUNT + " among ids 1..10");
    }

    /**
     * Subscribes the customer: {@code sightline:subscribe <customer> <product>} if the shell has it, else the
     * core's {@code CustomerDirectory.subscribe} service method called from the Karaf (Gogo) shell.
     */
    private String subscribe(Distribution d, long customer, String product) throws Exception {
        try {
            String out = d.shell("sightline:subscribe " + customer + " " + product + " active");
            if (out.contains("subscribes to")) {
                return "sightline:subscribe";
            }
        } catch (IOException e) {
            // no such command (the shell exits non-zero)
        }
        String out = d.shell("ref = ($.context serviceReference org.sightline.core.CustomerDirectory)\n"
                + "dir = ($.context service $ref)\n"
                + "$dir subscribe " + customer + " " + product + " active\n"
                + "echo BENCH-SUBSCRIBED");
        require(out.contains("BENCH-SUBSCRIBED"), "subscribing via the CustomerDirectory service failed: " + out);
        return "the Gogo shell (CustomerDirectory.subscribe; there is no sightline:subscribe command)";
    }

    private List<String> productFeatures(Distribution d) throws IOException {
        Set<String> names = new LinkedHashSet<>();
        Pattern p = Pattern.compile("<feature\\s+name=\"(sightline-product-[^\"]+)\"");
        Path system = d.home.resolve("system/org/sightline");
        if (Files.isDirectory(system)) {
            try (Stream<Path> s = Files.walk(system)) {
                for (Path f : s.filter(x -> x.toString().endsWith(".xml")).toList()) {
                    String xml = Files.readString(f).replaceAll("(?s)<!--.*?-->", "");
                    Matcher m = p.matcher(xml);
                    while (m.find()) {
                        names.add(m.group(1));
                    }
                }
            }
        }
        return new ArrayList<>(names);
    }

    /** Built product bundles (bundles/products/NAME/target/org.sightline.product.NAME-VERSION.jar), copied to inputs. */
    private List<Path> productJars() throws IOException {
        Path products = repo.resolve("bundles/products");
        List<Path> jars = new ArrayList<>();
        if (!Files.isDirectory(products) || System.getProperty("bench.noProductJars") != null) {
            return jars;
        }
        try (Stream<Path> dirs = Files.list(products)) {
            for (Path dir : dirs.sorted().toList()) {
                Path target = dir.resolve("target");
                if (!Files.isDirectory(target)) {
                    continue;
                }
                try (Stream<Path> files = Files.list(target)) {
                    files.filter(f -> f.getFileName().toString().matches("org\\.sightline\\.product\\..+-[0-9][^-]*(-SNAPSHOT)?\\.jar"))
                            .findFirst()
                            .ifPresent(jars::add);
                }
            }
        }
        List<Path> copies = new ArrayList<>();
        for (Path jar : jars) {
            copies.add(Files.copy(jar, work.resolve("inputs").resolve(jar.getFileName()),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING));
        }
        return copies;
    }

    private List<String> deployedProducts(Distribution d) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        List<String> ids = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = get(base(d) + "/api/v1/products");
            ids.clear();
            if (r.statusCode() == 200) {
                JSON.readTree(r.body()).forEach(n -> ids.add(n.path("id").asText()));
            }
            if (!ids.isEmpty()) {
                break;
            }
            Thread.sleep(250);
        }
        return ids;
    }

    // ---------------------------------------------------------------- helpers

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", authorization)
                .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String base(Distribution d) {
        return "http://127.0.0.1:" + d.httpPort;
    }

    private void row(String name, String value, String reference, String ratio, String target, Boolean met, String note) {
        table.add(new String[] {name, value, reference, ratio, target, met == null ? "" : met ? "yes" : "NO", note});
    }

    private void printTable() {
        String[] head = {"figure", "Sightline", "reference", "ratio", "target", "met", "notes"};
        List<String[]> rows = new ArrayList<>();
        rows.add(head);
        rows.addAll(table);
        int[] w = new int[head.length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                w[i] = Math.max(w[i], r[i].length());
            }
        }
        StringBuilder sb = new StringBuilder("\n== Results (medians)\n");
        for (int k = 0; k < rows.size(); k++) {
            String[] r = rows.get(k);
            for (int i = 0; i < r.length; i++) {
                sb.append(i == 0 ? "| " : " | ").append(String.format("%-" + w[i] + "s", r[i]));
            }
            sb.append(" |\n");
            if (k == 0) {
                for (int i = 0; i < w.length; i++) {
                    sb.append(i == 0 ? "|-" : "-|-").append("-".repeat(w[i]));
                }
                sb.append("-|\n");
            }
        }
        for (String n : notes) {
            sb.append("Note: ").append(n).append('\n');
        }
        say(sb.toString());
    }

    private static List<Double> received(List<ChangeObserver.Seen> s) {
        return s.stream().map(ChangeObserver.Seen::receivedMs).map(x -> x / 1000.0).toList();
    }

    private static List<Double> sent(List<ChangeObserver.Seen> s) {
        return s.stream().map(ChangeObserver.Seen::sentMs).map(x -> x / 1000.0).toList();
    }

    private static String seen(ChangeObserver.Seen s) {
        return s == null || !s.seen() ? "never"
                : String.format(Locale.ROOT, "%.2f s (sent %.2f)", s.receivedMs() / 1000, s.sentMs() / 1000);
    }

    static double median(List<Double> values) {
        List<Double> v = new ArrayList<>(values.stream().filter(x -> !Double.isNaN(x)).toList());
        if (v.isEmpty()) {
            return Double.NaN;
        }
        Collections.sort(v);
        int n = v.size();
        return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
    }

    private static String range(List<Double> values) {
        List<Double> v = values.stream().filter(x -> !Double.isNaN(x)).sorted().toList();
        long missing = values.size() - v.size();
        String r = v.isEmpty() ? "none seen" : fmt(v.get(0), 2) + "-" + fmt(v.get(v.size() - 1), 2);
        return "range " + r + (missing > 0 ? ", " + missing + " not seen within 30 s" : "");
    }

    private static String fmt(double v, int decimals) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    private static String ratio(double a, double b) {
        return Double.isNaN(a) || Double.isNaN(b) || b == 0 ? "" : String.format(Locale.ROOT, "%.2fx", a / b);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    private static Path path(String property, Path fallback) {
        String v = System.getProperty(property);
        return v == null ? fallback : Path.of(v).toAbsolutePath();
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
