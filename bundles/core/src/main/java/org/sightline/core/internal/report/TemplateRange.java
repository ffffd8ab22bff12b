package org.sightline.core.internal.report;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.YearMonth;
import java.time.temporal.TemporalAdjusters;

import org.sightline.api.widget.TimeRange;

/** The period a template's range names, as whole days in the zone ending before {@code today}. */
final class TemplateRange {
    private TemplateRange() {
    }

    static TimeRange of(String range, LocalDate today, ZoneId zone) {
        LocalDate from;
        LocalDate to;
        switch (range) {
            case "last-7-days" -> {
                from = today.minusDays(7);
                to = today;
            }
            case "last-week" -> {
                to = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                from = to.minusWeeks(1);
            }
            case "last-month" -> {
                YearMonth m = YearMonth.from(today).minusMonths(1);
                from = m.atDay(1);
                to = m.plusMonths(1).atDay(1);
            }
            default -> {
                from = today.minusDays(30);
                to = today;
            }
        }
        return new TimeRange(from.atStartOfDay(zone).toInstant(), to.atStartOfDay(zone).toInstant());
    }

    /** A month as a range of whole days in the zone. */
    static TimeRange month(YearMonth m, ZoneId zone) {
        return new TimeRange(m.atDay(1).atStartOfDay(zone).toInstant(), m.plusMonths(1).atDay(1).atStartOfDay(zone).toInstant());
    }
}
