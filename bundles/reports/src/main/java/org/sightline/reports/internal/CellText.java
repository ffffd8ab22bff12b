package org.sightline.reports.internal;

import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.sightline.api.view.Cell;

/** The text a report shows for a cell. */
final class CellText {
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);
    /** Shown for a personal-data cell that reached the renderer unfiltered (the core filters before drawing). */
    static final String HIDDEN = "[hidden]";

    private CellText() {
    }

    static String of(Cell c, ZoneId zone) {
        if (c == null || c instanceof Cell.Empty) {
            return "";
        }
        if (c instanceof Cell.Text t) {
            return t.value();
        }
        if (c instanceof Cell.Num n) {
            return number(n.value()) + (n.unit() == null || n.unit().isEmpty() ? "" : " " + n.unit());
        }
        if (c instanceof Cell.MoneyCell m) {
            return money(m.value().amount()) + " " + m.value().currency();
        }
        if (c instanceof Cell.Timestamp t) {
            return TS.format(t.value().atZone(zone));
        }
        if (c instanceof Cell.Elapsed e) {
            long s = e.value().toSeconds();
            return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s % 3600) / 60, s % 60);
        }
        if (c instanceof Cell.Status s) {
            return s.label();
        }
        if (c instanceof Cell.LinkCell l) {
            return l.value().label();
        }
        if (c instanceof Cell.Redacted r) {
            return r.display();
        }
        // Phone, PersonName, Message: never drawn as they are.
        return HIDDEN;
    }

    static String number(BigDecimal v) {
        DecimalFormat f = new DecimalFormat("#,##0.##", DecimalFormatSymbols.getInstance(Locale.ROOT));
        return f.format(v);
    }

    static String number(double v) {
        return number(BigDecimal.valueOf(v));
    }

    private static String money(BigDecimal v) {
        DecimalFormat f = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.ROOT));
        return f.format(v);
    }
}
