package org.sightline.core.internal.export;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import org.sightline.api.view.Cell;

/** The plain text of a (privacy-filtered) cell, as exports show it. */
final class CellText {
    private static final DateTimeFormatter TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private CellText() {
    }

    static String of(Cell c, ZoneId zone) {
        if (c instanceof Cell.Text t) {
            return t.value();
        }
        if (c instanceof Cell.Num n) {
            return n.value().toPlainString() + (n.unit() == null ? "" : " " + n.unit());
        }
        if (c instanceof Cell.MoneyCell m) {
            return m.value().amount().toPlainString() + " " + m.value().currency();
        }
        if (c instanceof Cell.Timestamp t) {
            return TS.format(t.value().atZone(zone));
        }
        if (c instanceof Cell.Elapsed e) {
            long s = e.value().toSeconds();
            return String.format("%d:%02d:%02d", s / 3600, (s % 3600) / 60, s % 60);
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
        if (c instanceof Cell.Empty) {
            return "";
        }
        // Phone, PersonName, Message never reach an export: the filter replaced them.
        throw new IllegalStateException("unfiltered personal data cell " + c.getClass().getSimpleName());
    }
}
