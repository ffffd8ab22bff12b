package org.sightline.product.risk;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
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
import org.sightline.api.report.ReportDocument;
import org.sightline.api.view.Cell;
import org.sightline.api.view.LinksView;
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

public class RiskTest {
    static final CustomerRef ACME = new CustomerRef(7, 1, "ACME", "Acme", "EUR", true);
    static final CustomerRef GLOBEX = new CustomerRef(8, 1, "GLX", "Globex", "EUR", true);
    static final Viewer VIEWER = new Viewer("eddie", 1, Set.of("engineer"),
            Set.of(Permissions.CUSTOMER_READ, Permissions.CUSTOMER_ACT));
    static final LocalDate LAST = LocalDate.of(2026, 11, 30);
    static final List<String> KINDS = List.of("sharepoint", "teams", "groups", "onedrive");
    private final TestStorage db;
    private final CountStore counts;
    private final RiskStore store;
    private final RiskIngest ingest;
    private final RiskInsights insights;
    private final RiskTrends trends;
    private final RiskReport report;

    public RiskTest() throws Exception {
        db = new TestStorage();
        counts = new CountStore(db);
        store = new RiskStore(db);
        ingest = new RiskIngest(counts, store);
        insights = new RiskInsights(counts, new ViewsService(counts), store);
        trends = new RiskTrends(insights);
        report = new RiskReport(insights, store);
    }

    @After
    public void close() throws Exception {
        db.close();
    }

    /** A day's five counts of a kind: (day of month * 100 + kind index * 10 + measure index). */
    static Map<String, Object> daily(LocalDate day, String kind) {
        Map<String, Object> m = new HashMap<>(Map.of("type", "daily", "day", day.toString(), "workspaceKind", kind));
        for (int i = 0; i < RiskIngest.FIELDS.size(); i++) {
            m.put(RiskIngest.FIELDS.get(i), value(day, kind, i));
        }
        return m;
    }

    static long value(LocalDate day, String kind, int measure) {
        return day.getDayOfMonth() * 100L + KINDS.indexOf(kind) * 10L + measure;
    }

    static Map<String, Object> workspace(String kind, String name, String day, long high) {
        return Map.of("type", "workspace", "workspaceKind", kind, "name", name, "day", day, "highRisk", high,
                "mediumRisk", 2L, "sensitive", 3L, "externalUsers", 4L, "externalLinks", 5L);
    }

    private Object[] week() {
        List<Object> lines = new ArrayList<>();
        for (int d = 0; d < 7; d++) {
            for (String k : KINDS) {
                lines.add(LAST.minusDays(d) + "/" + k);
                lines.add(daily(LAST.minusDays(d), k));
            }
        }
        lines.add("2026-11-30/exchange");
        lines.add(daily(LAST, "exchange"));
        return lines.toArray();
    }

    private IngestResult send(CustomerRef c, Object... idAndFields) throws Exception {
        List<IngestRecord> records = new ArrayList<>();
        for (int i = 0; i < idAndFields.length; i += 2) {
            @SuppressWarnings("unchecked")
            Map<String, Object> f = (Map<String, Object>) idAndFields[i + 1];
            records.add(new IngestRecord(i / 2 + 1, c, (String) idAndFields[i], f));
        }
        return db.inTransaction(tx -> ingest.ingest(new IngestBatch(1, records), tx));
    }

    private static WidgetRequest request(CustomerRef c, String panel) {
        return new WidgetRequest(c, VIEWER, new TimeRange(Instant.parse("2026-11-01T00:00:00Z"),
                Instant.parse("2026-12-01T00:00:00Z")), ZoneId.of("UTC"), PageRequest.first(), Map.of(), panel);
    }

