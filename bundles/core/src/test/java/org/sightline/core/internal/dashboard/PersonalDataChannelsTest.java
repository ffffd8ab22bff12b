package org.sightline.core.internal.dashboard;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.annotation.Annotation;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import javax.sql.DataSource;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameters;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.sightline.api.CustomerRef;
import org.sightline.api.Permissions;
import org.sightline.api.Product;
import org.sightline.api.Viewer;
import org.sightline.api.view.Cell;
import org.sightline.api.view.CellType;
import org.sightline.api.view.Kpi;
import org.sightline.api.view.KpiView;
import org.sightline.api.view.Link;
import org.sightline.api.view.LinksView;
import org.sightline.api.view.Severity;
import org.sightline.api.view.StatusListView;
import org.sightline.api.view.TableView;
import org.sightline.api.view.WidgetView;
import org.sightline.api.widget.ActionResult;
import org.sightline.api.widget.BadWidgetRequestException;
import org.sightline.api.widget.DashboardWidget;
import org.sightline.api.widget.WidgetActions;
import org.sightline.api.widget.WidgetRequest;
import org.sightline.core.AuditLog;
import org.sightline.core.CustomerDirectory;
import org.sightline.core.DashboardQuery;
import org.sightline.core.InvalidParameterException;
import org.sightline.core.TableExport;
import org.sightline.core.internal.cache.CacheDirectory;
import org.sightline.core.internal.cache.ChangeNotes;
import org.sightline.core.internal.export.TableExportService;
import org.sightline.core.internal.registry.WidgetRegistryImpl;
import org.sightline.core.internal.tenancy.CustomerIndex;

/**
 * Plants the same personal data in every string a module can hand the core — widget title, section, product
 * name, column label, text cell, typed phone / name / message cells, link label and href, link cell, filter
 * option, KPI and status labels, action label, action message, a rejected parameter, a failing render — and
 * reads everything the core hands out through the real registry, composer, privacy filter and exporter: the
 * dashboard, the widget, the health listing, the action's answer, the 400's text, CSV and XLSX (sheet name
 * included). Nothing may leave unmasked.
 */
@RunWith(Parameterized.class)
public class PersonalDataChannelsTest {
    private static final Viewer ADMIN = new Viewer("anna", 1, Set.of("admin"),
            Set.of(Permissions.CUSTOMER_READ, Permissions.CUSTOMER_ACT, Permissions.ADMIN));
    private static final CustomerRef ACME = new CustomerRef(7, 1, "ACME-1", "Acme", "EUR", true);
    private static final String NAME = "Jane Roe";
    private static final String MESSAGE = "meet me at the usual place";
    /** Every planted phone number has area code 415 and exchange 555; an unmasked one shows them together. */
    private static final Pattern PHONE_LEFT = Pattern.compile("415\\D{0,3}555");

    @Parameters(name = "{0}")
    public static List<Object[]> plants() {
        return List.of(new Object[][] {
                {"+1 415 555 0101", "••••0101"},
                {"415\u00A0555\u00A00102", "••••0102"},
                {"415\u202F555\u202F0103", "••••0103"},
                {"415–555–0104", "••••0104"},
                {"415—555—0105", "••••0105"},
                {"415/555/0106", "••••0106"},
                {"415.555.0107", "••••0107"},
                {"(415) 555-0108", "••••0108"},
                {"+1-415-555-0109", "••••0109"},
                {"x4155550110x", "x••••0110x"},
                {"4155550111 4155550112", "••••0112"},
                {"4155550113, 4155550114", "••••0113, ••••0114"},
                {"4155550115123456", "••••3456"},
                {"415\u200B555\u200B0116", "••••0116"},
                {"jane.doe@example.com", "j…@example.com"},
                {"JANE.DOE＠example.com", "J…@example.com"},
                {"jane.doe(at)example.com", "j…@example.com"},
        });
    }

    private final String plant;
    private final String masked;
    private final WidgetRegistryImpl registry = new WidgetRegistryImpl();
    private final ChangeNotes changes = new ChangeNotes();
    private final CacheDirectory caches = new CacheDirectory();
    private final ViewCache cache = new ViewCache(changes, caches);
    private final CustomerDirectory customers = mock(CustomerDirectory.class);
    private DashboardComposer composer;
    private long nextServiceId = 1;

    public PersonalDataChannelsTest(String plant, String masked) {
        this.plant = plant;
        this.masked = masked;
    }

