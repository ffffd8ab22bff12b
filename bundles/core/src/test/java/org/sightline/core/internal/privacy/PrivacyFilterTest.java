package org.sightline.core.internal.privacy;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

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
    public void redactedCellsAVendorBuiltItselfShowOnlyWhatTheCoreWouldShow() {
        assertEquals(new Cell.Redacted(CellType.PERSON_NAME, "[name hidden]"),
                PrivacyFilter.cell(new Cell.Redacted(CellType.PERSON_NAME, "Jane Roe")));
        assertEquals(new Cell.Redacted(CellType.MESSAGE_CONTENT, "[content hidden]"),
                PrivacyFilter.cell(new Cell.Redacted(CellType.MESSAGE_CONTENT, "meet me")));
        assertEquals(new Cell.Redacted(CellType.PHONE, "••••0123"),
                PrivacyFilter.cell(new Cell.Redacted(CellType.PHONE, "+44 7700 900123")));
        assertEquals(new Cell.Redacted(CellType.TEXT, "j…@example.com"),
                PrivacyFilter.cell(new Cell.Redacted(CellType.TEXT, "jane.doe@example.com")));
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

    /** Free text as a module wrote it, and as it leaves the core. */
    private static final String[][] MASKED = {
            {"call 415 555 0177 now", "call ••••0177 now"},
            {"no-break 415\u00A0555\u00A00177", "no-break ••••0177"},
            {"narrow 415\u202F555\u202F0177", "narrow ••••0177"},
            {"figure 415\u2007555\u20070177", "figure ••••0177"},
            {"en dash 415–555–0144", "en dash ••••0144"},
            {"em dash 415—555—0144", "em dash ••••0144"},
            {"minus 415\u2212555\u22120144", "minus ••••0144"},
            {"slash 415/555/0166", "slash ••••0166"},
            {"dots 415.555.0188", "dots ••••0188"},
            {"parens (415) 555-0199", "parens ••••0199"},
            {"spaced 415 - 555 - 0199", "spaced ••••0199"},
            {"intl +1 (415) 555-0123.", "intl ••••0123."},
            {"french 06.12.34.56.78", "french ••••5678"},
            {"x4155550155x", "x••••0155x"},
            {"ref4155550155", "ref••••0155"},
            {"two 4155550177 4155550188", "two ••••0188"},
            {"two 4155550177, 4155550188", "two ••••0177, ••••0188"},
            {"two 4155550177/4155550188", "two ••••0188"},
            {"card 4155550155012345", "card ••••2345"},
            {"local 555 0123", "local ••••0123"},
            {"hidden 415\u200B555\u200B0123", "hidden ••••0123"},
            {"soft 415\u00AD555\u00AD0123", "soft ••••0123"},
            {"full-width ４１５５５５０１２３", "full-width ••••0123"},
            {"not an amount 4155550155.12", "not an amount ••••5512"},
            {"ref 4155550123 2026-11-21", "ref ••••0123 2026-11-21"},
            {"2026-11-21 4155550123", "2026-11-21 ••••0123"},
            {"mail jane.doe@example.com.", "mail j…@example.com."},
            {"Jane.Doe@Mail.Example.co.uk", "J…@Mail.Example.co.uk"},
            {"two a.b@x.org, c+tag@y.io", "two a…@x.org, c…@y.io"},
            {"full-width jane＠example.com", "full-width j…@example.com"},
            {"jane.doe(at)example.com / jane [at] example.com", "j…@example.com / j…@example.com"},
            {"sms 4155550123@sms.example.net", "sms 4…@sms.example.net"},
            {"müller@beispiel.de", "m…@beispiel.de"},
            // accepted false positives: not phone numbers, masked all the same
            {"1234567 bytes", "••••4567 bytes"},
            {"invoice INV-2026-000123", "invoice INV-••••0123"},
            {"1.234.567 Nachrichten", "••••4567 Nachrichten"},
            {"1 234 567 messages", "••••4567 messages"},
            {"at 51.5073509", "at ••••3509"},
            {"from 192.168.100.200", "from ••••0200"},
            {"build 10.0.19045.2965", "build ••••2965"},
            {"1234.50-1300.75 EUR", "••••0075 EUR"},
    };

    /** Free text that leaves the core as it is. */
    private static final String[] KEPT = {
            "on 2026-11-21 at 10:00", "2026-11-21T10:00:00Z", "2026-11-21T10:00:00.123456789+01:00",
            "2026/11/21", "21.11.2026", "11/21/2026", "2026-11-21 10:00:00",
            "1,234,567.89 EUR", "1234567.89", "1.234.567,89 €", "1 234 567,89 €", "1\u202F234\u202F567,89 €",
            "from 12.50 - 13.75", "ACC-12345", "123456 rows", "+44 20", "v1.2.3", "10:00:00", "12 items, 345 ok",
            "123e4567-e89b-12d3-a456-426614174000", "••••0123", "j…@example.com", "@jane mentioned it",
            "an email at example.com", "",
    };

    @Test
    public void phoneNumbersAndEmailAddressesInFreeTextAreMaskedWhateverTheirSeparators() {
        for (String[] c : MASKED) {
            assertEquals(c[0], c[1], PrivacyFilter.scrub(c[0]));
            // masking is idempotent: filtered text filtered again stays as it is
            assertEquals(c[0], c[1], PrivacyFilter.scrub(c[1]));
        }
    }

    @Test
    public void datesInstantsAmountsAndShortIdsAreKept() {
        for (String k : KEPT) {
            assertEquals(k, PrivacyFilter.scrub(k));
        }
        assertEquals(null, PrivacyFilter.scrub(null));
    }

    @Test
    public void aLinkWhoseUrlCarriesPersonalDataIsDroppedNotCorrupted() {
        for (String href : new String[] {"tel:+14155550123", "TEL:4155550123", "sms:4155550123", "mailto:jane@example.com",
                "https://v.example/call?to=%2B14155550123", "https://v.example/c?to=415+555+0123",
                "https://v.example/u/jane.doe%40example.com", "https://v.example/lines/415/555/0123",
                "https://v.example/jobs/48213377"}) {
            assertTrue(href, PrivacyFilter.hasPersonalData(href));
            KpiView k = (KpiView) PrivacyFilter.filter(new KpiView(List.of(new Kpi("k", "Calls", Cell.number(1),
                    Severity.INFO, Link.to("Call +1 415 555 0123", href))), List.of(Link.to("Call", href), Link.panel("More", "more"))));
            assertEquals(href, null, k.tiles().get(0).link());
            assertEquals(href, List.of(Link.panel("More", "more")), k.links());
            Cell cell = PrivacyFilter.cell(Cell.link(Link.to("Write to jane.doe@example.com", href)));
            assertEquals(href, Cell.text("Write to j…@example.com"), cell);
        }
        for (String href : new String[] {"/customers/7/services/add", "https://v.example/jobs/2026-11-21/42",
                "https://v.example/r?id=123e4567-e89b-12d3-a456-426614174000", "https://v.example/a?n=123456"}) {
            assertFalse(href, PrivacyFilter.hasPersonalData(href));
            Link kept = ((KpiView) PrivacyFilter.filter(new KpiView(List.of(), List.of(Link.to("Open 4155550123", href)))))
                    .links().get(0);
            assertEquals(Link.to("Open ••••0123", href), kept);
        }
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
