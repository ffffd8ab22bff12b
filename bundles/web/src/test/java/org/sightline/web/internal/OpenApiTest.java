package org.sightline.web.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import javax.ws.rs.HttpMethod;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.glassfish.jersey.internal.MapPropertiesDelegate;
import org.glassfish.jersey.server.ApplicationHandler;
import org.glassfish.jersey.server.ContainerRequest;
import org.glassfish.jersey.server.ContainerResponse;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.model.Resource;
import org.glassfish.jersey.server.model.ResourceMethod;
import org.junit.Test;
import org.sightline.api.Permissions;
import org.sightline.api.Viewer;
import org.sightline.api.widget.Placement;
import org.sightline.api.widget.WidgetDescriptor;
import org.sightline.core.AuditLog;
import org.sightline.core.CustomerActions;
import org.sightline.core.CustomerDetails;
import org.sightline.core.CustomerDirectory;
import org.sightline.core.CustomerPage;
import org.sightline.core.CustomerSummary;
import org.sightline.core.DashboardService;
import org.sightline.core.IngestService;
import org.sightline.core.ProductCatalogue;
import org.sightline.core.Readiness;
import org.sightline.core.Roles;
import org.sightline.core.SignInGuard;
import org.sightline.core.StaffAdmin;
import org.sightline.core.StaffDirectory;
import org.sightline.core.StaffUser;
import org.sightline.core.Subscription;
import org.sightline.core.TableExport;
import org.sightline.core.TokenService;
import org.sightline.core.WebSessionStore;
import org.sightline.core.WidgetHealth;
import org.sightline.core.WidgetRegistry;

/**
 * The API description ({@code GET /api/v1/openapi.json}) against the API itself: every route of the resources
 * {@link ApiServlet} registers (and the dashboard, which the servlet serves outside Jersey) is described with its
 * method, and answers of representative routes have the described shape. Typed request bodies refuse unknown
 * fields and wrong types with a 400 naming the field.
 */
