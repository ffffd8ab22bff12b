package org.sightline.product.policy;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.After;
import org.junit.Test;
import org.sightline.api.CustomerRef;
import org.sightline.api.Permissions;
import org.sightline.api.Viewer;
import org.sightline.api.data.SampleDataProvider;
import org.sightline.api.governance.GovernanceSamples;
import org.sightline.api.ingest.IngestBatch;
import org.sightline.api.ingest.IngestRecord;
import org.sightline.api.ingest.IngestResult;
import org.sightline.api.ingest.Rejection;
import org.sightline.api.view.Cell;
import org.sightline.api.view.Kpi;
import org.sightline.api.view.KpiView;
import org.sightline.api.view.TableView;
import org.sightline.api.view.TimeSeriesView;
import org.sightline.api.widget.BadWidgetRequestException;
import org.sightline.api.widget.PageRequest;
import org.sightline.api.widget.TimeRange;
import org.sightline.api.widget.WidgetRequest;
import org.sightline.family.governance.internal.CountStore;
import org.sightline.family.governance.internal.ViewsService;
import org.sightline.product.testkit.ComponentDescriptors;
import org.sightline.product.testkit.TestStorage;

public class PolicyTest {
    static final CustomerRef ACME = new CustomerRef(7, 1, "ACME", "Acme", "EUR", true, "https://acme.example.com/portal");
    static final CustomerRef GLOBEX = new CustomerRef(8, 1, "GLX", "Globex", "EUR", true);
    static final Viewer VIEWER = new Viewer("vera", 1, Set.of("viewer"), Set.of(Permissions.CUSTOMER_READ));
    private final TestStorage db;
    private final PolicyStore store;
    private final PolicyIngest ingest;
    private final PolicyStatus status;
    private final PolicyTrend trend;

    public PolicyTest() throws Exception {
        db = new TestStorage();
        store = new PolicyStore(db);
        ingest = new PolicyIngest(store);
        status = new PolicyStatus(store, new ViewsService(new CountStore(db)));
        trend = new PolicyTrend(store);
    }

    @After
    public void close() throws Exception {
        db.close();
    }

    static Map<String, Object> rule(String name, boolean compliant, String evaluated) {
        return Map.of("type", "rule", "name", name, "scope", "Exchange Online", "compliant", compliant,
                "lastEvaluated", evaluated);
    }

    static Map<String, Object> violation(String rule, String object, String found, String fixedAt) {
        Map<String, Object> m = new HashMap<>(Map.of("type", "violation", "rule", rule, "object", object, "found", found,
                "fixed", fixedAt != null));
        if (fixedAt != null) {
            m.put("fixedAt", fixedAt);
        }
        return m;
    }

    private IngestResult send(CustomerRef c, Object... idAndFields) throws Exception {
        List<IngestRecord> records = new java.util.ArrayList<>();
        for (int i = 0; i < idAndFields.length; i += 2) {
            @SuppressWarnings("unchecked")
            Map<String, Object> f = (Map<String, Object>) idAndFields[i + 1];
            records.add(new IngestRecord(i / 2 + 1, c, (String) idAndFields[i], f));
        }
        return db.inTransaction(tx -> ingest.ingest(new IngestBatch(1, records), tx));
    }

    private Object[] tenant() {
        return new Object[] {
            "R1", rule("Mailbox auditing enabled", true, "2026-11-30T06:00:00Z"),
            "R2", rule("Block legacy authentication", false, "2026-11-30T06:00:00Z"),
            "R3", rule("No forwarding to external addresses", false, "2026-11-30T06:00:00Z"),
            "V1", violation("R2", "Sales mailbox", "2026-11-28T10:00:00Z", null),
            "V2", violation("R2", "Finance site", "2026-11-27T10:00:00Z", "2026-11-29T09:00:00Z"),
            "V3", violation("R3", "jane.doe@contoso.example", "2026-11-29T12:00:00Z", null),
            "V4", violation("R1", "HR group", "2026-11-26T12:00:00Z", "2026-11-27T12:00:00Z"),
        };
    }

