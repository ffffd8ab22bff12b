package org.sightline.core.internal.export;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.Test;
import org.sightline.api.Permissions;
import org.sightline.api.Viewer;
import org.sightline.api.view.Cell;
import org.sightline.api.view.CellType;
import org.sightline.api.view.TableView;
import org.sightline.api.widget.Placement;
import org.sightline.api.widget.WidgetDescriptor;
import org.sightline.core.DashboardQuery;
import org.sightline.core.DashboardService;
import org.sightline.core.RenderedWidget;
import org.sightline.core.TableExport;
import org.sightline.core.internal.privacy.PrivacyFilter;

public class TableExportServiceTest {
    private static final Viewer V = new Viewer("u", 1, Set.of("admin"), Set.of(Permissions.CUSTOMER_READ));
    private static final WidgetDescriptor D = new WidgetDescriptor("sms.log", "SMS log", "sms", "usage",
            Set.of(Placement.PRODUCT_PAGE), 1, Permissions.CUSTOMER_READ, Duration.ZERO, true);
    private static final List<TableView.Column> COLS = List.of(new TableView.Column("to", "To", CellType.PHONE),
            new TableView.Column("note", "Note", CellType.TEXT), new TableView.Column("price", "Price", CellType.MONEY));

    private final DashboardService dashboards = mock(DashboardService.class);
    private final TableExportService export = new TableExportService(dashboards, org.mockito.Mockito.mock(org.sightline.core.AuditLog.class));

    private static RenderedWidget page(String next, String... notes) {
        List<TableView.Row> rows = java.util.Arrays.stream(notes).map(n -> new TableView.Row(List.of(
                Cell.phone("+15551234567"), Cell.text(n), Cell.money(new BigDecimal("0.05"), "EUR")))).toList();
        return new RenderedWidget(D, PrivacyFilter.filter(new TableView(COLS, rows, next, 3L)), null, 1);
    }

    @Test
    public void csvHoldsEveryPageMaskedAndDefusesFormulas() throws Exception {
        when(dashboards.widget(any(), anyLong(), eq("sms.log"), any())).thenAnswer(inv -> {
            DashboardQuery q = inv.getArgument(3);
            return q.page().cursor() == null ? page("c2", "first, with comma", "=HYPERLINK(\"x\")") : page(null, "third");
        });
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long rows = export.write(V, 7, "sms.log", DashboardQuery.overview(), TableExport.Format.CSV, out);
        assertEquals(3, rows);
        String csv = out.toString(StandardCharsets.UTF_8).substring(1);
        assertEquals("To,Note,Price\r\n"
                + "••••4567,\"first, with comma\",0.05 EUR\r\n"
                + "••••4567,\"'=HYPERLINK(\"\"x\"\")\",0.05 EUR\r\n"
                + "••••4567,third,0.05 EUR\r\n", csv);
        assertFalse(csv.contains("5551234567"));
    }

    @Test
    public void xlsxIsAWorkbookWithMaskedStringsAndNumericAmounts() throws Exception {
        when(dashboards.widget(any(), anyLong(), eq("sms.log"), any())).thenReturn(page(null, "a <b> & c"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        export.write(V, 7, "sms.log", DashboardQuery.overview(), TableExport.Format.XLSX, out);
        String sheet = null;
        int parts = 0;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(out.toByteArray()))) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                parts++;
                String body = new String(zip.readAllBytes(), StandardCharsets.UTF_8);
                if (e.getName().equals("xl/worksheets/sheet1.xml")) {
                    sheet = body;
                }
                if (e.getName().equals("xl/workbook.xml")) {
                    assertTrue(body, body.contains("name=\"SMS log\""));
                }
            }
        }
        assertEquals(6, parts);
        assertTrue(sheet, sheet.contains("<t xml:space=\"preserve\">••••4567</t>"));
        assertTrue(sheet, sheet.contains("a &lt;b&gt; &amp; c"));
        assertTrue(sheet, sheet.contains("<v>0.05</v>"));
        assertFalse(sheet.contains("5551234567"));
    }
}