    @Before
    public void setUp() {
        when(customers.find(any(), anyLong())).thenReturn(Optional.empty());
        when(customers.find(any(), eq(7L))).thenReturn(Optional.of(ACME));
        when(customers.subscribedProducts(anyLong())).thenReturn(List.of("leak"));
        bindProduct();
        composer = new DashboardComposer(registry, customers, cache, changes, caches,
                mock(AuditLog.class), config());
        bind("leak.table", r -> table());
        bind("leak.tiles", r -> new KpiView(List.of(new Kpi("k", "Top " + plant, Cell.text(plant), Severity.INFO,
                Link.to("Dial " + plant, "https://vendor.example/dial?to=" + plant)))));
        bind("leak.status", r -> new StatusListView(List.of(new StatusListView.Item("Line " + plant,
                (Cell.Status) Cell.status("ok", "OK for " + plant, Severity.OK), Cell.text(plant), null,
                Link.to("Open " + plant, "/lines/" + plant)))));
        bind("leak.actions", new ActionsWidget());
        bind("leak.broken", r -> {
            throw new IllegalStateException("cannot reach " + plant);
        });
        bind("leak.refusing", r -> {
            throw new BadWidgetRequestException("to " + plant, "no such number " + plant);
        });
    }

    @After
    public void tearDown() {
        composer.deactivate();
    }

    private TableView table() {
        List<TableView.Column> cols = List.of(
                new TableView.Column("note", "Note for " + plant, CellType.TEXT),
                new TableView.Column("from", "From", CellType.PHONE),
                new TableView.Column("name", "Contact", CellType.PERSON_NAME),
                new TableView.Column("body", "Content", CellType.MESSAGE_CONTENT),
                new TableView.Column("link", "Link", CellType.LINK));
        TableView.Row row = new TableView.Row(List.of(Cell.text("call back on " + plant), Cell.phone(plant),
                Cell.personName(NAME), Cell.message(MESSAGE), Cell.link(Link.to("Write to " + plant, "mailto:" + plant))));
        return new TableView(cols, List.of(row), null, 1L,
                List.of(Link.to("Call " + plant, "https://vendor.example/call/" + plant), Link.panel("Details", "details")),
                List.of(new TableView.Filter("to", "To " + plant, List.of(new TableView.Option(plant, "Number " + plant)))));
    }

    /** Offers an action labelled with the plant; running it answers with the plant or refuses naming it. */
    private final class ActionsWidget implements DashboardWidget, WidgetActions {
        @Override
        public WidgetView render(WidgetRequest r) {
            return new LinksView(List.of(Link.to("Mail " + plant, "https://vendor.example/m?to="
                    + java.net.URLEncoder.encode(plant, StandardCharsets.UTF_8))),
                    List.of(new LinksView.Action("call", "Call " + plant, Permissions.CUSTOMER_ACT, null),
                            new LinksView.Action("bad", "Retry " + plant, Permissions.CUSTOMER_ACT, null)));
        }

        @Override
        public ActionResult run(WidgetRequest r, String actionId) throws BadWidgetRequestException {
            if (actionId.equals("bad")) {
                throw new BadWidgetRequestException("to " + plant, "cannot call " + plant);
            }
            return new ActionResult("We called " + plant);
        }
    }

    @Test
    public void theDashboardShowsTheDataMaskedEverywhere() {
        String out = composer.dashboard(ADMIN, 7, DashboardQuery.overview()).toString();
        assertNoLeak("dashboard", out);
        assertTrue(out, out.contains("title=Leak " + masked));
        assertTrue(out, out.contains("section=usage " + masked));
        assertTrue(out, out.contains("displayName=Leaky " + masked));
        assertTrue(out, out.contains("call back on " + masked));
        assertTrue(out, out.contains("Note for " + masked));
        assertTrue(out, out.contains("label=Number " + masked));
        assertTrue(out, out.contains("Top " + masked));
        assertTrue(out, out.contains("OK for " + masked));
        assertTrue(out, out.contains("Call " + masked));
        assertTrue(out, out.contains("[name hidden]") && out.contains("[content hidden]"));
    }

    @Test
    public void aLinkWhoseUrlCarriesTheDataIsDroppedAndNeverHalfMasked() {
        TableView t = (TableView) composer.widget(ADMIN, 7, "leak.table", DashboardQuery.overview()).view();
        // the footer link to .../call/<number> is gone; the panel link stays
        assertEquals(List.of(Link.panel("Details", "details")), t.links());
        // the mailto: cell shows its masked label as text, with no URL
        assertEquals(Cell.text("Write to " + masked), t.rows().get(0).cells().get(4));
        KpiView k = (KpiView) composer.widget(ADMIN, 7, "leak.tiles", DashboardQuery.overview()).view();
        assertEquals(null, k.tiles().get(0).link());
        StatusListView s = (StatusListView) composer.widget(ADMIN, 7, "leak.status", DashboardQuery.overview()).view();
        assertEquals(null, s.items().get(0).link());
        LinksView l = (LinksView) composer.widget(ADMIN, 7, "leak.actions", DashboardQuery.overview()).view();
        assertEquals(List.of(), l.links());
        assertNoLeak("links", t + " " + k + " " + s + " " + l);
    }

    @Test
    public void theHealthListingShowsTheTitleMasked() {
        composer.dashboard(ADMIN, 7, DashboardQuery.overview());
        String out = registry.widgets().toString() + registry.products();
        assertNoLeak("health", out);
        assertTrue(out, out.contains("title=Leak " + masked));
    }

