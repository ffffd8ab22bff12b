package org.sightline.bench.reports;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * 1 000 scheduled reports in one run, against a running server (see README.md): through the API, as the sample
 * partner's admin, {@code BENCH_TEMPLATES} templates (one per dashboard section of the Sample Customer, the last
 * with every section) and one weekly schedule per template for the first {@code BENCH_CUSTOMERS} customers, with the
 * admin as staff recipient; then
 * <ol>
 * <li>the dashboard ({@code GET /api/v1/customers/{id}/dashboard}, the same customers in turn) from
 * {@code BENCH_CLIENTS} concurrent clients for {@code BENCH_BASELINE_S} seconds: latencies before the run;</li>
 * <li>the run, triggered with {@code sightline:reports-run --first-periods} over the Karaf client (SSH) while the same
 * clients keep asking for dashboards: the run's wall time, what it printed, and the dashboard latencies during
 * it.</li>
 * </ol>
 */
public final class ScheduledRun {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        String base = env("BENCH_URL", "http://127.0.0.1:8181");
        String user = env("BENCH_USER", "admin");
        String password = System.getenv("BENCH_PASSWORD") != null ? System.getenv("BENCH_PASSWORD")
                : Files.readString(Path.of(env("BENCH_PASSWORD_FILE", "target/run/etc/sightline-admin.secret"))).trim();
        String karaf = env("BENCH_KARAF_HOME", "target/run");
        String sshPort = env("BENCH_SSH_PORT", "8101");
        int customersWanted = Integer.parseInt(env("BENCH_CUSTOMERS", "200"));
        int templatesWanted = Integer.parseInt(env("BENCH_TEMPLATES", "5"));
        int clients = Integer.parseInt(env("BENCH_CLIENTS", "4"));
        int baselineSeconds = Integer.parseInt(env("BENCH_BASELINE_S", "30"));
        String auth = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Api api = new Api(http, base, auth);