    @Test
    public void sendingTheSameLinesAgainStoresNothingTwiceAndALaterStateReplaces() throws Exception {
        Object[] lines = week();
        assertEquals(new IngestResult(29, 0, List.of()), send(ACME, lines));
        assertEquals(new IngestResult(0, 29, List.of()), send(ACME, lines));
        assertEquals(29 * 5, db.count("SELECT COUNT(*) FROM governance_daily"));
        assertEquals(new IngestResult(2, 0, List.of()), send(ACME, "site-1", workspace("sharepoint", "Finance", "2026-11-29", 4),
                "sa", Map.of("type", "service-account", "status", "ready", "mfa", false, "reported", "2026-11-30T06:00:00Z")));
        assertEquals(new IngestResult(1, 2, List.of()), send(ACME, "site-1", workspace("sharepoint", "Finance", "2026-11-30", 9),
                "site-1", workspace("sharepoint", "Finance", "2026-11-28", 1),
                "sa", Map.of("type", "service-account", "status", "ready", "mfa", false, "reported", "2026-11-30T07:00:00Z")));
        assertEquals(9, db.count("SELECT high_risk FROM risk_workspace"));
        Map<String, Object> corrected = daily(LAST, "teams");
        corrected.put("highRisk", 1L);
        assertEquals(new IngestResult(1, 0, List.of()), send(ACME, "2026-11-30/teams", corrected));
        assertEquals(1, db.count("SELECT count_value FROM governance_daily WHERE kind = 'teams' AND measure = 'high-risk' "
                + "AND count_day = DATE '2026-11-30'"));
    }

    @Test
    public void aBadLineIsRejectedWithItsReason() throws Exception {
        Map<String, Object> negative = daily(LAST, "teams");
        negative.put("externalLinks", -1L);
        Map<String, Object> kind = daily(LAST, "teams");
        kind.put("workspaceKind", "yammer");
        Map<String, Object> day = daily(LAST, "teams");
        day.put("day", "30.11.2026");
        IngestResult r = send(ACME, "a", daily(LAST, "teams"), "b", negative, "c", kind, "d", day,
                "e", Map.of("type", "service-account", "status", "ready", "reported", "2026-11-30T06:00:00Z"));
        assertEquals(1, r.stored());
        assertEquals(List.of("externalLinks", "workspaceKind", "day", "mfa"),
                r.rejected().stream().map(Rejection::field).toList());
        assertEquals(List.of(2, 3, 4, 5), r.rejected().stream().map(Rejection::line).toList());
        assertEquals("day must be a date such as 2026-11-30", r.rejected().get(2).reason());
    }

    @Test
    public void theFiveTrendsAreTheLastSevenDaysOfWhatWasSentOverTheWorkspaceKinds() throws Exception {
        send(ACME, week());
        send(ACME, "old", daily(LAST.minusDays(7), "teams"));
        TimeSeriesView v = (TimeSeriesView) trends.render(request(ACME, null));
        assertEquals(List.of("High-risk items", "Medium-risk items", "Sensitive items", "External users", "External links"),
                v.series().stream().map(TimeSeriesView.Series::name).toList());
        for (int m = 0; m < 5; m++) {
            List<Double> expected = new ArrayList<>();
            for (int d = 6; d >= 0; d--) {
                long sum = 0;
                for (String k : KINDS) {
                    sum += value(LAST.minusDays(d), k, m);
                }
                expected.add((double) sum);
            }
            assertEquals(expected, v.series().get(m).points().stream().map(TimeSeriesView.Point::value).toList());
        }
        assertEquals(LAST.minusDays(6).atStartOfDay(ZoneId.of("UTC")).toInstant(), v.series().get(0).points().get(0).at());
        assertEquals(RiskTrends.SUMMARY, v.links().get(0).panel());
    }

    @Test
    public void theSummaryCountsAddUp() throws Exception {
        send(ACME, week());
        TableView t = (TableView) trends.render(request(ACME, RiskTrends.SUMMARY));
        assertEquals(List.of("SharePoint sites", "Teams", "Microsoft 365 Groups", "OneDrive", "Total on 2026-11-30"),
                t.rows().stream().map(r -> ((Cell.Text) r.cells().get(0)).value()).toList());
        for (int m = 0; m < 5; m++) {
            long sum = 0;
            for (int k = 0; k < 4; k++) {
                long cell = number(t.rows().get(k).cells().get(m + 1));
                assertEquals(value(LAST, KINDS.get(k), m), cell);
                sum += cell;
            }
            assertEquals(sum, number(t.rows().get(4).cells().get(m + 1)));
        }
    }

