package org.sightline.core.internal.report;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.sightline.api.widget.TimeRange;

/** A range as a report's cover shows it: whole days as "2 Nov 2026 – 1 Dec 2026 (Europe/Paris)". */
final class RangeText {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ROOT);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d MMM yyyy HH:mm", Locale.ROOT);

    private RangeText() {
    }

    static String of(TimeRange r, ZoneId zone) {
        ZonedDateTime from = r.from().atZone(zone);
        ZonedDateTime to = r.to().atZone(zone);
        boolean wholeDays = from.toLocalTime().equals(java.time.LocalTime.MIDNIGHT)
                && to.toLocalTime().equals(java.time.LocalTime.MIDNIGHT);
        if (wholeDays) {
            LocalDate last = to.toLocalDate().minusDays(1);
            String first = DAY.format(from);
            return (last.equals(from.toLocalDate()) ? first : first + " \u2013 " + DAY.format(last)) + " (" + zone.getId() + ")";
        }
        return TIME.format(from) + " \u2013 " + TIME.format(to) + " (" + zone.getId() + ")";
    }
}