    private static WidgetRequest request(CustomerRef c, String panel) {
        return new WidgetRequest(c, VIEWER, new TimeRange(Instant.parse("2026-11-26T00:00:00Z"),
                Instant.parse("2026-12-01T00:00:00Z")), ZoneId.of("UTC"), PageRequest.first(), Map.of(), panel);
    }

    @Test
    public void sendingTheSameLinesAgainStoresNothingTwice() throws Exception {
        assertEquals(new IngestResult(7, 0, List.of()), send(ACME, tenant()));
        assertEquals(new IngestResult(0, 7, List.of()), send(ACME, tenant()));
        assertEquals(3, db.count("SELECT COUNT(*) FROM policy_rule"));
        assertEquals(4, db.count("SELECT COUNT(*) FROM policy_violation"));
    }

    @Test
    public void aLaterStateReplacesTheStoredOneAndAnOlderEvaluationDoesNot() throws Exception {
        send(ACME, tenant());
        assertEquals(new IngestResult(2, 0, List.of()), send(ACME,
                "R2", rule("Block legacy authentication", true, "2026-11-30T12:00:00Z"),
                "V1", violation("R2", "Sales mailbox", "2026-11-28T10:00:00Z", "2026-11-30T11:00:00Z")));
        assertEquals(new IngestResult(0, 1, List.of()), send(ACME,
                "R2", rule("Block legacy authentication", false, "2026-11-30T07:00:00Z")));
        KpiView v = (KpiView) status.render(request(ACME, null));
        assertEquals(List.of(2L, 1L, 3L, 1L), figures(v));
    }

    @Test
    public void aBadLineIsRejectedWithItsReasonAndTheOthersAreStored() throws Exception {
        IngestResult r = send(ACME,
                "R1", rule("Mailbox auditing enabled", true, "2026-11-30T06:00:00Z"),
                "R2", Map.of("type", "rule", "scope", "Entra ID", "compliant", false, "lastEvaluated", "2026-11-30T06:00:00Z"),
                "V1", violation("R1", "Sales mailbox", "2026-11-28T10:00:00Z", null),
                "V2", Map.of("type", "violation", "rule", "R1", "object", "x", "found", "2026-11-28T10:00:00Z", "fixed", true),
                "V3", Map.of("type", "verdict"),
                "V4", violation("R1", "Sales mailbox", "2026-11-28T10:00:00Z", "2026-11-27T10:00:00Z"),
                "R5", Map.of("type", "rule", "name", "x", "scope", "y", "compliant", "yes", "lastEvaluated", "2026-11-30T06:00:00Z"));
        assertEquals(2, r.stored());
        assertEquals(List.of(new Rejection(2, "name", "name is missing"), new Rejection(4, "fixedAt", "fixedAt is missing"),
                new Rejection(5, "type", "type must be one of [rule, violation], was 'verdict'"),
                new Rejection(6, "fixedAt", "fixedAt must not be before found"),
                new Rejection(7, "compliant", "compliant must be true or false")), r.rejected());
    }

    @Test
    public void theFourFiguresAreWhatWasSent() throws Exception {
        send(ACME, tenant());
        send(GLOBEX, "R9", rule("Other customer's rule", false, "2026-11-30T06:00:00Z"));
        KpiView v = (KpiView) status.render(request(ACME, null));
        assertEquals(List.of("compliant-rules", "non-compliant-rules", "fixed-violations", "unfixed-violations"),
                v.tiles().stream().map(Kpi::id).toList());
        assertEquals(List.of(1L, 2L, 2L, 2L), figures(v));
    }

