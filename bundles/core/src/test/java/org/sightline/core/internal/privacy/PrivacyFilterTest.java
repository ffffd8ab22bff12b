package org.sightline.core.internal.privacy;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.Test;
import org.sightline.api.view.Cell;
import org.sightline.api.view.CellType;
import org.sightline.api.view.CustomView;
import org.sightline.api.view.Kpi;
import org.sightline.api.view.KpiView;
import org.sightline.api.view.Link;
import org.sightline.api.view.Severity;
import org.sightline.api.view.StatusListView;
import org.sightline.api.view.TableView;

public class PrivacyFilterTest {

    @Test
    public void phoneNumbersKeepOnlyTheirLastFourDigits() {
        assertEquals(new Cell.Redacted(CellType.PHONE, "••••4567"), PrivacyFilter.cell(Cell.phone("+1 (555) 123-4567")));
        assertEquals(new Cell.Redacted(CellType.PHONE, "••••"), PrivacyFilter.cell(Cell.phone("123")));
        // A module that keeps only the last four digits (data minimisation) still shows them.
        assertEquals(new Cell.Redacted(CellType.PHONE, "••••4321"), PrivacyFilter.cell(Cell.phone("4321")));
    }

    @Test
    public void namesAndMessageContentAreRemovedWithAMarker() {
        assertEquals(new Cell.Redacted(CellType.PERSON_NAME, "[name hidden]"), PrivacyFilter.cell(Cell.personName("Jane Roe")));
        assertEquals(new Cell.Redacted(CellType.MESSAGE_CONTENT, "[content hidden]"), PrivacyFilter.cell(Cell.message("hi there")));
    }

    @Test
    public void phoneNumbersInFreeTextAreMaskedButDatesAndAmountsAreNot() {
        assertEquals("call ••••0123 now", PrivacyFilter.scrub("call +44 7700 900123 now"));
        assertEquals("from ••••4567", PrivacyFilter.scrub("from 555-123-4567"));
        assertEquals("on 2026-11-21 at 10:00", PrivacyFilter.scrub("on 2026-11-21 at 10:00"));
        assertEquals("1,234,567.89 EUR", PrivacyFilter.scrub("1,234,567.89 EUR"));
        assertEquals("ACC-12345", PrivacyFilter.scrub("ACC-12345"));
    }

    @Test
    public void aVendorCannotSmuggleANumberThroughAnyStringOfAView() {
        String raw = "+447700900123";
        TableView t = new TableView(List.of(new TableView.Column("c", "Col " + raw, CellType.TEXT)),
                List.of(new TableView.Row(List.of(new Cell.Redacted(CellType.PHONE, raw)))), null, 1L,
                List.of(Link.to("Call " + raw, "tel:" + raw)), List.of(new TableView.Filter("to", "To " + raw,
                        List.of(new TableView.Option(raw, "Number " + raw)))));
        TableView filtered = (TableView) PrivacyFilter.filter(t);
        assertEquals("••••0123", filtered.filters().get(0).options().get(0).value());
        String out = filtered.toString();
        assertFalse(out, out.contains("7700900"));

        KpiView k = new KpiView(List.of(new Kpi("k", "Top " + raw, Cell.text(raw), Severity.INFO, Link.panel(raw, "p"))));
        assertFalse(PrivacyFilter.filter(k).toString().contains("7700900"));

        StatusListView s = new StatusListView(List.of(new StatusListView.Item("Line " + raw,
                (Cell.Status) Cell.status("ok", "OK " + raw, Severity.OK), Cell.phone(raw), Instant.EPOCH, null)));
        assertFalse(PrivacyFilter.filter(s).toString().contains("7700900"));

        CustomView c = new CustomView("x-card", Map.of("who", Cell.personName("Jane Roe"), "n", Cell.phone(raw)), List.of());
        String cs = PrivacyFilter.filter(c).toString();
        assertFalse(cs, cs.contains("Jane") || cs.contains("7700900"));
    }

    @Test
    public void valuesWithoutPersonalDataPassUnchanged() {
        Cell money = Cell.money(new BigDecimal("1.25"), "EUR");
        assertEquals(money, PrivacyFilter.cell(money));
        Cell ts = Cell.timestamp(Instant.parse("2026-11-21T10:00:00Z"));
        assertEquals(ts, PrivacyFilter.cell(ts));
    }
}
