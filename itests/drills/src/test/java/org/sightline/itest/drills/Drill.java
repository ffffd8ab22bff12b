package org.sightline.itest.drills;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** What the drills share: the distribution, the products deployed into it, and reading what a user sees. */
final class Drill {
    static final ObjectMapper JSON = new ObjectMapper();
    /** The sample customer every drill uses. */
    static final String ACCOUNT = "SAMPLE-0001";

    private Drill() {
    }

    static Path dist() {
        return Path.of(System.getProperty("sightline.dist"));
    }

    static Path work(String name) {
        return Path.of(System.getProperty("work", "target/server")).resolveSibling("server-" + name);
    }

    static Path jar(String property) {
        String p = System.getProperty(property);
        if (p == null) {
            throw new IllegalStateException("system property " + property + " is not set (run through Maven)");
        }
        return Path.of(p);
    }

    /**
     * A server with the usage family (and the family support bundle it needs), SMS (and more products) in deploy/,
     * started, with the admin signed up.
     */
    static Server serverWithProducts(String name, Pg.Database db, String... products) throws Exception {
        Server s = new Server(dist(), work(name));
        if (db != null) {
            s.usePostgres(db);
        }
        s.deploy(jar("family.support.jar"));
        s.deploy(jar("family.usage.jar"));
        for (String p : products) {
            s.deploy(jar(p + ".jar"));
        }
        s.start();
        s.addAdmin();
        for (String p : products) {
            s.awaitProduct(p);
        }
        return s;
    }

    static JsonNode json(HttpResponse<String> r) throws IOException {
        return JSON.readTree(r.body());
    }

    /** The id of the customer with this account id, as the admin sees it. */
    static long customerId(Server s, String accountId) throws Exception {
        HttpResponse<String> r = s.getAsAdmin("/api/v1/customers?q=" + URLEncoder.encode(accountId, StandardCharsets.UTF_8));
        if (r.statusCode() != 200) {
            throw new IllegalStateException("customer list: " + r.statusCode() + " " + r.body());
        }
        for (JsonNode c : json(r).get("items")) {
            if (accountId.equals(c.get("accountId").asText())) {
                return c.get("id").asLong();
            }
        }
        throw new IllegalStateException("no customer " + accountId + " in " + r.body());
    }

    /** Loud line in the test output (and so in failsafe's report) for what a drill could not do here. */
    static void loud(String line) {
        System.err.println("[drill] *** " + line + " ***");
        System.out.println("[drill] *** " + line + " ***");
    }

    static void say(String line) {
        System.out.println("[drill] " + line);
    }
}
