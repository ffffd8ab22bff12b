package org.sightline.core.internal.privacy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.sightline.api.view.Cell;
import org.sightline.api.view.CellType;
import org.sightline.api.view.CustomView;
import org.sightline.api.view.Kpi;
import org.sightline.api.view.KpiView;
import org.sightline.api.view.Link;
import org.sightline.api.view.LinksView;
import org.sightline.api.view.StatusListView;
import org.sightline.api.view.TableView;
import org.sightline.api.view.TimeSeriesView;
import org.sightline.api.view.WidgetView;

/**
 * Masks personal data in a view before it leaves the core. Every view from every widget passes here:
 * <ul>
 * <li>{@link Cell.Phone} becomes {@link Cell.Redacted} showing only the last four digits;</li>
 * <li>{@link Cell.PersonName} and {@link Cell.Message} become {@link Cell.Redacted} saying what was removed;</li>
 * <li>in every other string the view carries (titles, labels, text cells, links, series names), runs of
 * digits that look like a phone number are masked the same way, so a number put in a plain text cell
 * does not escape either.</li>
 * </ul>
 * The filter is a pure function; it returns new, immutable views.
 */
public final class PrivacyFilter {
    /** Shown in place of a person's name. */
    public static final String NAME_REMOVED = "[name hidden]";
    /** Shown in place of message content. */
    public static final String MESSAGE_REMOVED = "[content hidden]";

    /**
     * A phone-number-like run: an optional {@code +}, then digits, spaces, dots, dashes and parentheses,
     * holding 7 to 15 digits when it starts with {@code +}, or 10 to 15 otherwise (so dates, amounts
     * and short ids stay as they are).
     */
    private static final Pattern PHONE_LIKE = Pattern.compile("(?<![\\w+])\\+?\\(?\\d[\\d\\s().-]{5,22}\\d(?!\\w)");

    private PrivacyFilter() {
    }

    /** The view with all personal data masked or removed. */
    public static WidgetView filter(WidgetView view) {
        if (view instanceof KpiView v) {
            return new KpiView(v.tiles().stream().map(PrivacyFilter::kpi).toList(), links(v.links()));
        }
        if (view instanceof TimeSeriesView v) {
            List<TimeSeriesView.Series> series = v.series().stream()
                    .map(s -> new TimeSeriesView.Series(scrub(s.name()), s.points())).toList();
            TimeSeriesView.Forecast f = v.forecast() == null ? null
                    : new TimeSeriesView.Forecast(scrub(v.forecast().name()), v.forecast().points());
            return new TimeSeriesView(scrub(v.unit()), series, f, links(v.links()));
        }
        if (view instanceof TableView v) {
            List<TableView.Column> cols = v.columns().stream()
                    .map(c -> new TableView.Column(c.id(), scrub(c.label()), c.type())).toList();
            List<TableView.Row> rows = new ArrayList<>(v.rows().size());
            for (TableView.Row r : v.rows()) {
                rows.add(new TableView.Row(r.cells().stream().map(PrivacyFilter::cell).toList(), r.panel()));
            }
            return new TableView(cols, rows, v.nextCursor(), v.total(), links(v.links()), v.filters().stream()
                    .map(f -> new TableView.Filter(f.id(), scrub(f.label()), f.options().stream()
                            .map(o -> new TableView.Option(scrub(o.value()), scrub(o.label()))).toList()))
                    .toList());
        }
        if (view instanceof StatusListView v) {
            return new StatusListView(v.items().stream().map(i -> new StatusListView.Item(scrub(i.label()),
                    (Cell.Status) cell(i.status()), i.detail() == null ? null : cell(i.detail()), i.at(),
                    link(i.link()))).toList(), links(v.links()));
        }
        if (view instanceof LinksView v) {
            return new LinksView(links(v.links()), v.actions().stream()
                    .map(a -> new LinksView.Action(a.id(), scrub(a.label()), a.permission(), a.confirm())).toList());
        }
        if (view instanceof CustomView v) {
            Map<String, Cell> data = new LinkedHashMap<>();
            v.data().forEach((k, c) -> data.put(k, cell(c)));
            return new CustomView(v.element(), data, links(v.links()));
        }
        throw new IllegalArgumentException("unknown view type " + view.getClass().getName());
    }

    /** The cell with personal data masked or removed. */
    public static Cell cell(Cell c) {
        if (c instanceof Cell.Phone p) {
            return new Cell.Redacted(CellType.PHONE, maskPhone(p.value()));
        }
        if (c instanceof Cell.PersonName) {
            return new Cell.Redacted(CellType.PERSON_NAME, NAME_REMOVED);
        }
        if (c instanceof Cell.Message) {
            return new Cell.Redacted(CellType.MESSAGE_CONTENT, MESSAGE_REMOVED);
        }
        if (c instanceof Cell.Redacted r) {
            // A vendor may build Redacted cells itself: what it shows is scrubbed like any text.
            return new Cell.Redacted(r.kind(), r.kind() == CellType.PHONE ? maskPhone(r.display()) : scrub(r.display()));
        }
        if (c instanceof Cell.Text t) {
            return new Cell.Text(scrub(t.value()));
        }
        if (c instanceof Cell.Status s) {
            return new Cell.Status(s.code(), scrub(s.label()), s.severity());
        }
        if (c instanceof Cell.LinkCell l) {
            return new Cell.LinkCell(link(l.value()));
        }
        if (c instanceof Cell.Num n) {
            return n.unit() == null ? n : new Cell.Num(n.value(), scrub(n.unit()));
        }
        return c; // money, timestamp, duration, empty: no free text
    }

    /** A phone number reduced to its last four digits, such as {@code ••••4321}. */
    public static String maskPhone(String number) {
        String digits = number == null ? "" : number.replaceAll("\\D", "");
        String last4 = digits.length() < 4 ? "" : digits.substring(digits.length() - 4);
        return "••••" + last4;
    }

    /** The text with phone-number-like runs masked. */
    public static String scrub(String text) {
        if (text == null || text.length() < 7) {
            return text;
        }
        Matcher m = PHONE_LIKE.matcher(text);
        StringBuilder out = null;
        int last = 0;
        while (m.find()) {
            String run = m.group();
            long digits = run.chars().filter(Character::isDigit).count();
            boolean plus = run.startsWith("+");
            if (digits > 15 || digits < (plus ? 7 : 10)) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length());
            }
            out.append(text, last, m.start()).append(maskPhone(run));
            last = m.end();
        }
        if (out == null) {
            return text;
        }
        return out.append(text, last, text.length()).toString();
    }

    private static Kpi kpi(Kpi k) {
        return new Kpi(k.id(), scrub(k.label()), cell(k.value()), k.severity(), link(k.link()));
    }

    private static List<Link> links(List<Link> links) {
        return links.stream().map(PrivacyFilter::link).toList();
    }

    private static Link link(Link l) {
        if (l == null) {
            return null;
        }
        return new Link(scrub(l.label()), l.href() == null ? null : scrub(l.href()), l.panel());
    }
}
