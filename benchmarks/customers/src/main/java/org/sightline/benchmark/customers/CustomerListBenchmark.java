package org.sightline.benchmark.customers;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import org.sightline.api.Viewer;
import org.sightline.core.CustomerPage;
import org.sightline.core.CustomerQuery;
import org.sightline.core.CustomerSummary;
import org.sightline.core.StaffUser;
import org.sightline.core.internal.auth.Passwords;
import org.sightline.core.internal.auth.StaffDirectoryImpl;
import org.sightline.api.data.SampleDataProvider;
import org.sightline.core.internal.cache.ChangeNotes;
import org.sightline.core.internal.sample.SamplePartnerLoader;
import org.sightline.core.internal.storage.SqlMigrator;
import org.sightline.core.internal.tenancy.CustomerDirectoryImpl;
import org.sightline.core.internal.tenancy.CustomerIndex;

/**
 * The customer list at 100 000 customers: loads the sample partner (deterministic, seed 42) into a fresh
 * H2 file database and, when {@code SIGHTLINE_TEST_PG_URL} (or {@code -Dbench.pg.url}) names one, into a
 * fresh PostgreSQL schema; then times the first page of searches, server side: the core's
 * {@code CustomerDirectory.list} (scope, search, pins first, keyset page, total, products, staff, groups)
 * plus the JSON the API writes. Prints wall-clock p50/p95/p99/max and the p99 of the thread's CPU time per
 * query (for embedded H2 that is all the work; for PostgreSQL the server's share is not in it). Not a
 * test: it prints numbers.
 * <p>
 * {@code mvn -q -f benchmarks/customers/pom.xml compile exec:java [-Dbench.customers=100000] [-Dbench.iterations=2000]}
 */