    @Test
    public void errorCardsAndRefusalsDoNotRepeatTheData() {
        String cards = composer.dashboard(ADMIN, 7, DashboardQuery.overview()).widgets().stream()
                .filter(w -> w.error() != null).map(w -> w.descriptor().title() + ": " + w.error()).toList().toString();
        assertNoLeak("error cards", cards);
        assertTrue(cards, cards.contains("failed with IllegalStateException"));
        try {
            composer.widget(ADMIN, 7, "leak.refusing", DashboardQuery.overview());
            fail("a refused request is a 400");
        } catch (InvalidParameterException e) {
            assertNoLeak("400", e.parameter() + " " + e.getMessage());
            assertTrue(e.getMessage(), e.getMessage().contains("no such number " + masked));
        }
    }

    @Test
    public void actionLabelsMessagesAndRefusalsAreMasked() {
        String answer = composer.act(ADMIN, 7, "leak.actions", "call", null);
        assertEquals("We called " + masked, answer);
        try {
            composer.act(ADMIN, 7, "leak.actions", "bad", null);
            fail("a refused action is a 400");
        } catch (InvalidParameterException e) {
            assertNoLeak("action 400", e.parameter() + " " + e.getMessage());
            assertEquals("to " + masked, e.parameter());
        }
    }

    @Test
    public void csvAndXlsxExportsIncludingTheSheetNameAreMasked() throws Exception {
        TableExportService export = new TableExportService(composer);
        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        export.write(ADMIN, 7, "leak.table", DashboardQuery.overview(), TableExport.Format.CSV, csv);
        String csvText = csv.toString(StandardCharsets.UTF_8);
        assertNoLeak("csv", csvText);
        assertTrue(csvText, csvText.contains("Note for " + masked));
        assertTrue(csvText, csvText.contains("call back on " + masked));

        ByteArrayOutputStream xlsx = new ByteArrayOutputStream();
        export.write(ADMIN, 7, "leak.table", DashboardQuery.overview(), TableExport.Format.XLSX, xlsx);
        StringBuilder parts = new StringBuilder();
        String workbook = null;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(xlsx.toByteArray()))) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                String body = new String(zip.readAllBytes(), StandardCharsets.UTF_8);
                parts.append(body);
                if (e.getName().equals("xl/workbook.xml")) {
                    workbook = body;
                }
            }
        }
        assertNoLeak("xlsx", parts.toString());
        String sheetName = ("Leak " + masked).replaceAll("[\\\\/?*\\[\\]:]", " ");
        sheetName = sheetName.length() > 31 ? sheetName.substring(0, 31) : sheetName;
        assertTrue(workbook, workbook.contains("<sheet name=\"" + sheetName + "\""));
        assertTrue(parts.toString(), parts.toString().contains("call back on " + masked));
    }

    private void assertNoLeak(String channel, String out) {
        assertFalse(channel + " shows a phone number: " + out, PHONE_LEFT.matcher(out).find());
        assertFalse(channel + " shows an e-mail address: " + out, out.toLowerCase().contains("jane"));
        assertFalse(channel + " shows a name: " + out, out.contains("Roe"));
        assertFalse(channel + " shows message content: " + out, out.contains("usual place"));
    }

    private void bind(String id, DashboardWidget w) {
        Map<String, Object> props = new HashMap<>();
        props.put(Constants.SERVICE_ID, nextServiceId++);
        props.put("sightline.widget.id", id);
        props.put("sightline.widget.title", "Leak " + plant);
        props.put("sightline.widget.product", "leak");
        props.put("sightline.widget.section", "usage " + plant);
        props.put("sightline.widget.refreshSeconds", 0);
        @SuppressWarnings("unchecked")
        ServiceReference<DashboardWidget> ref = mock(ServiceReference.class);
        when(ref.getProperty(any())).thenAnswer(inv -> props.get(inv.getArgument(0)));
        registry.bindWidget(ref, w);
    }

    private void bindProduct() {
        @SuppressWarnings("unchecked")
        ServiceReference<Product> ref = mock(ServiceReference.class);
        when(ref.getProperty(Constants.SERVICE_ID)).thenReturn(nextServiceId++);
        registry.bindProduct(ref, new Product() {
            @Override public String id() { return "leak"; }
            @Override public String displayName() { return "Leaky " + plant; }
            @Override public String family() { return FAMILY_COMMUNICATIONS; }
        });
    }

    private static DashboardComposer.Config config() {
        return new DashboardComposer.Config() {
            @Override public Class<? extends Annotation> annotationType() { return DashboardComposer.Config.class; }
            @Override public long widget_deadline_ms() { return 2_000; }
            @Override public int widget_pool_size() { return 4; }
            @Override public int widget_max_in_flight() { return 4; }
            @Override public int range_default_days() { return 30; }
            @Override public int range_max_days() { return 3660; }
            @Override public long dashboard_reuse_ms() { return 0; }
            @Override public long report_deadline_ms() { return 15_000; }
        };
    }
}
