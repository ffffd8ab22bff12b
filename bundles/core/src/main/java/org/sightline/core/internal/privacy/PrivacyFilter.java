package org.sightline.core.internal.privacy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

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
 * Masks personal data in everything a module hands the core before it leaves the core. Every view from every
 * widget passes here, and so do the strings the core shows beside a view (widget titles and sections,
 * product names, action messages, error texts, export sheet names and headers):
 * <ul>
 * <li>{@link Cell.Phone} becomes {@link Cell.Redacted} showing only the last four digits ({@code ••••0123});</li>
 * <li>{@link Cell.PersonName} and {@link Cell.Message} become {@link Cell.Redacted} saying what was removed;</li>
 * <li>in every other string the view shows (titles, labels, text cells, status labels, units, series names,
 * filter options, action labels and confirmation words), e-mail addresses become the local part's first
 * character and the domain ({@code jane.doe@example.com} → {@code j…@example.com}) and phone numbers —
 * any run of 7 or more digits joined by spaces, dashes, slashes, dots or parentheses, wherever it stands —
 * become {@code ••••} and the last four digits. {@link FreeText} gives the exact rule and what it keeps
 * (dates, ISO instants, amounts with two decimals, UUIDs);</li>
 * <li>a {@link Link} whose {@code href} carries personal data (a {@code tel:}, {@code sms:} or
 * {@code mailto:} URL, or a phone number or e-mail address anywhere in it, percent-encoded or not) is
 * dropped as a whole — from a list of links, from a tile or status item — and a link cell becomes the
 * plain text of its label: a URL is never half-masked. An id of 7 or more digits in a URL
 * ({@code /jobs/48213377}) cannot be told from a phone number and drops the link too; dates do not.</li>
 * </ul>
 * Ids that come back to the module (column, tile, filter and action ids, panels, cursors, status codes) are
 * passed on unchanged: masking them would break the round trip. Person names in plain text cannot be
 * recognised and are not touched; a module marks them with {@link Cell#personName}.
 * <p>
 * The filter is a pure function; it returns new, immutable views, and filtering twice changes nothing.
 */
public final class PrivacyFilter {
    /** Shown in place of a person's name. */
    public static final String NAME_REMOVED = "[name hidden]";
    /** Shown in place of message content. */
    public static final String MESSAGE_REMOVED = "[content hidden]";

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
                    .map(a -> new LinksView.Action(a.id(), scrub(a.label()), a.permission(), scrub(a.confirm()))).toList());
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
            // A vendor may build Redacted cells itself: a name or content shows the core's marker, a phone number
            // its last four digits, anything else is scrubbed like any text.
            return new Cell.Redacted(r.kind(), switch (r.kind()) {
                case PHONE -> maskPhone(r.display());
                case PERSON_NAME -> NAME_REMOVED;
                case MESSAGE_CONTENT -> MESSAGE_REMOVED;
                default -> scrub(r.display());
            });
        }
        if (c instanceof Cell.Text t) {
            return new Cell.Text(scrub(t.value()));
        }
        if (c instanceof Cell.Status s) {
            return new Cell.Status(s.code(), scrub(s.label()), s.severity());
        }
        if (c instanceof Cell.LinkCell l) {
            Link safe = link(l.value());
            return safe == null ? new Cell.Text(scrub(l.value().label())) : new Cell.LinkCell(safe);
        }
        if (c instanceof Cell.Num n) {
            return n.unit() == null ? n : new Cell.Num(n.value(), scrub(n.unit()));
        }
        return c; // money, timestamp, duration, empty: no free text
    }

    /** A phone number reduced to its last four digits, such as {@code ••••4321}. */
    public static String maskPhone(String number) {
        return FreeText.maskPhone(number);
    }

    /**
     * The text with e-mail addresses and phone numbers masked (see {@link FreeText}); {@code null} stays
     * {@code null}. For every string a module supplies that the core shows outside a view.
     */
    public static String scrub(String text) {
        return FreeText.scrub(text);
    }

    /** Whether a URL carries personal data, so that a link to it must be dropped rather than shown. */
    public static boolean hasPersonalData(String url) {
        return FreeText.hasPersonalData(url);
    }

    private static Kpi kpi(Kpi k) {
        return new Kpi(k.id(), scrub(k.label()), cell(k.value()), k.severity(), link(k.link()));
    }

    private static List<Link> links(List<Link> links) {
        return links.stream().map(PrivacyFilter::link).filter(Objects::nonNull).toList();
    }

    /** The link with its label scrubbed, or {@code null} when its URL carries personal data. */
    private static Link link(Link l) {
        if (l == null || l.href() != null && hasPersonalData(l.href())) {
            return null;
        }
        return new Link(scrub(l.label()), l.href(), l.panel());
    }
}
