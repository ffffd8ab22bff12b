package org.sightline.family.usage.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sightline.api.usage.Direction;
import org.sightline.api.usage.Outcome;
import org.sightline.api.usage.UsageEntry;
import org.sightline.api.usage.UsageException;
import org.sightline.api.usage.UsageLog;
import org.sightline.api.usage.UsagePage;
import org.sightline.api.usage.UsageQuery;
import org.sightline.api.usage.UsageSpec;
import org.sightline.api.usage.UsageSummary;
import org.sightline.api.usage.UsageViews;
import org.sightline.api.view.Cell;
import org.sightline.api.view.CellType;
import org.sightline.api.view.Kpi;
import org.sightline.api.view.KpiView;
import org.sightline.api.view.Severity;
import org.sightline.api.view.TableView;
import org.sightline.api.view.TimeSeriesView;
import org.sightline.api.widget.BadWidgetRequestException;
import org.sightline.api.widget.TimeRange;
import org.sightline.api.widget.WidgetRequest;

/** The standard usage widgets' views, from the {@link UsageLog}'s roll-ups and pages. */
@Component(service = UsageViews.class)
public class UsageViewsService implements UsageViews {

    private final UsageLog log;

    @Activate
    public UsageViewsService(@Reference UsageLog log) {
        this.log = log;
    }

    @Override
    public KpiView kpis(UsageSpec spec, WidgetRequest request) throws UsageException {
        UsageSummary s = log.summary(request.customer(), spec.productId(), request.range());
        long total = s.records();
        List<Kpi> tiles = new ArrayList<>();
        tiles.add(new Kpi("volume", spec.volumeLabel(), Cell.number(total)));
        for (UsageSpec.StatusSpec status : spec.statuses()) {
            if (status.outcome() == Outcome.OTHER) {
                continue;
            }
            BigDecimal share = total == 0 ? BigDecimal.ZERO
                    : BigDecimal.valueOf(s.records(status.code()) * 100.0 / total).setScale(1, RoundingMode.HALF_UP);
            Severity severity = Severity.INFO;
            if (status.outcome() == Outcome.FAILURE && total > 0) {
                double p = share.doubleValue();
                severity = p >= 25 ? Severity.CRITICAL : p >= 10 ? Severity.WARNING : Severity.OK;
            }
            tiles.add(new Kpi(status.code(), status.label(), Cell.number(share, "%"), severity, null));
        }
        if (spec.quantityLabel() != null) {
            tiles.add(new Kpi("quantity", spec.quantityLabel(), Cell.number(s.quantity())));
        }
        tiles.add(new Kpi("spend", "Spend", Cell.money(s.spend())));
        return new KpiView(tiles);
    }

    @Override
    public TimeSeriesView dailySeries(UsageSpec spec, WidgetRequest request) throws UsageException {
        UsageSummary s = log.summary(request.customer(), spec.productId(), request.range());
        Map<LocalDate, Map<String, Long>> days = s.recordsByDayAndStatus();
        List<TimeSeriesView.Series> series = new ArrayList<>();
        for (UsageSpec.StatusSpec status : spec.statuses()) {
            List<TimeSeriesView.Point> points = new ArrayList<>(days.size());
            days.forEach((day, counts) -> points.add(new TimeSeriesView.Point(day.atStartOfDay(ZoneOffset.UTC).toInstant(),
                    counts.getOrDefault(status.code(), 0L))));
            series.add(new TimeSeriesView.Series(status.label(), points));
        }
        return new TimeSeriesView(spec.volumeLabel().toLowerCase(Locale.ROOT), series);
    }

    @Override
    public TableView log(UsageSpec spec, WidgetRequest request) throws BadWidgetRequestException, UsageException {
        Direction direction = null;
        Optional<String> d = request.filter(FILTER_DIRECTION);
        if (d.isPresent()) {
            if (!spec.directional() || !d.get().equals("inbound") && !d.get().equals("outbound")) {
                throw new BadWidgetRequestException(FILTER_DIRECTION, "direction must be inbound or outbound");
            }
            direction = Direction.ofCode(d.get());
        }
        String status = request.filter(FILTER_STATUS).orElse(null);
        if (status != null && spec.status(status).isEmpty()) {
            throw new BadWidgetRequestException(FILTER_STATUS, "status must be one of " + spec.statusCodes());
        }
        Instant from = request.range().from();
        if (request.filter(FILTER_FROM).isPresent()) {
            from = bound(request.filter(FILTER_FROM).get(), request, false);
            if (from == null) {
                throw new BadWidgetRequestException(FILTER_FROM, "from must be a date such as 2026-11-01 or an instant");
            }
        }
        Instant to = request.range().to();
        if (request.filter(FILTER_TO).isPresent()) {
            to = bound(request.filter(FILTER_TO).get(), request, true);
            if (to == null) {
                throw new BadWidgetRequestException(FILTER_TO, "to must be a date such as 2026-11-30 or an instant");
            }
        }
        if (!to.isAfter(from)) {
            throw new BadWidgetRequestException(FILTER_TO, "to must be after from");
        }
        UsagePage page;
        try {
            page = log.page(request.customer(), spec.productId(), new UsageQuery(new TimeRange(from, to), direction,
                    status, request.page().cursor(), request.page().limit()));
        } catch (IllegalArgumentException e) {
            throw new BadWidgetRequestException("cursor", "the page cursor is not valid; start from the first page");
        }
        List<TableView.Row> rows = new ArrayList<>(page.entries().size());
        for (UsageEntry e : page.entries()) {
            rows.add(new TableView.Row(cells(spec, e)));
        }
        return new TableView(columns(spec), rows, page.nextCursor(), null, List.of(), filters(spec));
    }