public class OpenApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Viewer ADMIN = new Viewer("anna", 1, Set.of("admin"), Set.of(Permissions.CUSTOMER_READ,
            Permissions.CUSTOMER_ACT, Permissions.ADMIN, Roles.AUDIT_READ, Roles.PARTNER_ADMIN));
    /** Routes the servlet answers before Jersey ({@link DashboardEndpoint}). */
    private static final List<String> OUTSIDE_JERSEY = List.of("GET /api/v1/customers/{id}/dashboard");

    private final CustomerDirectory customers = mock(CustomerDirectory.class);
    private final CustomerActions actions = mock(CustomerActions.class);
    private final StaffDirectory staff = mock(StaffDirectory.class);
    private final StaffAdmin staffAdmin = mock(StaffAdmin.class);
    private final TokenService tokens = mock(TokenService.class);
    private final WidgetRegistry registry = mock(WidgetRegistry.class);
    private final ProductCatalogue catalogue = mock(ProductCatalogue.class);
    private final DashboardService dashboards = mock(DashboardService.class);
    private final org.sightline.core.MailQueue mail = mock(org.sightline.core.MailQueue.class);
    private final org.sightline.core.ReportTemplates templates = mock(org.sightline.core.ReportTemplates.class);
    private final org.sightline.core.ReportDeliveries deliveries = mock(org.sightline.core.ReportDeliveries.class);
    private final ResourceConfig config = ApiServlet.resources(mock(Authenticator.class), dashboards,
            registry, mock(IngestService.class), mock(TableExport.class),
            new ApiServlet.Portal(tokens, customers, actions, staff, staffAdmin, mock(SignInGuard.class),
                    mock(WebSessionStore.class), mock(AuditLog.class), mock(Readiness.class), catalogue,
                    mock(org.sightline.core.Caches.class), mock(org.sightline.core.PdfReports.class), templates, deliveries,
                    mock(org.sightline.core.ReportSchedules.class), mail,
                    new java.util.concurrent.atomic.AtomicReference<>(mock(org.sightline.core.ProductLifecycle.class)),
                    mock(org.sightline.core.PartnerLogos.class)));
    private final JsonNode document = document();

    private static JsonNode document() {
        try (InputStream in = OpenApiResource.class.getResourceAsStream(OpenApiResource.RESOURCE)) {
            return JSON.readTree(in);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    // --- every route is described -----------------------------------------------------------------------

    @Test
    public void everyRouteIsDescribedAndNothingElse() {
        Set<String> served = new TreeSet<>(OUTSIDE_JERSEY);
        for (Object o : config.getInstances()) {
            if (o.getClass().isAnnotationPresent(javax.ws.rs.Path.class)) {
                collect(Resource.from(o.getClass()), "/api", served);
            }
        }
        for (Class<?> c : config.getClasses()) {
            if (c.isAnnotationPresent(javax.ws.rs.Path.class)) {
                collect(Resource.from(c), "/api", served);
            }
        }
        assertTrue("too few routes found: " + served, served.size() > 40);
        Set<String> described = new TreeSet<>();
        document.get("paths").fields().forEachRemaining(p -> p.getValue().fieldNames().forEachRemaining(m -> {
            if (List.of("get", "put", "post", "delete", "patch", "head", "options").contains(m)) {
                described.add(m.toUpperCase(Locale.ROOT) + " " + p.getKey());
            }
        }));
        Set<String> missing = new TreeSet<>(served);
        missing.removeAll(described);
        assertEquals("routes missing from openapi.json", Set.of(), missing);
        Set<String> extra = new TreeSet<>(described);
        extra.removeAll(served);
        assertEquals("routes in openapi.json that nothing serves", Set.of(), extra);
    }

    private static void collect(Resource r, String prefix, Set<String> out) {
        String path = join(prefix, r.getPath());
        for (ResourceMethod m : r.getResourceMethods()) {
            out.add(m.getHttpMethod() + " " + path);
        }
        for (Resource child : r.getChildResources()) {
            collect(child, path, out);
        }
    }

    private static String join(String a, String b) {
        if (b == null || b.isEmpty() || b.equals("/")) {
            return a;
        }
        String s = (a.endsWith("/") ? a.substring(0, a.length() - 1) : a) + (b.startsWith("/") ? b : "/" + b);
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    @Test
    public void everyPathParameterIsDescribedAndEveryOperationAnswersProblems() {
        document.get("paths").fields().forEachRemaining(p -> p.getValue().fields().forEachRemaining(op -> {
            String where = op.getKey() + " " + p.getKey();
            Set<String> declared = new TreeSet<>();
            op.getValue().path("parameters").forEach(par -> {
                if (par.get("in").asText().equals("path")) {
                    declared.add(par.get("name").asText());
                }
            });
            Set<String> inPath = new TreeSet<>();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(p.getKey());
            while (m.find()) {
                inPath.add(m.group(1));
            }
            assertEquals(where, inPath, declared);
            JsonNode responses = op.getValue().get("responses");
            assertNotNull(where, responses.get("default"));
            assertTrue(where + " has no success answer", responses.fieldNames().next().startsWith("2"));
            if (List.of("post", "put", "patch").contains(op.getKey()) && !op.getValue().has("requestBody")) {
                assertTrue(where + " takes no body but says nothing about it", p.getKey().endsWith("/pin")
                        || p.getKey().endsWith("/disable") || p.getKey().endsWith("/enable") || p.getKey().endsWith("/retry")
                        || p.getKey().contains("/customers/{customerId}") || p.getKey().contains("/groups/{groupId}"));
            }
        }));
    }

    @Test
    public void theDescriptionIsServedOpenAsJson() throws Exception {
        Answer a = call("GET", "/v1/openapi.json", null, null);
        assertEquals(200, a.status);
        assertEquals("3.0.3", a.json.get("openapi").asText());
        assertEquals(document, a.json);
        assertTrue(Gate.open("GET", "/v1/openapi.json"));
        assertTrue(ApiHeaders.isPublic("/v1/openapi.json"));
    }

    // --- answers have the described shapes --------------------------------------------------------------

    private static CustomerSummary summary() {
        return new CustomerSummary(7, "ACME-1", "Acme", 2, "EUR", new BigDecimal("12.50"), List.of("sms"),
                List.of(new CustomerSummary.StaffRef("bob", "Bob")), List.of(new CustomerSummary.GroupRef(3, "Pod A")),
                true, false);
    }

    @Test
    public void theCustomerListHasTheDescribedShape() throws Exception {
        when(customers.list(any(), any())).thenReturn(new CustomerPage(List.of(summary()), null, 1));
        Answer a = call("GET", "/v1/customers?q=acme", ADMIN, null);
        assertShape("/api/v1/customers", "get", a);
        assertEquals(12.5, a.json.at("/items/0/credits").asDouble(), 0);
        assertEquals("/api/v1/customers/7/logo?v=2", a.json.at("/items/0/logoUrl").asText());
        assertTrue(a.json.get("nextCursor").isNull());
    }

    @Test
    public void aCustomersDetailsHaveTheDescribedShape() throws Exception {
        when(catalogue.displayName("sms")).thenReturn("SMS");
        when(customers.details(any(), eq(7L))).thenReturn(new CustomerDetails(summary(), null, true, false,
                List.of("a@example.com"), null, List.of(new Subscription("sms", "active", LocalDate.of(2026, 1, 1), null, 5L, null))));
        Answer a = call("GET", "/v1/customers/7", ADMIN, null);
        assertShape("/api/v1/customers/{id}", "get", a);
        assertEquals("SMS", a.json.at("/subscriptions/0/productName").asText());
        assertEquals("2026-01-01", a.json.at("/subscriptions/0/startsOn").asText());
        assertEquals("a@example.com", a.json.at("/billing/recipients/0").asText());
    }

    @Test
    public void staffUsersTokensAndTheWidgetRegistryHaveTheDescribedShapes() throws Exception {
        when(staffAdmin.list(any())).thenReturn(List.of(new StaffUser(5, 1, "P", false, "bob", "Bob", "viewer", true, true, false, 1)));
        assertShape("/api/v1/admin/users", "get", call("GET", "/v1/admin/users", ADMIN, null));
        when(tokens.list(any(Viewer.class))).thenReturn(List.of(new TokenService.TokenInfo(4, "ci", "read", Instant.EPOCH, null)));
        assertShape("/api/v1/admin/tokens", "get", call("GET", "/v1/admin/tokens", ADMIN, null));
        org.sightline.core.QueuedMail failed = new org.sightline.core.QueuedMail(7, 1, "jane@customer.example", "report.link",
                null, "failed", 1, Instant.EPOCH, null, null, "recipient refused: 550 5.1.1 mailbox unavailable");
        when(mail.list(any(Viewer.class), org.mockito.ArgumentMatchers.eq("failed"), org.mockito.ArgumentMatchers.eq(100)))
                .thenReturn(List.of(failed));
        assertShape("/api/v1/admin/mail", "get", call("GET", "/v1/admin/mail?status=failed", ADMIN, null));
        when(mail.retry(any(Viewer.class), org.mockito.ArgumentMatchers.eq(7L))).thenReturn(new org.sightline.core.QueuedMail(7, 1,
                "jane@customer.example", "report.link", null, "pending", 0, Instant.EPOCH, Instant.EPOCH, null, null));
        assertShape("/api/v1/admin/mail/{id}/retry", "post", call("POST", "/v1/admin/mail/7/retry", ADMIN, null));
        when(tokens.create(any(Viewer.class), anyString(), any())).thenReturn(new TokenService.NewToken("ci", "read", "secret"));
        Answer created = call("POST", "/v1/admin/tokens", ADMIN, "{\"name\":\"ci\"}");
        assertShape("/api/v1/admin/tokens", "post", created);
        assertEquals("read", created.json.get("scope").asText());
        WidgetDescriptor d = new WidgetDescriptor("sms.log", "Log", "sms", "usage", Set.of(Placement.values()[0]), 1, Permissions.CUSTOMER_READ,
                Duration.ofSeconds(60), true);
        when(registry.widgets(any())).thenReturn(List.of(new WidgetHealth(d, "b", "1.0", "active", 3, 0, null, 1.5, 2.5)));
        assertShape("/api/v1/admin/widgets", "get", call("GET", "/v1/admin/widgets", ADMIN, null));
    }

    @Test
    public void reportTemplatesAndAGeneratedReportHaveTheDescribedShapes() throws Exception {
        org.sightline.core.ReportTemplate t = new org.sightline.core.ReportTemplate(3, "Monthly usage", List.of("usage"),
                List.of(), "last-month", List.of(), "partner-and-customer");
        when(templates.list(any())).thenReturn(List.of(t));
        assertShape("/api/v1/report-templates", "get", call("GET", "/v1/report-templates", ADMIN, null));
        when(templates.create(any(), any())).thenReturn(t);
        Answer created = call("POST", "/v1/report-templates", ADMIN, "{\"name\":\"Monthly usage\",\"sections\":[\"usage\"]}");
        assertShape("/api/v1/report-templates", "post", created);
        assertEquals(201, created.status);
        assertBadField(call("POST", "/v1/report-templates", ADMIN, "{\"name\":\"x\",\"colour\":\"red\"}"), "colour");
        when(deliveries.generate(any(), eq(7L), any())).thenReturn(new org.sightline.core.ReportDeliveries.Generated(12, 7,
                "Monthly usage", "ACME-1-monthly_usage-2026-12-02.pdf", List.of(
                new org.sightline.core.ReportDeliveries.Recipient("staff", 5L, null, "portal"),
                new org.sightline.core.ReportDeliveries.Recipient("customer", null, "a@example.com", "verify"))));
        Answer g = call("POST", "/v1/customers/7/reports", ADMIN, "{\"templateId\":3,\"staffIds\":[5],\"addresses\":[\"a@example.com\"]}");
        assertEquals(201, g.status);
        assertShape("/api/v1/customers/{id}/reports", "post", g);
        assertEquals("/api/v1/reports/12.pdf", g.json.get("pdfUrl").asText());
        assertBadField(call("POST", "/v1/customers/7/reports", ADMIN, "{\"staffIds\":[5]}"), "templateId");
        assertBadField(call("POST", "/v1/customers/7/billing-reports", ADMIN, "{\"month\":\"November\"}"), "month");
        when(deliveries.recipients(any(), eq(7L))).thenReturn(new org.sightline.core.ReportDeliveries.Choices(
                List.of(new org.sightline.core.ReportDeliveries.StaffChoice(5, "Bob")), false, List.of()));
        assertShape("/api/v1/customers/{id}/report-recipients", "get", call("GET", "/v1/customers/7/report-recipients", ADMIN, null));
    }

    @Test
    public void problemsHaveTheDescribedShape() throws Exception {
        Answer a = call("GET", "/v1/customers?nope=1", ADMIN, null);
        assertEquals(400, a.status);
        assertShape("/api/v1/customers", "get", a);
        assertEquals("nope", a.json.get("parameter").asText());
    }

    // --- typed request bodies ------------------------------------------------------------------------------

    @Test
    public void anUnknownBodyFieldIs400NamingIt() throws Exception {
        Answer a = call("PUT", "/v1/customers/7/hide-expired", ADMIN, "{\"hide\":true,\"hidden\":true}");
        assertBadField(a, "hidden");
        assertTrue(a.json.get("detail").asText(), a.json.get("detail").asText().contains("[hide]"));
    }

    @Test
    public void aBodyFieldOfTheWrongTypeIs400NamingIt() throws Exception {
        assertBadField(call("PUT", "/v1/customers/7/hide-expired", ADMIN, "{\"hide\":\"true\"}"), "hide");
        assertBadField(call("PUT", "/v1/customers/7/hide-expired", ADMIN, "{\"hide\":1}"), "hide");
        assertBadField(call("POST", "/v1/admin/tokens", ADMIN, "{\"name\":5}"), "name");
        assertBadField(call("POST", "/v1/admin/tokens", ADMIN, "{\"name\":{\"a\":1}}"), "name");
        assertBadField(call("PATCH", "/v1/customers/7", ADMIN, "{\"billingRecipients\":\"a@example.com\"}"), "billingRecipients");
        assertBadField(call("PATCH", "/v1/customers/7", ADMIN, "{\"billingRecipients\":[1]}"), "billingRecipients");
        assertBadField(call("PATCH", "/v1/customers/7/subscriptions/sms", ADMIN, "{\"quantity\":1.5}"), "quantity");
        assertBadField(call("PATCH", "/v1/customers/7/subscriptions/sms", ADMIN, "{\"quantity\":\"3\"}"), "quantity");
        assertBadField(call("PATCH", "/v1/customers/7/subscriptions/sms", ADMIN, "{\"startsOn\":\"soon\"}"), "startsOn");
        assertBadField(call("PATCH", "/v1/customers/7/subscriptions/sms", ADMIN, "{\"quota\":100000000000000000000000}"), "quota");
        assertBadField(call("PATCH", "/v1/customers/7/subscriptions/sms", ADMIN, "{\"quota\":false}"), "quota");
        assertBadField(call("PATCH", "/v1/customers/7", ADMIN, "{\"accessEnabled\":\"\"}"), "accessEnabled");
        assertBadField(call("PATCH", "/v1/customers/7", ADMIN, "{\"name\":true}"), "name");
        assertBadField(call("PATCH", "/v1/customers/7", ADMIN, "{\"name\":1.5}"), "name");
        assertBadField(call("POST", "/v1/customers/7/subscriptions", ADMIN, "{\"services\":[{\"productId\":\"sms\",\"quota\":true}]}"), "quota");
        assertEquals("quota must be a whole number", call("POST", "/v1/customers/7/subscriptions", ADMIN,
                "[{\"productId\":\"sms\",\"quota\":true}]").json.get("detail").asText());
    }

    @Test
    public void aBodyThatIsNotAnObjectIs400NamingTheBody() throws Exception {
        assertBadField(call("POST", "/v1/customers/7/disconnect", ADMIN, "[]"), "body");
        assertBadField(call("POST", "/v1/customers/7/disconnect", ADMIN, "\"Yes\""), "body");
        assertBadField(call("POST", "/v1/customers/7/disconnect", ADMIN, ""), "body");
        assertBadField(call("POST", "/v1/customers/7/disconnect", ADMIN, "null"), "body");
        Answer malformed = call("POST", "/v1/customers/7/disconnect", ADMIN, "{\"confirm\":");
        assertEquals(400, malformed.status);
        assertEquals("Malformed JSON", malformed.json.get("title").asText());
    }

    @Test
    public void aWellFormedTypedBodyReachesTheCore() throws Exception {
        when(actions.disconnect(any(), eq(7L), eq("Yes"))).thenReturn(List.of("usage"));
        Answer a = call("POST", "/v1/customers/7/disconnect", ADMIN, "{\"confirm\":\"Yes\"}");
        assertShape("/api/v1/customers/{id}/disconnect", "post", a);
        assertEquals("usage", a.json.at("/modules/0").asText());
        Answer h = call("PUT", "/v1/customers/7/hide-expired", ADMIN, "{\"hide\":true}");
        assertShape("/api/v1/customers/{id}/hide-expired", "put", h);
        assertTrue(h.json.get("hideExpired").asBoolean());
    }

    @Test
    public void aWidgetActionTakesNoBodyAConfirmationOrRefusesAnUnknownField() throws Exception {
        when(dashboards.act(any(), eq(7L), eq("w"), eq("check"), eq(null))).thenReturn("Done.");
        when(dashboards.act(any(), eq(7L), eq("w"), eq("reset"), eq("Yes"))).thenReturn("Reset.");
        Answer none = call("POST", "/v1/customers/7/widgets/w/actions/check", ADMIN, null);
        assertShape("/api/v1/customers/{id}/widgets/{widgetId}/actions/{actionId}", "post", none);
        assertEquals("Done.", none.json.get("message").asText());
        assertEquals("Done.", call("POST", "/v1/customers/7/widgets/w/actions/check", ADMIN, "{}").json.get("message").asText());
        assertEquals("Reset.", call("POST", "/v1/customers/7/widgets/w/actions/reset", ADMIN, "{\"confirm\":\"Yes\"}")
                .json.get("message").asText());
        assertBadField(call("POST", "/v1/customers/7/widgets/w/actions/reset", ADMIN, "{\"confirm\":\"Yes\",\"extra\":1}"), "extra");
    }

    @Test
    public void signingInBindsItsBodyAndTheSessionHasTheDescribedShape() throws Exception {
        assertBadField(call("POST", "/v1/session", null, "{\"username\":5,\"password\":\"x\"}"), "username");
        // sign-in ignores fields it does not know, as it always has; a wrong password is 401 problem+json
        Answer refused = call("POST", "/v1/session", null, "{\"username\":\"a\",\"password\":\"b\",\"remember\":true}");
        assertEquals(401, refused.status);
        assertShape("/api/v1/session", "post", refused);
        StaffUser bob = new StaffUser(5, 1, "Partner", true, "bob", "Bob", "viewer", true, true, false, 1);
        session = new org.sightline.core.WebSession("s", "csrf", bob, Instant.EPOCH, Instant.EPOCH.plusSeconds(60));
        Answer current = call("GET", "/v1/session", bob.viewer(), null);
        assertShape("/api/v1/session", "get", current);
        assertEquals("csrf", current.json.get("csrfToken").asText());
        assertTrue(current.json.at("/partner/viewOnly").asBoolean());
        assertEquals("viewer", current.json.at("/roles/0").asText());
    }

    private void assertBadField(Answer a, String field) {
        assertEquals(a.json.toString(), 400, a.status);
        assertEquals("application/problem+json", a.type);
        assertEquals(a.json.toString(), field, a.json.path("parameter").asText());
        assertEquals("Invalid parameter '" + field + "'", a.json.get("title").asText());
        assertSchema(a.json, ref("Problem"), "problem");
    }

    // --- the small checker --------------------------------------------------------------------------------

    private record Answer(int status, String type, JsonNode json) {
    }

    private org.sightline.core.WebSession session;

    private Answer call(String method, String path, Viewer viewer, String body) throws Exception {
        MapPropertiesDelegate properties = new MapPropertiesDelegate();
        if (session != null) {
            properties.setProperty(Gate.SESSION, session);
        }
        if (viewer != null) {
            properties.setProperty(Gate.VIEWER, viewer);
        }
        ContainerRequest req = new ContainerRequest(URI.create("http://localhost/api/"), URI.create("http://localhost/api" + path),
                method, null, properties, null);
        if (body != null) {
            req.getHeaders().putSingle("Content-Type", "application/json");
            req.setEntityStream(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ContainerResponse r = new ApplicationHandler(config).apply(req, out).get();
        String type = r.getMediaType() == null ? null : r.getMediaType().toString();
        return new Answer(r.getStatus(), type, out.size() == 0 ? null : JSON.readTree(out.toByteArray()));
    }

    /** Checks the answer against the schema the document gives for its status (or the default) and media type. */
    private void assertShape(String path, String method, Answer a) {
        JsonNode responses = document.at("/paths/" + path.replace("~", "~0").replace("/", "~1") + "/" + method + "/responses");
        assertFalse(path + " " + method + " is not described", responses.isMissingNode());
        JsonNode response = responses.has(Integer.toString(a.status)) ? responses.get(Integer.toString(a.status)) : responses.get("default");
        assertNotNull(path + " " + method + " does not describe " + a.status, response);
        response = resolve(response);
        JsonNode content = response.path("content").path(a.type);
        assertFalse(path + " " + method + " " + a.status + " does not describe " + a.type + ": " + response, content.isMissingNode());
        assertSchema(a.json, content.get("schema"), method + " " + path + " " + a.status);
    }

    private static JsonNode ref(String schema) {
        return JSON.createObjectNode().put("$ref", "#/components/schemas/" + schema);
    }

    private JsonNode resolve(JsonNode n) {
        while (n.has("$ref")) {
            n = document.at(n.get("$ref").asText().substring(1));
            assertFalse("dangling $ref", n.isMissingNode());
        }
        return n;
    }

    private void assertSchema(JsonNode value, JsonNode schema, String where) {
        schema = resolve(schema);
        if (value == null || value.isNull()) {
            assertTrue(where + " is null but not nullable", schema.path("nullable").asBoolean(false));
            return;
        }
        if (schema.has("oneOf")) {
            List<String> failures = new ArrayList<>();
            for (JsonNode s : schema.get("oneOf")) {
                try {
                    assertSchema(value, s, where);
                    return;
                } catch (AssertionError e) {
                    failures.add(e.getMessage());
                }
            }
            fail(where + " matches none of oneOf: " + failures);
        }
        String type = schema.path("type").asText("");
        switch (type) {
            case "object" -> {
                assertTrue(where + " should be an object: " + value, value.isObject());
                for (JsonNode r : schema.path("required")) {
                    assertTrue(where + " lacks " + r.asText() + ": " + value, value.has(r.asText()));
                }
                JsonNode props = schema.path("properties");
                JsonNode additional = schema.get("additionalProperties");
                for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> f = it.next();
                    if (props.has(f.getKey())) {
                        assertSchema(f.getValue(), props.get(f.getKey()), where + "." + f.getKey());
                    } else if (additional != null && additional.isObject()) {
                        assertSchema(f.getValue(), additional, where + "." + f.getKey());
                    } else {
                        assertTrue(where + " has an undescribed field " + f.getKey() + ": " + value,
                                props.isEmpty() && (additional == null || additional.asBoolean(true)));
                    }
                }
            }
            case "array" -> {
                assertTrue(where + " should be an array: " + value, value.isArray());
                int i = 0;
                for (JsonNode e : value) {
                    assertSchema(e, schema.get("items"), where + "[" + i++ + "]");
                }
            }
            case "string" -> {
                assertTrue(where + " should be a string: " + value, value.isTextual());
                if (schema.has("enum")) {
                    List<String> allowed = new ArrayList<>();
                    schema.get("enum").forEach(e -> allowed.add(e.asText()));
                    assertTrue(where + " is not one of " + allowed + ": " + value, allowed.contains(value.asText()));
                }
            }
            case "integer" -> assertTrue(where + " should be an integer: " + value, value.isIntegralNumber());
            case "number" -> assertTrue(where + " should be a number: " + value, value.isNumber());
            case "boolean" -> assertTrue(where + " should be a boolean: " + value, value.isBoolean());
            default -> fail(where + ": the schema has no type: " + schema);
        }
    }
}