    @Test
    public void withoutAServiceAccountTheCardOffersToCreateOneOrToContinueWithoutExchangeOnline() throws Exception {
        LinksView v = (LinksView) report.render(request(ACME, null));
        assertEquals(List.of(RiskReport.CREATE_ACCOUNT), v.actions().stream().map(LinksView.Action::id).toList());
        assertEquals(Permissions.CUSTOMER_ACT, v.actions().get(0).permission());
        assertEquals("Continue to export", v.links().get(0).label());
        assertTrue(v.links().get(0).href(), v.links().get(0).href().startsWith(
                "/api/v1/customers/7/widgets/risk.report/reports/detailed.pdf?") && v.links().get(0).href().contains("exchange=skip"));

        report.run(request(ACME, null), RiskReport.CREATE_ACCOUNT);
        assertEquals(1, db.count("SELECT COUNT(*) FROM risk_service_account WHERE customer_id = 7 AND requested_at IS NOT NULL"));
        LinksView after = (LinksView) report.render(request(ACME, null));
        assertTrue(after.actions().isEmpty());
        assertEquals(List.of("Continue to export", "Service account requested"),
                after.links().stream().map(org.sightline.api.view.Link::label).toList());
        assertThrows(BadWidgetRequestException.class, () -> report.run(request(ACME, null), "delete-everything"));

        send(ACME, "sa", Map.of("type", "service-account", "status", "ready", "mfa", false, "reported", "2026-11-30T06:00:00Z"));
        LinksView ready = (LinksView) report.render(request(ACME, null));
        assertEquals("Run detailed report", ready.links().get(0).label());
        assertFalse(ready.links().get(0).href().contains("exchange"));
    }

    @Test
    public void theReportHasTheTrendsTheSummaryTheRiskiestWorkspacesAndExchangeOnlineWhenItCan() throws Exception {
        send(ACME, week());
        send(ACME, "site-1", workspace("sharepoint", "Finance", "2026-11-30", 4),
                "od-1", workspace("onedrive", "Adele Vance", "2026-11-30", 9),
                "mbx-1", workspace("exchange", "Megan Bowen", "2026-11-30", 2),
                "sa", Map.of("type", "service-account", "status", "ready", "mfa", false, "reported", "2026-11-30T06:00:00Z"));
        ReportDocument full = report.report(request(ACME, null), RiskReport.DETAILED, Map.of());
        assertEquals(List.of("Risk trends", "Risk insights summary", "Riskiest workspaces", "Exchange Online"), headings(full));
        assertEquals(5, full.blocks().stream().filter(b -> b instanceof ReportDocument.ViewBlock vb
                && vb.view() instanceof TimeSeriesView).count());
        assertFalse(full.blocks().get(0) instanceof ReportDocument.Notice);
        TableView riskiest = table(full, "The 25 workspaces with the most high-risk items");
        assertEquals(2, riskiest.rows().size());
        assertEquals(new Cell.PersonName("Adele Vance"), riskiest.rows().get(0).cells().get(0));
        assertEquals(1, table(full, "Riskiest mailboxes").rows().size());

        ReportDocument skip = report.report(request(ACME, null), RiskReport.DETAILED, Map.of("exchange", "skip"));
        assertEquals(List.of("Risk trends", "Risk insights summary", "Riskiest workspaces"), headings(skip));
        ReportDocument.Notice notice = (ReportDocument.Notice) skip.blocks().get(0);
        assertEquals("Exchange Online is not included", notice.title());
        assertFalse(skip.toString().contains("Megan Bowen"));
        assertEquals("exchange", assertThrows(BadWidgetRequestException.class,
                () -> report.report(request(ACME, null), RiskReport.DETAILED, Map.of("exchange", "yes"))).parameter());
    }