    /** The log's filters: direction (when records have one) and every status of the product. */
    private static List<TableView.Filter> filters(UsageSpec spec) {
        List<TableView.Filter> out = new ArrayList<>(2);
        if (spec.directional()) {
            out.add(new TableView.Filter(FILTER_DIRECTION, "Direction", List.of(
                    new TableView.Option("inbound", "Inbound"), new TableView.Option("outbound", "Outbound"))));
        }
        out.add(new TableView.Filter(FILTER_STATUS, "Status",
                spec.statuses().stream().map(s -> new TableView.Option(s.code(), s.label())).toList()));
        return out;
    }

    /** A filter bound: a day in the viewer's zone (an inclusive last day when {@code end}), or an instant. */
    private static Instant bound(String value, WidgetRequest request, boolean end) {
        try {
            LocalDate day = LocalDate.parse(value);
            return (end ? day.plusDays(1) : day).atStartOfDay(request.zone()).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    static List<TableView.Column> columns(UsageSpec spec) {
        List<TableView.Column> cols = new ArrayList<>();
        cols.add(new TableView.Column("time", "Time", CellType.TIMESTAMP));
        if (spec.directional()) {
            cols.add(new TableView.Column("direction", "Direction", CellType.TEXT));
        }
        cols.add(new TableView.Column("status", "Status", CellType.STATUS));
        if (spec.numbers()) {
            cols.add(new TableView.Column("from", "From", CellType.PHONE));
            cols.add(new TableView.Column("to", "To", CellType.PHONE));
        }
        if (spec.pricingKeyLabel() != null) {
            cols.add(new TableView.Column("key", spec.pricingKeyLabel(), CellType.TEXT));
        }
        if (spec.quantityLabel() != null) {
            cols.add(new TableView.Column("quantity", spec.quantityLabel(), CellType.NUMBER));
        }
        if (spec.durations()) {
            cols.add(new TableView.Column("duration", "Duration", CellType.DURATION));
        }
        for (UsageSpec.AttributeSpec a : spec.attributes()) {
            cols.add(new TableView.Column(a.key(), a.label(), a.numeric() ? CellType.NUMBER : CellType.TEXT));
        }
        cols.add(new TableView.Column("price", "Price", CellType.MONEY));
        return cols;
    }

    private static List<Cell> cells(UsageSpec spec, UsageEntry e) {
        List<Cell> cells = new ArrayList<>();
        cells.add(Cell.timestamp(e.time()));
        if (spec.directional()) {
            cells.add(Cell.text(switch (e.direction()) {
                case INBOUND -> "Inbound";
                case OUTBOUND -> "Outbound";
                case NONE -> "";
            }));
        }
        UsageSpec.StatusSpec st = spec.status(e.status()).orElse(null);
        cells.add(st == null ? Cell.status(e.status(), e.status(), Severity.UNKNOWN)
                : Cell.status(st.code(), st.label(), st.severity()));
        if (spec.numbers()) {
            // only the last four digits are stored; still a phone cell, so the privacy filter handles it
            cells.add(Cell.phone(e.fromLast4()));
            cells.add(Cell.phone(e.toLast4()));
        }
        if (spec.pricingKeyLabel() != null) {
            String k = e.pricingKey();
            cells.add(Cell.text(k == null ? null : k.length() == 2 ? k.toUpperCase(Locale.ROOT) : k));
        }
        if (spec.quantityLabel() != null) {
            cells.add(Cell.number(e.quantity()));
        }
        if (spec.durations()) {
            cells.add(Cell.duration(e.duration()));
        }
        for (UsageSpec.AttributeSpec a : spec.attributes()) {
            String v = e.attributes().get(a.key());
            if (v != null && a.numeric()) {
                try {
                    cells.add(Cell.number(new BigDecimal(v), null));
                    continue;
                } catch (NumberFormatException ignored) {
                    // shown as text
                }
            }
            cells.add(Cell.text(v));
        }
        cells.add(Cell.money(e.price()));
        return cells;
    }
}