    @Test
    public void theNonCompliantFigureOpensThePanelAndTheOthersLinkIntoTheEnvironment() throws Exception {
        send(ACME, tenant());
        KpiView v = (KpiView) status.render(request(ACME, null));
        assertEquals(PolicyStatus.NON_COMPLIANT, v.tiles().get(1).link().panel());
        assertEquals("https://acme.example.com/portal/policies/rules?state=compliant", v.tiles().get(0).link().href());
        assertEquals("https://acme.example.com/portal/policies/violations?state=fixed", v.tiles().get(2).link().href());
        assertEquals("https://acme.example.com/portal/policies/violations?state=open", v.tiles().get(3).link().href());
        send(GLOBEX, tenant());
        KpiView without = (KpiView) status.render(request(GLOBEX, null));
        assertNull(without.tiles().get(0).link());
        assertNotNull(without.tiles().get(1).link());

        TableView panel = (TableView) status.render(request(ACME, PolicyStatus.NON_COMPLIANT));
        assertEquals(List.of(List.of("Block legacy authentication", "Sales mailbox"),
                List.of("No forwarding to external addresses", "jane.doe@contoso.example")),
                panel.rows().stream().map(r -> List.of(text(r.cells().get(0)), text(r.cells().get(3)))).toList());
        assertEquals(Long.valueOf(2), panel.total());
        assertEquals("panel", assertThrows(BadWidgetRequestException.class,
                () -> status.render(request(ACME, "nope"))).parameter());
    }

    @Test
    public void theTrendCountsOpenFoundAndFixedViolationsPerDay() throws Exception {
        send(ACME, tenant());
        TimeSeriesView v = (TimeSeriesView) trend.render(request(ACME, null));
        // days 11-26 .. 11-30
        assertEquals(List.of(1.0, 1.0, 2.0, 2.0, 2.0), values(v, 0)); // unfixed at the end of each day
        assertEquals(List.of(1.0, 1.0, 1.0, 1.0, 0.0), values(v, 1)); // found
        assertEquals(List.of(0.0, 1.0, 0.0, 1.0, 0.0), values(v, 2)); // fixed
    }

    @Test
    public void sampleDataGoesToEverySubscriberAndTheSampleCustomerHasOpenViolations() throws Exception {
        GovernanceSamples samples = mock(GovernanceSamples.class);
        when(samples.subscribers(any(), eq(PolicyProduct.ID))).thenReturn(List.of(ACME, GLOBEX));
        PolicySampleData sample = new PolicySampleData(store, samples);
        SampleDataProvider.Request req = new SampleDataProvider.Request(ACME, 42, 1, Instant.parse("2026-12-01T00:00:00Z"),
                ZoneId.of("UTC"));
        db.inTransaction(tx -> {
            sample.writeSample(req, tx);
            return null;
        });
        long rows = db.count("SELECT COUNT(*) FROM policy_violation");
        db.inTransaction(tx -> {
            sample.writeSample(req, tx);
            return null;
        });
        assertEquals(rows, db.count("SELECT COUNT(*) FROM policy_violation"));
        List<Long> acme = figures((KpiView) status.render(request(ACME, null)));
        assertEquals(Long.valueOf(3), acme.get(1));
        assertTrue(acme.toString(), acme.get(0) >= 7 && acme.get(2) > 0 && acme.get(3) >= 3);
        assertTrue(db.count("SELECT COUNT(*) FROM policy_rule WHERE customer_id = ?", GLOBEX.id()) >= 10);
        assertTrue(db.count("SELECT COUNT(*) FROM policy_violation WHERE found_at < ?",
                java.sql.Timestamp.from(Instant.parse("2026-10-01T00:00:00Z"))) > 0);
    }

    @Test
    public void disconnectingDeletesOnlyThatCustomersRulesAndViolations() throws Exception {
        send(ACME, tenant());
        send(GLOBEX, tenant());
        db.inTransaction(tx -> {
            store.deleteCustomerData(ACME, tx);
            return null;
        });
        assertEquals(0, db.count("SELECT COUNT(*) FROM policy_violation WHERE customer_id = ?", ACME.id()));
        assertEquals(3, db.count("SELECT COUNT(*) FROM policy_rule WHERE customer_id = ?", GLOBEX.id()));
    }

    @Test
    public void everyComponentCanBeActivated() throws Exception {
        ComponentDescriptors.assertActivatable(Path.of("target/classes"));
    }

    private static List<Long> figures(KpiView v) {
        return v.tiles().stream().map(t -> ((Cell.Num) t.value()).value().longValueExact()).toList();
    }

    private static List<Double> values(TimeSeriesView v, int series) {
        return v.series().get(series).points().stream().map(TimeSeriesView.Point::value).toList();
    }

    private static String text(Cell c) {
        return c instanceof Cell.Text t ? t.value() : c.toString();
    }
}
