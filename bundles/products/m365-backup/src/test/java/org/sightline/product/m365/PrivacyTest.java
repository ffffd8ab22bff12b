package org.sightline.product.m365;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.sightline.api.CustomerRef;
import org.sightline.api.Permissions;
import org.sightline.api.ingest.IngestRecord;
import org.sightline.api.view.TableView;
import org.sightline.api.view.WidgetView;
import org.sightline.api.widget.PageRequest;
import org.sightline.api.widget.Placement;
import org.sightline.api.widget.TimeRange;
import org.sightline.api.widget.WidgetDescriptor;
import org.sightline.api.widget.WidgetRequest;
import org.sightline.core.DashboardQuery;
import org.sightline.core.DashboardService;
import org.sightline.core.RenderedWidget;
import org.sightline.core.TableExport;
import org.sightline.core.internal.export.TableExportService;
import org.sightline.core.internal.privacy.PrivacyFilter;
import org.sightline.family.support.testing.TestDatabase;
import org.sightline.product.m365.activity.ActivityRecords;
import org.sightline.product.m365.activity.ActivitySample;
import org.sightline.product.m365.activity.ActivityStore;
import org.sightline.product.m365.activity.UnusualActivityWidget;
import org.sightline.product.m365.testing.Requests;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;

/**
 * No e-mail address, person name or unmasked phone number from a file path or an object name leaves the server:
 * every view and panel of the unusual-activity widget is passed through the core's privacy filter and written as
 * JSON, and its tables through the core's own CSV and XLSX exporters, as the server does.
 */
public class PrivacyTest {
    private static final Instant END = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS);
    private static final LocalDate TODAY = LocalDate.ofInstant(END.minusSeconds(1), ZoneOffset.UTC);
    /** What must never leave: names, addresses and phone digits in object names and file paths. */
    private static final List<String> SECRETS = List.of("Jane", "Quincy", "Public", "jane.public", "Megan", "Bowen",
            "megan.bowen", "megan_bowen", "Alex", "Wilber", "alex.wilber", "pm@contoso", "4155550175",
            "415 555 0175", "555-0175", "23456789", "151 2345", "79460958", "7946 0958");
    private static final WidgetDescriptor DESCRIPTOR = new WidgetDescriptor(UnusualActivityWidget.ID, "Unusual activity",
            "m365-backup", "unusual-activity", Set.of(Placement.OVERVIEW), 10, Permissions.CUSTOMER_READ, Duration.ZERO,
            true);

    private final CustomerRef customer = Requests.customer(7, "https://backup.example.net/t/7");
    private TestDatabase db;
    private UnusualActivityWidget widget;

    @Before
    public void setUp() throws Exception {
        db = new TestDatabase("m365");
        ActivityStore store = new ActivityStore(db);
        widget = new UnusualActivityWidget(store, new Requests.Recorder());
        ActivityRecords records = new ActivityRecords(store);
        db.inTransaction(tx -> {
            try (Connection c = tx.getConnection()) {
                new ActivitySample(store).write(c, customer.id(), 42, TODAY, true);
            }
            records.store(ActivityRecords.FINDING, record("p1", "onedrive", "jane.public@contoso.com",
                    "Jane Quincy Public", List.of("/personal/jane_public_contoso_com/Documents/Jane Quincy Public CV.docx.enc",
                            "/Documents/Call +1 (415) 555-0175 back.txt", "/Documents/jane.public@contoso.com/notes.enc")), tx);
            records.store(ActivityRecords.FINDING, record("p2", "sharepoint-site", "site-9",
                    "Projects (owner pm@contoso.com, +44 20 7946 0958)", List.of("/sites/Projects/Jane Public.pdf")), tx);
            return null;
        });
    }

    @After
    public void tearDown() throws Exception {
        db.close();
    }

    private IngestRecord record(String id, String type, String key, String name, List<String> files) {
        Map<String, Object> f = new HashMap<>();
        f.put("day", TODAY.toString());
        f.put("objectType", type);
        f.put("objectId", key);
        f.put("objectName", name);
        f.put("activity", "suspicious-path");
        f.put("score", 99L);
        f.put("files", files);
        return new IngestRecord(1, customer, id, f);
    }

    private WidgetRequest request(String panel, String cursor, int limit) {
        return new WidgetRequest(customer, Requests.VIEWER, TimeRange.ending(END, Duration.ofDays(30)),
                ZoneOffset.UTC, new PageRequest(cursor, limit), Map.of(), panel);
    }

    @Test
    public void noNameAddressOrPhoneNumberLeavesAsJson() throws Exception {
        ObjectMapper json = new ObjectMapper().registerModule(new SimpleModule()
                .addSerializer(Instant.class, new ToStringSerializer(Instant.class)));
        List<String> panels = new ArrayList<>(List.of("suspicious"));
        TableView items = (TableView) widget.render(request("suspicious", null, 500));
        items.rows().forEach(r -> panels.add(r.panel()));
        assertTrue("the incident, the test's OneDrive and site", items.rows().size() >= 4);
        String all = json.writeValueAsString(PrivacyFilter.filter(widget.render(request(null, null, 50))));
        for (String panel : panels) {
            all += json.writeValueAsString(PrivacyFilter.filter(widget.render(request(panel, null, 500))));
        }
        assertTrue(all, all.contains(".enc") && all.contains("[content hidden]") && all.contains("[name hidden]"));
        assertClean("JSON", all);
    }

    @Test
    public void noNameAddressOrPhoneNumberLeavesAsCsvOrXlsx() throws Exception {
        DashboardService dashboards = mock(DashboardService.class);
        when(dashboards.widget(any(), anyLong(), anyString(), any())).thenAnswer(inv -> {
            DashboardQuery q = inv.getArgument(3);
            WidgetView v = widget.render(request(q.panel(), q.page().cursor(), q.page().limit()));
            return new RenderedWidget(DESCRIPTOR, PrivacyFilter.filter(v), null, 1);
        });
        TableExportService export = new TableExportService(dashboards, mock(org.sightline.core.AuditLog.class));
        TableView items = (TableView) widget.render(request("suspicious", null, 500));
        List<String> panels = new ArrayList<>(List.of("suspicious"));
        items.rows().forEach(r -> panels.add(r.panel()));
        for (String panel : panels) {
            DashboardQuery q = new DashboardQuery(null, TimeRange.ending(END, Duration.ofDays(30)), ZoneOffset.UTC,
                    new PageRequest(null, 2), Map.of(), panel);
            ByteArrayOutputStream csv = new ByteArrayOutputStream();
            export.write(Requests.VIEWER, customer.id(), UnusualActivityWidget.ID, q, TableExport.Format.CSV, csv);
            String text = csv.toString(StandardCharsets.UTF_8);
            assertTrue(text, text.lines().count() > 1);
            assertClean("CSV of " + panel, text);
            ByteArrayOutputStream xlsx = new ByteArrayOutputStream();
            export.write(Requests.VIEWER, customer.id(), UnusualActivityWidget.ID, q, TableExport.Format.XLSX, xlsx);
            assertClean("XLSX of " + panel, unzip(xlsx.toByteArray()));
        }
    }

    private static String unzip(byte[] bytes) throws Exception {
        StringBuilder all = new StringBuilder();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                all.append(new String(zip.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        assertTrue(all.toString(), all.indexOf("<sheetData") >= 0);
        return all.toString();
    }

    private static void assertClean(String what, String text) {
        for (String s : SECRETS) {
            assertFalse(what + " holds '" + s + "':\n" + text, text.contains(s));
        }
    }

}