        // the customers, the sample customer's sections, the admin as staff recipient
        List<Long> customers = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = api.get("/api/v1/customers?sort=accountId&limit=500" + (cursor == null ? "" : "&cursor=" + cursor));
            for (JsonNode c : page.get("items")) {
                if (customers.size() < customersWanted) {
                    customers.add(c.get("id").asLong());
                }
            }
            cursor = page.path("nextCursor").isTextual() ? page.get("nextCursor").asText() : null;
        } while (cursor != null && customers.size() < customersWanted);
        long sample = api.get("/api/v1/customers?q=SAMPLE-0001").get("items").get(0).get("id").asLong();
        Set<String> sections = new LinkedHashSet<>();
        JsonNode overview = api.get("/api/v1/customers/" + sample + "/dashboard");
        for (JsonNode w : overview.get("widgets")) {
            String s = w.path("descriptor").path("section").asText(w.path("section").asText(""));
            if (!s.isBlank()) {
                sections.add(s);
            }
        }
        for (JsonNode p : overview.path("navigation")) {
            for (JsonNode w : api.get("/api/v1/customers/" + sample + "/dashboard?product=" + p.get("id").asText()).get("widgets")) {
                String s = w.path("descriptor").path("section").asText(w.path("section").asText(""));
                if (!s.isBlank()) {
                    sections.add(s);
                }
            }
        }
        JsonNode recipients = api.get("/api/v1/customers/" + sample + "/report-recipients");
        long staffId = -1;
        boolean named = false;
        for (JsonNode s : recipients.path("staff")) {
            boolean match = s.path("displayName").asText().toLowerCase(Locale.ROOT).startsWith(user.toLowerCase(Locale.ROOT));
            if (staffId < 0 || (match && !named)) {
                staffId = s.get("id").asLong();
                named = match;
            }
        }
        // customer recipients for some customers, so that the run writes mail to the outbox too
        int mailCustomers = Math.min(customers.size(), Integer.parseInt(env("BENCH_MAIL_CUSTOMERS", "10")));
        String address = "reports@bench.invalid";
        for (int i = 0; i < mailCustomers; i++) {
            ObjectNode edit = JSON.createObjectNode();
            edit.put("reportSend", true);
            edit.putArray("reportRecipients").add(address);
            api.patch("/api/v1/customers/" + customers.get(i), edit);
        }
        System.out.printf(Locale.ROOT, "%d customers, sections of the Sample Customer %s, staff recipient %d; %d cores%n",
                customers.size(), sections, staffId, Runtime.getRuntime().availableProcessors());

        // templates and schedules
        String tag = Long.toString(System.currentTimeMillis() % 1_000_000, 36);
        List<String> sectionList = new ArrayList<>(sections);
        int reports = 0;
        for (int t = 0; t < templatesWanted; t++) {
            List<String> chosen = t == templatesWanted - 1 || sectionList.isEmpty() ? sectionList
                    : List.of(sectionList.get(t % sectionList.size()));
            ObjectNode template = JSON.createObjectNode();
            template.put("name", "Bench " + tag + " " + (t + 1) + " " + String.join("+", chosen));
            ArrayNode secs = template.putArray("sections");
            chosen.forEach(secs::add);
            template.putArray("widgets");
            template.put("range", "last-month");
            template.putArray("customerIds");
            template.put("branding", "partner-and-customer");
            long templateId = api.post("/api/v1/report-templates", template).get("id").asLong();
            ObjectNode schedule = JSON.createObjectNode();
            schedule.put("templateId", templateId);
            schedule.put("cadence", "weekly");
            ArrayNode ids = schedule.putArray("customerIds");
            customers.forEach(ids::add);
            schedule.putArray("staffIds").add(staffId);
            ArrayNode addresses = schedule.putArray("addresses");
            if (t == 0 && mailCustomers > 0) {
                addresses.add(address);
            }
            api.post("/api/v1/report-schedules", schedule);
            reports += customers.size();
        }
        System.out.printf(Locale.ROOT, "%d templates, %d weekly schedules, %d scheduled reports (tag %s)%n", templatesWanted,
                templatesWanted, reports, tag);

        // dashboards before the run, after a warm-up over the same customers (discarded)
        Load warm = Load.run(http, base, auth, customers, clients);
        Thread.sleep(Integer.parseInt(env("BENCH_WARMUP_S", "20")) * 1000L);
        warm.stop();
        System.out.printf(Locale.ROOT, "warm-up         %s%n", warm.summary());
        Load before = Load.run(http, base, auth, customers, clients);
        Thread.sleep(baselineSeconds * 1000L);
        double loadBefore = load();
        before.stop();
        System.out.printf(Locale.ROOT, "before the run  %s; load average %.2f%n", before.summary(), loadBefore);

        // the run, with the same clients asking for dashboards meanwhile
        Load during = Load.run(http, base, auth, customers, clients);
        Thread.sleep(2000);
        long t0 = System.nanoTime();
        String printed = shell(karaf, sshPort, user, password, "sightline:reports-run --quiet --first-periods");
        long took = System.nanoTime() - t0;
        double loadDuring = load();
        during.stop();
        System.out.printf(Locale.ROOT, "the run         %.1f s by the client (%s); load average at its end %.2f%n", took / 1e9,
                printed.strip().replace('\n', ' '), loadDuring);
        System.out.printf(Locale.ROOT, "during the run  %s%n", during.summary());
        int pending = 0;
        int sent = 0;
        int other = 0;
        for (JsonNode m : api.get("/api/v1/admin/mail?limit=1000").path("items")) {
            switch (m.path("status").asText()) {
                case "pending", "sending" -> pending++;
                case "sent" -> sent++;
                default -> other++;
            }
        }
        System.out.printf(Locale.ROOT, "mail outbox     %d pending, %d sent, %d failed (newest 1000)%n", pending, sent, other);
        JsonNode received = api.get("/api/v1/reports?limit=5");
        System.out.printf(Locale.ROOT, "received reports of the staff recipient now include: %s%n",
                received.path("items").size() == 0 ? "none" : received.get("items").get(0).get("title").asText());
    }

    private static String shell(String karaf, String port, String user, String password, String command) throws Exception {
        Process p = new ProcessBuilder(Path.of(karaf, "bin", "client").toString(), "-a", port, "-h", "127.0.0.1", "-u", user,
                "-p", password, "-r", "3", "-d", "1", "-b").redirectErrorStream(true).start();
        try (OutputStream in = p.getOutputStream()) {
            in.write((command + "\n").getBytes(StandardCharsets.UTF_8));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream o = p.getInputStream()) {
            o.transferTo(out);
        }
        int code = p.waitFor();
        String text = out.toString(StandardCharsets.UTF_8);
        if (code != 0 || !text.contains("report(s) sent")) {
            throw new IllegalStateException("the shell command failed (" + code + "): " + text);
        }
        return text;
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    /** Clients asking for dashboards in a loop, each over the customers in turn from its own offset. */
    private static final class Load {
        private final AtomicBoolean stop = new AtomicBoolean();
        private final List<long[]> samples = new ArrayList<>();
        private final CountDownLatch done;
        private final long started = System.nanoTime();
        private volatile long ended;
        private int errors;

        private Load(int clients) {
            done = new CountDownLatch(clients);
        }

        static Load run(HttpClient http, String base, String auth, List<Long> customers, int clients) {
            Load l = new Load(clients);
            for (int c = 0; c < clients; c++) {
                int offset = c * customers.size() / clients;
                Thread t = new Thread(() -> {
                    long[] mine = new long[200_000];
                    int n = 0;
                    int failed = 0;
                    int i = offset;
                    try {
                        while (!l.stop.get() && n < mine.length) {
                            long id = customers.get(i++ % customers.size());
                            HttpRequest r = HttpRequest.newBuilder(URI.create(base + "/api/v1/customers/" + id + "/dashboard"))
                                    .header("Authorization", auth).timeout(Duration.ofSeconds(60)).GET().build();
                            long t0 = System.nanoTime();
                            HttpResponse<byte[]> res = http.send(r, HttpResponse.BodyHandlers.ofByteArray());
                            long took = System.nanoTime() - t0;
                            if (res.statusCode() == 200) {
                                mine[n++] = took;
                            } else {
                                failed++;
                            }
                        }
                    } catch (Exception e) {
                        failed++;
                    } finally {
                        synchronized (l) {
                            l.samples.add(Arrays.copyOf(mine, n));
                            l.errors += failed;
                        }
                        l.done.countDown();
                    }
                }, "dashboard-client-" + c);
                t.setDaemon(true);
                t.start();
            }
            return l;
        }

        void stop() throws InterruptedException {
            ended = System.nanoTime();
            stop.set(true);
            done.await();
        }

        String summary() {
            long[] all = samples.stream().flatMapToLong(Arrays::stream).sorted().toArray();
            double seconds = (ended - started) / 1e9;
            return String.format(Locale.ROOT, "GET dashboard from %d clients: %d requests in %.1f s (%.0f/s), %d not 200; "
                    + "median %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms", done.getCount() == 0 ? samples.size() : -1, all.length,
                    seconds, all.length / seconds, errors, pct(all, 50), pct(all, 95), pct(all, 99), pct(all, 100));
        }
    }

    private static double pct(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))] / 1e6;
    }

    /** JSON over the API as the admin. */
    private record Api(HttpClient http, String base, String auth) {
        JsonNode get(String path) throws Exception {
            return send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", auth).GET());
        }

        JsonNode patch(String path, JsonNode body) throws Exception {
            return send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", auth)
                    .header("Content-Type", "application/json")
                    .method("PATCH", HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
        }

        JsonNode post(String path, JsonNode body) throws Exception {
            return send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", auth)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
        }

        private JsonNode send(HttpRequest.Builder b) throws Exception {
            HttpResponse<String> r = http.send(b.timeout(Duration.ofSeconds(120)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) {
                throw new IllegalStateException(r.request().method() + " " + r.request().uri() + " answered " + r.statusCode()
                        + ": " + r.body());
            }
            return JSON.readTree(r.body());
        }
    }
}
