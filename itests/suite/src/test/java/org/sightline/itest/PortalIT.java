package org.sightline.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Hashtable;
import java.util.List;
import java.util.Set;

import javax.inject.Inject;
import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;

import org.apache.karaf.features.FeaturesService;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.util.tracker.ServiceTracker;
import org.sightline.api.CustomerRef;
import org.sightline.api.Permissions;
import org.sightline.api.Viewer;
import org.sightline.api.data.CustomerDataOwner;
import org.sightline.api.usage.UsageLog;
import org.sightline.core.Roles;

/**
 * The portal over HTTP: scoping (every customer endpoint answers 404 for another partner's customer and,
 * for staff, for an unassigned one), viewers get 403 on every action, browser sessions (cookie flags,
 * CSRF), sign-in throttling, disconnect all-or-nothing, and the audit log.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PortalIT extends SightlineTestSupport {
    private static final String PW = "portal-secret-9";
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13};
    private static CustomerRef assigned;
    private static CustomerRef unassigned;
    private static CustomerRef foreign;

    @Inject
    private BundleContext context;

    @Inject
    private FeaturesService features;

    @Before
    public void setUp() throws Exception {
        if (assigned != null) {
            return;
        }
        ensureUser();
        long partner = samplePartner();
        assigned = customer("PORTAL-A", "sms");
        unassigned = customer("PORTAL-U", "sms");
        long other = provisioning.createPartner(OPERATOR, "Portal Other Partner", false);
        foreign = provisioning.createCustomer(OPERATOR, other, "PORTAL-F", "Foreign", "USD", true);
        subscribe(foreign.id(), "sms", "active");
        createUser(other, "other-admin", "admin", PW);
        createUser(partner, "eng", "engineer", PW);
        createUser(partner, "view", "viewer", PW);
        assignToCustomer("eng", assigned.id());
        assignToCustomer("view", assigned.id());
        createUser(partner, "throttled", "viewer", PW);
    }

    private HttpResponse<String> call(String user, String method, String path, String contentType, byte[] body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri("/api/v1" + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (user + ":" + (user.equals(USER) ? PASSWORD : PW)).getBytes(StandardCharsets.UTF_8)));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        return send(b.build());
    }

    private HttpResponse<String> json(String user, String method, String path, String body) throws Exception {
        return call(user, method, path, body == null ? null : "application/json",
                body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    private record Endpoint(String method, String path, String contentType, byte[] body, boolean action) {
    }

    /** Every endpoint that takes a customer id. */
    private static List<Endpoint> endpoints(long id) {
        String c = "/customers/" + id;
        byte[] none = null;
        List<Endpoint> e = new ArrayList<>();
        e.add(new Endpoint("GET", c, null, none, false));
        e.add(new Endpoint("GET", c + "/dashboard", null, none, false));
        e.add(new Endpoint("GET", c + "/widgets/core.subscriptions", null, none, false));
        e.add(new Endpoint("GET", c + "/widgets/core.subscriptions/export?format=csv", null, none, false));
        e.add(new Endpoint("GET", c + "/subscriptions", null, none, false));
        e.add(new Endpoint("GET", c + "/logo", null, none, false));
        e.add(new Endpoint("PATCH", c, "application/json", "{\"name\":\"Renamed\"}".getBytes(), true));
        e.add(new Endpoint("PUT", c + "/logo", "image/png", PNG, true));
        e.add(new Endpoint("PUT", c + "/pin", null, none, true));
        e.add(new Endpoint("DELETE", c + "/pin", null, none, true));
        e.add(new Endpoint("PUT", c + "/hide-expired", "application/json", "{\"hide\":true}".getBytes(), true));
        e.add(new Endpoint("POST", c + "/subscriptions", "application/json", "{\"productId\":\"video\"}".getBytes(), true));
        e.add(new Endpoint("PATCH", c + "/subscriptions/sms", "application/json", "{\"status\":\"suspended\"}".getBytes(), true));
        e.add(new Endpoint("POST", c + "/disconnect", "application/json", "{\"confirm\":\"Yes\"}".getBytes(), true));
        e.add(new Endpoint("GET", c + "/environment", null, none, true));
        e.add(new Endpoint("POST", c + "/widgets/core.subscriptions/actions/any", "application/json", "{}".getBytes(), true));
        return e;
    }

    @Test
    public void sampleCustomersSubscribeOnlyToDeployedProducts() throws Exception {
        // No product module is deployed in this container: the sample customers have no subscriptions at all.
        HttpResponse<String> list = await("/api/v1/customers?limit=500", 60, r -> {
            try {
                return r.statusCode() == 200 && sampleCustomers(r) == 200;
            } catch (java.io.IOException e) {
                return false;
            }
        });
        assertEquals(list.body(), java.util.Set.of(), sampleCustomersProducts(list));
    }

    @Test
    public void everyCustomerEndpointIsNotFoundForForeignAndUnassignedCustomers() throws Exception {
        int checked = 0;
        for (String user : List.of(USER, "eng", "view")) {
            List<CustomerRef> hidden = user.equals(USER) ? List.of(foreign) : List.of(foreign, unassigned);
            for (CustomerRef c : hidden) {
                for (Endpoint e : endpoints(c.id())) {
                    HttpResponse<String> r = call(user, e.method(), e.path(), e.contentType(), e.body());
                    assertEquals(user + " " + e.method() + " " + e.path() + ": " + r.body(), 404, r.statusCode());
                    assertProblem(r, 404);
                    checked++;
                }
            }
        }
        assertEquals(16 * 5, checked);
        // the foreign partner's admin does not see ours either
        assertProblem(json("other-admin", "GET", "/customers/" + assigned.id(), null), 404);
        // and the list holds only what each may see
        JsonNode eng = json(json("eng", "GET", "/customers?limit=500", null));
        List<Long> ids = new ArrayList<>();
        eng.get("items").forEach(i -> ids.add(i.get("id").asLong()));
        assertEquals(List.of(assigned.id()), ids);
        assertEquals(1, eng.get("total").asInt());
        JsonNode mine = json(json(USER, "GET", "/customers?q=portal-&limit=500", null));
        assertEquals(2, mine.get("total").asInt());
    }

    @Test
    public void viewersGetForbiddenOnEveryAction() throws Exception {
        for (Endpoint e : endpoints(assigned.id())) {
            HttpResponse<String> r = call("view", e.method(), e.path(), e.contentType(), e.body());
            if (e.action()) {
                assertEquals("view " + e.method() + " " + e.path() + ": " + r.body(), 403, r.statusCode());
                assertProblem(r, 403);
            } else {
                assertTrue(e.path() + " " + r.statusCode(), r.statusCode() == 200 || r.statusCode() == 404 && e.path().endsWith("/logo"));
            }
        }
        assertEquals(200, json("view", "GET", "/customers/" + assigned.id(), null).statusCode());
        HttpResponse<String> audit = json(USER, "GET", "/audit?user=view&limit=100", null);
        long denied = 0;
        for (JsonNode n : json(audit).get("items")) {
            if (n.get("outcome").asText().equals("denied")) {
                denied++;
            }
        }
        assertTrue("denied entries: " + denied, denied >= 9);
        assertProblem(json("view", "GET", "/audit", null), 403);
    }

    @Test
    public void engineersActAndEveryActionIsAudited() throws Exception {
        String c = "/customers/" + assigned.id();
        assertEquals(204, json("eng", "PUT", c + "/pin", null).statusCode());
        HttpResponse<String> edit = json("eng", "PATCH", c, "{\"environmentUrl\":\"https://portal-a.example.com\","
                + "\"billingSend\":true,\"billingRecipients\":[\"billing@portal-a.example.com\"],\"billingProfile\":\"Monthly\"}");
        assertEquals(edit.body(), 200, edit.statusCode());
        assertEquals("Monthly", json(edit).at("/billing/profile").asText());
        HttpResponse<String> bad = json("eng", "PATCH", c, "{\"environmentUrl\":\"ftp://x\"}");
        assertProblem(bad, 400);
        assertEquals("environmentUrl", json(bad).get("parameter").asText());
        assertEquals(201, json("eng", "POST", c + "/subscriptions", "{\"services\":[{\"productId\":\"m365-backup\",\"quota\":50}]}").statusCode());
        assertEquals(200, json("eng", "PATCH", c + "/subscriptions/m365-backup", "{\"status\":\"partially-started\"}").statusCode());
        assertEquals("https://portal-a.example.com", json(json("eng", "GET", c + "/environment", null)).get("url").asText());
        HttpResponse<String> logo = call("eng", "PUT", c + "/logo", "image/png", PNG);
        assertEquals(logo.body(), 200, logo.statusCode());
        HttpResponse<String> got = json("eng", "GET", c + "/logo", null);
        assertEquals("image/png", got.headers().firstValue("Content-Type").orElse(""));
        assertEquals("nosniff", got.headers().firstValue("X-Content-Type-Options").orElse(""));
        assertProblem(call("eng", "PUT", c + "/logo", "image/png", "<svg onload=alert(1)>".getBytes()), 400);
        JsonNode list = json(json("eng", "GET", "/customers?pinned=true", null));
        assertEquals(assigned.id(), list.at("/items/0/id").asLong());
        assertTrue(list.at("/items/0/pinned").asBoolean());
        assertTrue(list.at("/items/0/logoUrl").asText().startsWith("/api/v1/customers/" + assigned.id() + "/logo"));
        JsonNode sub = json(json("eng", "GET", c + "/subscriptions?status=partially-started", null));
        assertEquals("m365-backup", sub.at("/items/0/productId").asText());

        JsonNode audit = json(json(USER, "GET", "/audit?customer=" + assigned.id() + "&user=eng&limit=100", null));
        List<String> actions = new ArrayList<>();
        audit.get("items").forEach(n -> actions.add(n.get("action").asText() + ":" + n.get("outcome").asText()));
        for (String a : List.of("customer.pin:ok", "customer.edit:ok", "customer.edit:failed", "subscription.add:ok",
                "subscription.edit:ok", "customer.environment:ok", "customer.logo:ok")) {
            assertTrue(a + " in " + actions, actions.contains(a));
        }
        HttpResponse<String> csv = json(USER, "GET", "/audit?format=csv&customer=" + assigned.id(), null);
        assertEquals(200, csv.statusCode());
        assertTrue(csv.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        assertTrue(csv.body().startsWith("at,user,action,customerId,customer,outcome,detail,address"));
        assertTrue(csv.body().contains("customer.pin"));
    }

    @Test
    public void browserSessionsUseSafeCookiesAndCsrfTokens() throws Exception {
        HttpResponse<String> wrong = send(HttpRequest.newBuilder(uri("/api/v1/session")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"eng\",\"password\":\"nope-nope-nope\"}")).build());
        assertProblem(wrong, 401);
        HttpResponse<String> in = send(HttpRequest.newBuilder(uri("/api/v1/session")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"eng\",\"password\":\"" + PW + "\"}")).build());
        assertEquals(in.body(), 200, in.statusCode());
        String setCookie = in.headers().firstValue("Set-Cookie").orElseThrow();
        assertTrue(setCookie, setCookie.startsWith("SIGHTLINE_SESSION="));
        assertTrue(setCookie, setCookie.contains("HttpOnly"));
        assertTrue(setCookie, setCookie.contains("SameSite=Strict"));
        assertTrue(setCookie, setCookie.contains("Path=/"));
        assertFalse(setCookie, setCookie.contains("Secure"));
        JsonNode body = json(in);
        assertEquals("eng", body.get("user").asText());
        assertEquals(samplePartner(), body.at("/partner/id").asLong());
        assertEquals("engineer", body.at("/roles/0").asText());
        String csrf = body.get("csrfToken").asText();
        assertTrue(csrf.length() >= 32);
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));

        HttpResponse<String> me = send(HttpRequest.newBuilder(uri("/api/v1/session")).header("Cookie", cookie).GET().build());
        assertEquals(200, me.statusCode());
        assertEquals(csrf, json(me).get("csrfToken").asText());
        String pin = "/api/v1/customers/" + assigned.id() + "/pin";
        assertProblem(send(HttpRequest.newBuilder(uri(pin)).header("Cookie", cookie).PUT(HttpRequest.BodyPublishers.noBody()).build()), 403);
        assertProblem(send(HttpRequest.newBuilder(uri(pin)).header("Cookie", cookie).header("X-CSRF-Token", "forged")
                .PUT(HttpRequest.BodyPublishers.noBody()).build()), 403);
        assertEquals(204, send(HttpRequest.newBuilder(uri(pin)).header("Cookie", cookie).header("X-CSRF-Token", csrf)
                .PUT(HttpRequest.BodyPublishers.noBody()).build()).statusCode());
        assertEquals(200, send(HttpRequest.newBuilder(uri("/api/v1/customers")).header("Cookie", cookie).GET().build()).statusCode());
        HttpResponse<String> out = send(HttpRequest.newBuilder(uri("/api/v1/session")).header("Cookie", cookie)
                .header("X-CSRF-Token", csrf).DELETE().build());
        assertEquals(204, out.statusCode());
        assertTrue(out.headers().firstValue("Set-Cookie").orElse("").contains("Max-Age=0"));
        assertProblem(send(HttpRequest.newBuilder(uri("/api/v1/session")).header("Cookie", cookie).GET().build()), 401);
    }

    @Test
    public void failedSignInsAreThrottled() throws Exception {
        HttpResponse<String> last = null;
        for (int i = 0; i < 6; i++) {
            last = send(HttpRequest.newBuilder(uri("/api/v1/session")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"throttled\",\"password\":\"wrong-" + i + "-guess\"}")).build());
        }
        assertProblem(last, 429);
        assertNotNull(last.headers().firstValue("Retry-After").orElse(null));
        HttpResponse<String> right = send(HttpRequest.newBuilder(uri("/api/v1/session")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"throttled\",\"password\":\"" + PW + "\"}")).build());
        assertProblem(right, 429);
        JsonNode audit = json(json(USER, "GET", "/audit?user=throttled&action=session.signin", null));
        assertEquals("failed", audit.at("/items/0/outcome").asText());
    }

    @Test
    public void disconnectIsAllOrNothing() throws Exception {
        CustomerRef doomed = customer("PORTAL-D", "sms");
        String c = "/customers/" + doomed.id();
        assertProblem(json(USER, "POST", c + "/disconnect", "{\"confirm\":\"yes please\"}"), 400);
        ServiceRegistration<CustomerDataOwner> broken = context.registerService(CustomerDataOwner.class, new CustomerDataOwner() {
            public String module() { return "itest-broken"; }
            public void deleteCustomerData(CustomerRef customer, DataSource transaction) throws Exception {
                try (var conn = transaction.getConnection(); var st = conn.prepareStatement("DELETE FROM subscription WHERE customer_id = ?")) {
                    st.setLong(1, customer.id());
                    st.executeUpdate();
                }
                throw new IllegalStateException("refusing on purpose");
            }
        }, new Hashtable<>());
        try {
            HttpResponse<String> failed = json(USER, "POST", c + "/disconnect", "{\"confirm\":\"Yes\"}");
            assertProblem(failed, 502);
            assertTrue(failed.body(), failed.body().contains("nothing was deleted"));
        } finally {
            broken.unregister();
        }
        // the usage family (which products of the communications family bring) deletes usage of every product
        features.installFeature("sightline-family-usage", EnumSet.noneOf(FeaturesService.Option.class));
        ServiceTracker<UsageLog, UsageLog> usage = new ServiceTracker<>(context, UsageLog.class, null);
        usage.open();
        try {
            assertNotNull("the usage family's UsageLog within 30 s", usage.waitForService(30_000));
        } finally {
            usage.close();
        }
        JsonNode still = json(json(USER, "GET", c, null));
        assertEquals("sms", still.at("/subscriptions/0/productId").asText());
        HttpResponse<String> ok = json(USER, "POST", c + "/disconnect", "{\"confirm\":\"Yes\"}");
        assertEquals(ok.body(), 200, ok.statusCode());
        assertProblem(json(USER, "GET", c, null), 404);
        JsonNode audit = json(json(USER, "GET", "/audit?action=customer.disconnect&customer=" + doomed.id(), null));
        assertEquals("ok", audit.at("/items/0/outcome").asText());
        assertEquals("failed", audit.at("/items/1/outcome").asText());
        // the usage family deletes the customer's usage, of every product, in the same transaction
        assertTrue(audit.toString(), audit.at("/items/0/detail").asText().contains("usage"));
    }

    @Test
    public void anAdminEndsAnAssignmentAndTheEngineerLosesTheCustomerAtOnce() throws Exception {
        String dashboard = "/customers/" + assigned.id() + "/dashboard";
        assertEquals(200, json("eng", "GET", dashboard, null).statusCode());
        assertEquals(200, json("eng", "GET", dashboard, null).statusCode()); // served again, reused
        JsonNode mine = json(json(USER, "GET", "/admin/users/eng/assignments", null));
        assertTrue(mine.toString(), mine.get("customers").toString().contains(String.valueOf(assigned.id())));
        assertEquals(204, json(USER, "DELETE", "/admin/users/eng/customers/" + assigned.id(), null).statusCode());
        try {
            assertProblem(json("eng", "GET", dashboard, null), 404);
            assertProblem(json("eng", "GET", "/customers/" + assigned.id(), null), 404);
            assertProblem(json(USER, "DELETE", "/admin/users/eng/customers/" + assigned.id(), null), 404);
        } finally {
            assertEquals(204, json(USER, "PUT", "/admin/users/eng/customers/" + assigned.id(), null).statusCode());
        }
        assertEquals(200, json("eng", "GET", dashboard, null).statusCode());
        // scoped like everything else: another partner's customer or user is 404; only admins manage staff
        assertProblem(json(USER, "PUT", "/admin/users/eng/customers/" + foreign.id(), null), 404);
        assertProblem(json(USER, "PUT", "/admin/users/other-admin/customers/" + assigned.id(), null), 404);
        assertProblem(json(USER, "PUT", "/admin/users/eng/groups/999999", null), 404);
        assertProblem(json("eng", "PUT", "/admin/users/eng/customers/" + unassigned.id(), null), 403);
        String audit = json(USER, "GET", "/audit?action=staff.unassign", null).body();
        assertTrue(audit, audit.contains("eng ✕ customer " + assigned.id()));
    }
    @Test
    public void aDisabledUsersBasicCredentialsStopOnTheNextRequestAndWorkAgainWhenEnabled() throws Exception {
        long partner = samplePartner();
        createUser(partner, "leaver", "admin", PW);
        assertEquals(200, json("leaver", "GET", "/customers", null).statusCode());
        assertEquals(200, json("leaver", "GET", "/customers", null).statusCode()); // remembered
        String token = json(json("leaver", "POST", "/admin/tokens", "{\"name\":\"leaver's\",\"scope\":\"read\"}")).get("token").asText();
        HttpRequest byToken = HttpRequest.newBuilder(uri("/api/v1/customers")).header("Authorization", "Bearer " + token).build();
        assertEquals(200, send(byToken).statusCode());

        HttpResponse<String> off = json(USER, "POST", "/admin/users/leaver/disable", null);
        assertEquals(off.body(), 200, off.statusCode());
        assertFalse(json(off).get("enabled").asBoolean());
        assertProblem(json("leaver", "GET", "/customers", null), 401);
        assertProblem(send(byToken), 401);
        assertTrue(json(USER, "GET", "/audit?action=staff.disable", null).body().contains("leaver disabled"));
        // other partners' users do not exist for this admin; nobody disables themselves
        assertProblem(json(USER, "POST", "/admin/users/other-admin/disable", null), 404);
        assertProblem(json(USER, "POST", "/admin/users/" + USER + "/disable", null), 403);
        assertProblem(json("eng", "POST", "/admin/users/view/disable", null), 403);

        assertEquals(200, json(USER, "POST", "/admin/users/leaver/enable", null).statusCode());
        assertEquals(200, json("leaver", "GET", "/customers", null).statusCode());
        assertProblem(send(byToken), 401); // revoked tokens stay revoked
    }

    @Test
    public void aChangedPasswordStopsTheOldOneOnTheNextRequest() throws Exception {
        createUser(samplePartner(), "changer", "viewer", PW);
        assertEquals(200, json("changer", "GET", "/customers", null).statusCode());
        staffAdmin.setPasswordAsOperator(OPERATOR, "changer", "a-brand-new-secret".toCharArray());
        assertProblem(json("changer", "GET", "/customers", null), 401);
    }

    @Test
    public void widgetHealthIsForServerOperatorsNotPartnerAdmins() throws Exception {
        assertProblem(json("other-admin", "GET", "/admin/widgets", null), 403);
        assertEquals(200, json(USER, "GET", "/admin/widgets", null).statusCode()); // an operator (ensureUser)
        staffAdmin.setServerOperator(OPERATOR, "other-admin", true);
        try {
            assertEquals(200, json("other-admin", "GET", "/admin/widgets", null).statusCode());
        } finally {
            staffAdmin.setServerOperator(OPERATOR, "other-admin", false);
        }
        assertProblem(json("other-admin", "GET", "/admin/widgets", null), 403);
    }

    @Test
    public void aTakenUsernameIsRefusedAlikeWhicheverPartnerHoldsIt() throws Exception {
        String body = "{\"username\":\"%s\",\"displayName\":\"X\",\"role\":\"viewer\",\"password\":\"some-secret-12\"}";
        HttpResponse<String> other = json(USER, "POST", "/admin/users", String.format(body, "other-admin"));
        HttpResponse<String> own = json(USER, "POST", "/admin/users", String.format(body, "eng"));
        assertProblem(other, 409);
        assertProblem(own, 409);
        assertEquals("That username cannot be used.", json(other).get("detail").asText());
        assertEquals(json(own).get("detail"), json(other).get("detail"));
        assertEquals(json(own).get("title"), json(other).get("title"));
    }

    @Test
    public void aPartnerAdminCreatesACustomer() throws Exception {
        HttpResponse<String> r = json(USER, "POST", "/customers",
                "{\"accountId\":\"POST-1\",\"name\":\"Posted Co\",\"currency\":\"CHF\",\"environmentUrl\":\"https://posted.example.com\"}");
        assertEquals(r.body(), 201, r.statusCode());
        String location = r.headers().firstValue("Location").orElseThrow();
        long id = json(r).get("id").asLong();
        assertTrue(location, location.endsWith("/api/v1/customers/" + id));
        JsonNode d = json(send(HttpRequest.newBuilder(java.net.URI.create(location)).header("Authorization", basic()).build()));
        assertEquals("Posted Co", d.get("name").asText());
        assertEquals("CHF", d.get("currency").asText());
        assertProblem(json(USER, "POST", "/customers", "{\"accountId\":\"POST-1\",\"name\":\"Again\",\"currency\":\"EUR\"}"), 409);
        HttpResponse<String> bad = json(USER, "POST", "/customers", "{\"accountId\":\"POST-2\",\"name\":\"X\",\"currency\":\"euro\"}");
        assertProblem(bad, 400);
        assertEquals("currency", json(bad).get("parameter").asText());
        assertProblem(json("eng", "POST", "/customers", "{\"accountId\":\"POST-3\",\"name\":\"X\",\"currency\":\"EUR\"}"), 403);
        assertTrue(json(USER, "GET", "/audit?action=customer.create", null).body().contains("Posted Co"));
    }

    @Test
    public void theReadmesShellLinesWork() throws Exception {
        // Each line as the README documents it (options before arguments), with real ids and --password
        // where the README's line asks for one.
        String partnerOut = shell("sightline:partner-add \"Shell Partner\"");
        long partner = Long.parseLong(partnerOut.replaceAll("(?s).*Created partner (\\d+).*", "$1"));
        assertTrue(shell("sightline:partner-add --view-only \"Shell Hub\"").contains("(view-only)"));
        String customerOut = shell("sightline:customer-add --partner " + partner + " --currency USD \"Globex\" GLX-1");
        long customer = Long.parseLong(customerOut.replaceAll("(?s).*Created customer (\\d+).*", "$1"));
        Viewer partnerWide = new Viewer("itest-reader", partner, Set.of(Roles.ADMIN), Set.of(Permissions.CUSTOMER_READ));
        assertEquals("USD", customers.find(partnerWide, customer).orElseThrow().currency());
        String initechOut = shell("sightline:customer-add --partner " + partner + " \"Initech\" INI-1");
        long initech = Long.parseLong(initechOut.replaceAll("(?s).*Created customer (\\d+).*", "$1"));
        assertEquals("EUR", customers.find(partnerWide, initech).orElseThrow().currency());

        shell("sightline:user-add --partner " + partner + " --display-name \"Ann Smith\" --password " + PW + " ann.smith engineer");
        assertEquals("Ann Smith", staff.find("ann.smith").orElseThrow().displayName());
        assertEquals(partner, staff.find("ann.smith").orElseThrow().partnerId());
        shell("sightline:user-add --password " + PW + " ann.viewer viewer");
        shell("sightline:user-add --external --partner " + partner + " ldap.user viewer");
        assertFalse(staff.find("ldap.user").orElseThrow().localPassword());
        shell("sightline:user-add --operator --partner " + partner + " --password " + PW + " ops.oncall admin");
        assertTrue(staff.find("ops.oncall").orElseThrow().operator());
        shell("sightline:user-operator ann.viewer");
        assertTrue(staff.find("ann.viewer").orElseThrow().operator());
        shell("sightline:user-operator --revoke ann.viewer");
        assertFalse(staff.find("ann.viewer").orElseThrow().operator());
        shell("sightline:user-password --password another-secret-1 ann.viewer");
        assertTrue(staff.checkPassword("ann.viewer", "another-secret-1".toCharArray()).isPresent());
        shell("sightline:user-disable ann.smith");
        assertFalse(staff.find("ann.smith").orElseThrow().enabled());
        shell("sightline:user-enable ann.smith");
        assertTrue(staff.find("ann.smith").orElseThrow().enabled());

        shell("sightline:group-add --partner " + partner + " \"Pod East\" " + customer);
        shell("sightline:assign ann.smith " + customer);
        assertEquals(List.of(customer), staffAdmin.assignments(OPERATOR, "ann.smith").customers());
        shell("sightline:assign --group \"Pod East\" ann.smith");
        assertEquals(1, staffAdmin.assignments(OPERATOR, "ann.smith").groups().size());
        shell("sightline:assign --remove --group \"Pod East\" ann.smith " + customer);
        assertTrue(staffAdmin.assignments(OPERATOR, "ann.smith").customers().isEmpty());
        assertTrue(staffAdmin.assignments(OPERATOR, "ann.smith").groups().isEmpty());
        String found = shell("sightline:customers --partner " + partner + " --sort -credits glx");
        assertTrue(found, found.contains("GLX-1"));
        assertTrue(shell("sightline:customers --sort -credits").length() > 0);
    }
}
