package org.sightline.widget.testkit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

import org.sightline.api.view.Cell;
import org.sightline.api.view.CustomView;
import org.sightline.api.view.CellType;
import org.sightline.api.view.Kpi;
import org.sightline.api.view.KpiView;
import org.sightline.api.view.Link;
import org.sightline.api.view.LinksView;
import org.sightline.api.view.Severity;
import org.sightline.api.view.StatusListView;
import org.sightline.api.view.TableView;
import org.sightline.api.widget.DashboardWidget;
import org.sightline.api.widget.Placement;
import org.sightline.api.widget.WidgetDescriptor;

public class WidgetTestKitTest {
    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    /** Every cell kind, personal data in typed cells and in free text: the real filter masks all of it. */
    @Test
    public void aTableWithEveryCellKindPassesOnceFiltered() throws Exception {
        DashboardWidget w = r -> new TableView(
                columns("Contact jane.doe@example.com", CellType.PERSON_NAME, CellType.PHONE, CellType.MESSAGE_CONTENT,
                        CellType.TEXT, CellType.NUMBER, CellType.MONEY, CellType.TIMESTAMP, CellType.DURATION,
                        CellType.STATUS, CellType.LINK, CellType.LINK, CellType.PHONE, CellType.TEXT),
                List.of(new TableView.Row(List.of(Cell.personName("Jane Doe"), Cell.phone("+44 20 7946 0123"),
                        Cell.message("call me at home"), Cell.text("mail jane.doe@example.com or +1 555 010 9999"),
                        Cell.number(BigDecimal.TEN, "per +44 20 7946 0999"),
                        Cell.money(new BigDecimal("12.50"), "EUR"), Cell.timestamp(WidgetTestKit.NOW),
                        Cell.duration(Duration.ofSeconds(90)), Cell.status("ok", "Sent to jane.doe@example.com", Severity.OK),
                        Cell.link(new Link("Call +44 20 7946 0123", "tel:+442079460123", null)),
                        Cell.link(new Link("Open", "https://example.com/jobs/2026-01-15", null)),
                        new Cell.Redacted(CellType.PHONE, "+44 20 7946 0123"), Cell.empty()), null)),
                null, 1L, List.of(new Link("Mail jane.doe@example.com", "mailto:jane.doe@example.com", null)), List.of());
        Shown s = WidgetTestKit.render(w).assertNoPersonalData("Jane Doe", "call me at home");
        assertFalse(s.json(), s.json().contains("jane.doe@"));
        assertFalse(s.json(), s.json().contains("tel:"));
        assertTrue(s.json(), s.json().contains("j…@example.com"));
        assertTrue(s.json(), s.json().contains("••••0123"));
    }

    @Test
    public void aPhoneNumberInAPanelIdEscapesAndFails() throws Exception {
        DashboardWidget w = r -> new TableView(List.of(new TableView.Column("c", "Caller", CellType.TEXT)),
                List.of(new TableView.Row(List.of(Cell.text("a caller")), "caller-+442079460123")),
                null, null, List.of(), List.of());
        AssertionError e = assertThrows(AssertionError.class, () -> WidgetTestKit.render(w).assertNoPersonalData());
        assertTrue(e.getMessage(), e.getMessage().contains("$.rows[0].panel"));
    }

    @Test
    public void anEmailAddressInATileIdOrCustomDataKeyFails() throws Exception {
        DashboardWidget tile = r -> new KpiView(List.of(new Kpi("jane.doe@example.com", "Mails", Cell.number(3))));
        assertThrows(AssertionError.class, () -> WidgetTestKit.render(tile).assertNoPersonalData());
        DashboardWidget custom = r -> new CustomView("x-card", Map.of("jane.doe@example.com", Cell.number(1)), List.of());
        AssertionError e = assertThrows(AssertionError.class, () -> WidgetTestKit.render(custom).assertNoPersonalData());
        assertTrue(e.getMessage(), e.getMessage().contains("field name"));
    }

    @Test
    public void aNamedPersonalStringInPlainTextFails() throws Exception {
        // The filter cannot recognise a name in plain text; the test names it and the kit finds it.
        DashboardWidget w = r -> new StatusListView(List.of(new StatusListView.Item("Backup of Jane Doe",
                (Cell.Status) Cell.status("ok", "OK", Severity.OK), null, null, null)), List.of());
        AssertionError e = assertThrows(AssertionError.class,
                () -> WidgetTestKit.render(w).assertNoPersonalData("jane doe"));
        assertTrue(e.getMessage(), e.getMessage().contains("$.items[0].label"));
    }

    @Test
    public void actionsAndLinksAreChecked() throws Exception {
        DashboardWidget w = r -> new LinksView(List.of(new Link("Portal", "https://portal.example.com/", null)),
                List.of(new LinksView.Action("restart", "Restart", "customer.act", "Type RESTART")));
        WidgetTestKit.render(w).assertNoPersonalData();
    }

    @Test
    public void readsTheDescriptorBndGenerated() throws Exception {
        Path classes = tmp.newFolder("classes").toPath();
        Files.createDirectories(classes.resolve("OSGI-INF"));
        Files.writeString(classes.resolve("OSGI-INF/w.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <scr:component xmlns:scr="http://www.osgi.org/xmlns/scr/v1.3.0" name="%s">
                  <property name="sightline.widget.id" type="String" value="acme.status"/>
                  <property name="sightline.widget.title" type="String" value="Acme status"/>
                  <property name="sightline.widget.product" type="String" value="acme"/>
                  <property name="sightline.widget.section" type="String" value="status"/>
                  <property name="sightline.widget.placement" type="String">PRODUCT_PAGE
                  </property>
                  <property name="sightline.widget.order" type="Integer" value="5"/>
                  <property name="sightline.widget.refreshSeconds" type="Integer" value="30"/>
                  <service><provide interface="org.sightline.api.widget.DashboardWidget"/></service>
                  <implementation class="%s"/>
                </scr:component>
                """.formatted(Sample.class.getName(), Sample.class.getName()));
        WidgetDescriptor d = WidgetTestKit.descriptor(classes, Sample.class);
        assertEquals("acme.status", d.id());
        assertEquals("acme", d.productId());
        assertEquals(java.util.Set.of(Placement.PRODUCT_PAGE), d.placement());
        assertEquals(5, d.order());
        assertEquals(Duration.ofSeconds(30), d.refresh());

        Files.writeString(classes.resolve("OSGI-INF/w.xml"), Files.readString(classes.resolve("OSGI-INF/w.xml"))
                .replace("Acme status", "Acme status, call +44 20 7946 0123"));
        assertThrows(AssertionError.class, () -> WidgetTestKit.descriptor(classes, Sample.class));
    }

    private static List<TableView.Column> columns(String firstLabel, CellType... types) {
        java.util.ArrayList<TableView.Column> out = new java.util.ArrayList<>();
        for (int i = 0; i < types.length; i++) {
            out.add(new TableView.Column("c" + i, i == 0 ? firstLabel : "Column " + i, types[i]));
        }
        return out;
    }

    public static class Sample implements DashboardWidget {
        @Override
        public org.sightline.api.view.WidgetView render(org.sightline.api.widget.WidgetRequest request) {
            return new KpiView(List.of(new Kpi("n", "Count", Cell.number(1))));
        }
    }
}