    @Test
    public void sampleDataGoesToEverySubscriberWithTheSharingSpikeAndOneCustomerWithoutAServiceAccount() throws Exception {
        GovernanceSamples samples = mock(GovernanceSamples.class);
        when(samples.subscribers(any(), eq(RiskProduct.ID))).thenReturn(List.of(ACME, GLOBEX));
        RiskSampleData sample = new RiskSampleData(counts, store, samples);
        SampleDataProvider.Request req = new SampleDataProvider.Request(ACME, 42, 1, Instant.parse("2026-11-30T12:00:00Z"),
                ZoneId.of("UTC"));
        db.inTransaction(tx -> {
            sample.writeSample(req, tx);
            return null;
        });
        long rows = db.count("SELECT COUNT(*) FROM governance_daily");
        db.inTransaction(tx -> {
            sample.writeSample(req, tx);
            return null;
        });
        assertEquals(rows, db.count("SELECT COUNT(*) FROM governance_daily"));
        assertEquals(90, db.count("SELECT COUNT(DISTINCT count_day) FROM governance_daily WHERE customer_id = ?", GLOBEX.id()));
        TimeSeriesView v = (TimeSeriesView) trends.render(request(ACME, null));
        List<Double> links = v.series().get(4).points().stream().map(TimeSeriesView.Point::value).toList();
        int spike = links.indexOf(links.stream().max(Double::compare).orElseThrow());
        assertEquals(6 - RiskSampleData.SPIKE_DAYS_AGO, spike);
        assertTrue(((LinksView) report.render(request(ACME, null))).actions().isEmpty());
        assertEquals(RiskReport.CREATE_ACCOUNT, ((LinksView) report.render(request(GLOBEX, null))).actions().get(0).id());
        TableView summary = (TableView) trends.render(request(ACME, RiskTrends.SUMMARY));
        long workspaceHigh = db.count("SELECT SUM(high_risk) FROM risk_workspace WHERE customer_id = ? AND kind <> 'exchange'",
                ACME.id());
        assertEquals(workspaceHigh, number(summary.rows().get(4).cells().get(1)));
    }

    @Test
    public void disconnectingDeletesOnlyThatCustomersWorkspacesAndServiceAccount() throws Exception {
        for (CustomerRef c : List.of(ACME, GLOBEX)) {
            send(c, "site-1", workspace("sharepoint", "Finance", "2026-11-30", 4),
                    "sa", Map.of("type", "service-account", "status", "absent", "mfa", false, "reported", "2026-11-30T06:00:00Z"));
        }
        db.inTransaction(tx -> {
            store.deleteCustomerData(ACME, tx);
            return null;
        });
        assertEquals(0, db.count("SELECT COUNT(*) FROM risk_workspace WHERE customer_id = 7")
                + db.count("SELECT COUNT(*) FROM risk_service_account WHERE customer_id = 7"));
        assertEquals(2, db.count("SELECT COUNT(*) FROM risk_workspace WHERE customer_id = 8")
                + db.count("SELECT COUNT(*) FROM risk_service_account WHERE customer_id = 8"));
    }

    @Test
    public void everyComponentCanBeActivated() throws Exception {
        ComponentDescriptors.assertActivatable(Path.of("target/classes"));
    }

    private static List<String> headings(ReportDocument d) {
        return d.blocks().stream().filter(b -> b instanceof ReportDocument.Heading)
                .map(b -> ((ReportDocument.Heading) b).text()).toList();
    }

    private static TableView table(ReportDocument d, String title) {
        return d.blocks().stream().filter(b -> b instanceof ReportDocument.ViewBlock vb && title.equals(vb.title()))
                .map(b -> (TableView) ((ReportDocument.ViewBlock) b).view()).findFirst().orElseThrow();
    }

    private static long number(Cell c) {
        return ((Cell.Num) c).value().longValueExact();
    }
}