public final class CustomerListBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Thread CPU time: this thread's own work (all of it for embedded H2), whatever else runs on the machine. */
    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    private CustomerListBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int customers = Integer.getInteger("bench.customers", 100_000);
        int iterations = Integer.getInteger("bench.iterations", 2000);
        String pg = System.getProperty("bench.pg.url", System.getenv("SIGHTLINE_TEST_PG_URL"));
        System.out.printf("Customer list benchmark: %d customers, %d timed requests per query, %d cores%n", customers,
                iterations, Runtime.getRuntime().availableProcessors());
        Path dir = Files.createTempDirectory("sightline-bench-customers");
        run("H2 2.2 (file)", "jdbc:h2:file:" + dir.resolve("bench") + ";AUTO_SERVER=FALSE;WRITE_DELAY=0", null, customers, iterations);
        if (pg != null && !pg.isBlank()) {
            String schema = "bench_customers_" + ProcessHandle.current().pid();
            try (Connection c = java.sql.DriverManager.getConnection(pg); Statement st = c.createStatement()) {
                st.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                st.execute("CREATE SCHEMA " + schema);
            }
            try {
                run("PostgreSQL", pg + (pg.contains("?") ? "&" : "?") + "currentSchema=" + schema, null, customers, iterations);
            } finally {
                try (Connection c = java.sql.DriverManager.getConnection(pg); Statement st = c.createStatement()) {
                    st.execute("DROP SCHEMA " + schema + " CASCADE");
                }
            }
        } else {
            System.out.println("(PostgreSQL skipped: set SIGHTLINE_TEST_PG_URL or -Dbench.pg.url)");
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** The product ids the sample customers subscribe to: the eleven planned product modules. */
    private static final List<String> PRODUCTS = List.of("m365-backup", "google-workspace-backup", "iaas-paas-backup",
            "dynamics-backup", "salesforce-backup", "sms", "voice", "video", "messaging-apps", "policy", "risk");

    /** A product's sample subscriptions: about one customer in five subscribes, so each has two or three products. */
    private record SampleProduct(String productId) implements SampleDataProvider {
        private static final List<String> STATUSES = List.of("active", "active", "active", "active", "trial", "expired",
                "not-started", "partially-started", "suspended");

        @Override
        public void writeSample(Request request, javax.sql.DataSource transaction) {
        }

        @Override
        public java.util.Optional<SampleSubscription> sampleSubscription(SampleCustomer customer) {
            return customer.random().nextInt(100) < 22
                    ? java.util.Optional.of(SampleSubscription.drawn(customer, STATUSES, 10))
                    : java.util.Optional.empty();
        }
    }

    private static void run(String name, String url, String unused, int customers, int iterations) throws Exception {
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(url);
        hc.setMaximumPoolSize(4);
        try (HikariDataSource ds = new HikariDataSource(hc)) {
            migrate(ds);
            ChangeNotes changes = new ChangeNotes();
            CustomerIndex index = CustomerIndex.on(ds, changes, StaffDirectoryImpl.on(ds, new Passwords(4), changes));
            CustomerDirectoryImpl directory = CustomerDirectoryImpl.on(ds, index, changes);
            StaffDirectoryImpl staff = StaffDirectoryImpl.on(ds, new Passwords(4), changes);
            SamplePartnerLoader sample = SamplePartnerLoader.on(ds, directory, staff, changes);
            long t0 = System.nanoTime();
            var r = sample.load(customers, 42, null);
            for (String product : PRODUCTS) {
                sample.subscribe(new SampleProduct(product), 42);
            }
            long loadMs = (System.nanoTime() - t0) / 1_000_000;
            try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
                st.execute(url.startsWith("jdbc:postgresql") ? "ANALYZE" : "ANALYZE");
            }
            System.out.printf("%n== %s: loaded %d customers in %.1f s%n", name, r.created(), loadMs / 1000.0);
            StaffUser admin = staff.find("alice.admin").orElseThrow();
            StaffUser engineer = staff.find("eddie.engineer").orElseThrow();
            Map<String, Object[]> queries = new LinkedHashMap<>();
            queries.put("admin, q=harbor (about 5% match), by name", new Object[] {admin, new CustomerQuery("harbor", null, null, null, false, "name", null, 50)});
            queries.put("admin, q=sl-0421 (account id, 10 match)", new Object[] {admin, new CustomerQuery("sl-0421", null, null, null, false, "name", null, 50)});
            queries.put("admin, q=harbor bank (rare)", new Object[] {admin, new CustomerQuery("harbor bank", null, null, null, false, "name", null, 50)});
            queries.put("admin, no search, by -credits", new Object[] {admin, new CustomerQuery(null, null, null, null, false, "-credits", null, 50)});
            queries.put("admin, q=lake, product=sms, by name", new Object[] {admin, new CustomerQuery("lake", "sms", null, null, false, "name", null, 50)});
            queries.put("engineer (a pod, ~20%), q=stone", new Object[] {engineer, new CustomerQuery("stone", null, null, null, false, "name", null, 50)});
            // warm up every query (JIT, caches, the customer index) before timing any
            for (int round = 0; round < Math.max(300, iterations / 2); round++) {
                for (Object[] q : queries.values()) {
                    render(directory.list(((StaffUser) q[0]).viewer(), (CustomerQuery) q[1]));
                }
            }
            System.gc();
            System.out.printf("%-44s %8s %8s %8s %8s %9s %8s %7s%n", "first page of", "p50 ms", "p95 ms", "p99 ms", "max ms",
                    "cpu p99", "total", "bytes");
            for (Map.Entry<String, Object[]> q : queries.entrySet()) {
                Viewer v = ((StaffUser) q.getValue()[0]).viewer();
                CustomerQuery query = (CustomerQuery) q.getValue()[1];
                long[] ns = new long[iterations];
                long[] cpu = new long[iterations];
                long total = 0;
                int bytes = 0;
                for (int i = 0; i < iterations; i++) {
                    long c0 = THREADS.getCurrentThreadCpuTime();
                    long s = System.nanoTime();
                    CustomerPage page = directory.list(v, query);
                    bytes = render(page);
                    ns[i] = System.nanoTime() - s;
                    cpu[i] = THREADS.getCurrentThreadCpuTime() - c0;
                    total = page.total();
                }
                Arrays.sort(ns);
                Arrays.sort(cpu);
                System.out.printf("%-44s %8.2f %8.2f %8.2f %8.2f %9.2f %8d %7d%n", q.getKey(), ms(ns, 0.50), ms(ns, 0.95),
                        ms(ns, 0.99), ns[ns.length - 1] / 1e6, ms(cpu, 0.99), total, bytes);
            }
        }
    }

    private static double ms(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)] / 1e6;
    }

    /** The JSON the API writes for a page (same shape as GET /api/v1/customers). */
    private static int render(CustomerPage page) throws Exception {
        List<Map<String, Object>> items = new ArrayList<>();
        for (CustomerSummary c : page.items()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", c.id());
            m.put("accountId", c.accountId());
            m.put("name", c.name());
            m.put("logoUrl", null);
            m.put("currency", c.currency());
            m.put("credits", c.credits());
            m.put("products", c.products());
            m.put("staff", c.staff().stream().map(s -> Map.of("username", s.username(), "displayName", s.displayName())).toList());
            m.put("groups", c.groups().stream().map(g -> Map.of("id", g.id(), "name", g.name())).toList());
            m.put("pinned", c.pinned());
            m.put("accessEnabled", c.accessEnabled());
            items.add(m);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", items);
        body.put("nextCursor", page.nextCursor());
        body.put("total", page.total());
        ByteArrayOutputStream out = new ByteArrayOutputStream(16384);
        JSON.writeValue(out, body);
        return out.size();
    }

    /** Applies the core's migrations from its jar, as the server does. */
    private static void migrate(DataSource ds) throws Exception {
        URL where = SqlMigrator.class.getProtectionDomain().getCodeSource().getLocation();
        List<SqlMigrator.Script> scripts = new ArrayList<>();
        Path p = Path.of(where.toURI());
        if (Files.isDirectory(p)) {
            try (var files = Files.list(p.resolve("db/migration/core"))) {
                for (Path f : files.toList()) {
                    scripts.add(SqlMigrator.script(f.getFileName().toString(), Files.readString(f)));
                }
            }
        } else {
            try (JarFile jar = new JarFile(p.toFile())) {
                for (JarEntry e : java.util.Collections.list(jar.entries())) {
                    if (e.getName().startsWith("db/migration/core/") && e.getName().endsWith(".sql")) {
                        try (InputStream in = jar.getInputStream(e)) {
                            scripts.add(SqlMigrator.script(e.getName().substring(e.getName().lastIndexOf('/') + 1),
                                    new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                        }
                    }
                }
            }
        }
        new SqlMigrator(ds).migrate("core", scripts);
    }
}
