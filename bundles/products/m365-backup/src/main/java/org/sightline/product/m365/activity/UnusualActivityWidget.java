package org.sightline.product.m365.activity;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sightline.api.report.ReportActivity;
import org.sightline.api.view.Cell;
import org.sightline.api.view.CellType;
import org.sightline.api.view.Link;
import org.sightline.api.view.TableView;
import org.sightline.api.view.TimeSeriesView;
import org.sightline.api.view.WidgetView;
import org.sightline.api.widget.BadWidgetRequestException;
import org.sightline.api.widget.DashboardWidget;
import org.sightline.api.widget.Sections;
import org.sightline.api.widget.SightlineWidget;
import org.sightline.api.widget.TimeRange;
import org.sightline.api.widget.WidgetRequest;

/**
 * "Unusual activity" of the customer's OneDrive accounts and SharePoint sites over the widget's range: tracked
 * against suspicious objects per day, the protected and suspicious counts as the card's links, the suspicious
 * items (panel {@value #SUSPICIOUS}: each object with its activities, files and a "Restore in Cloud Backup" link),
 * each object's findings and files (panel {@code object-<id>}), and the XLSX export of the suspicious items
 * through the core's export route, masked like every export.
 * <p>
 * Names of OneDrive accounts are people's names and leave only as {@link Cell#personName} (removed by the core);
 * file paths are personal data and leave only as {@link Cell#message} (removed), with their extension as text.
 */
// Cached for five minutes like other widgets (the data arrives daily). A view with refreshSeconds = 0 would make
// every composed dashboard of the customer unreusable: every overview would render all its widgets again
// (platform benchmark, 26-widget overview: 1 354 req/s with 0, 12 276 with 300). The price: a second opening of the same report panel by a user with
// the same permissions within five minutes is served from the cache and not recorded again as a run.
@Component(service = DashboardWidget.class)
@SightlineWidget(id = UnusualActivityWidget.ID, title = "Unusual activity", product = UnusualActivityWidget.PRODUCT,
        section = Sections.UNUSUAL_ACTIVITY, order = 10, refreshSeconds = 300)
public class UnusualActivityWidget implements DashboardWidget {
    /** The widget id. */
    public static final String ID = "m365-backup.unusual-activity";
    /** The product the widget belongs to. */
    public static final String PRODUCT = "m365-backup";
    /** The suspicious-items panel. */
    public static final String SUSPICIOUS = "suspicious";
    /** The report's name in the customer's report activity. */
    public static final String REPORT = "Unusual activity: suspicious items";
    private static final String OBJECT = "object-";

    private final ActivityStore store;
    private final ReportActivity activity;

    @Activate
    public UnusualActivityWidget(@Reference ActivityStore store, @Reference ReportActivity activity) {
        this.store = store;
        this.activity = activity;
    }

    @Override
    public WidgetView render(WidgetRequest r) throws Exception {
        LocalDate from = LocalDate.ofInstant(r.range().from(), r.zone());
        LocalDate to = LocalDate.ofInstant(r.range().to().minusNanos(1), r.zone()).plusDays(1);
        if (r.panel() == null) {
            return chart(r, from, to);
        }
        if (SUSPICIOUS.equals(r.panel())) {
            int offset = Offsets.parse(r.page().cursor());
            if (offset == 0) {
                activity.record(r, REPORT, ReportActivity.Kind.RUN, true);
            }
            return suspicious(r, from, to, offset);
        }
        if (r.panel().startsWith(OBJECT)) {
            long id;
            try {
                id = Long.parseLong(r.panel().substring(OBJECT.length()));
            } catch (NumberFormatException e) {
                throw new BadWidgetRequestException("panel", "no such panel: " + r.panel());
            }
            Optional<SuspiciousObject> o = store.object(r.customer().id(), id);
            if (o.isEmpty()) {
                throw new BadWidgetRequestException("panel", "no such object for this customer");
            }
            return files(r, o.get(), from, to, Offsets.parse(r.page().cursor()));
        }
        throw new BadWidgetRequestException("panel", "no such panel: " + r.panel());
    }

    private WidgetView chart(WidgetRequest r, LocalDate from, LocalDate to) throws Exception {
        List<ActivityStore.Daily> days = store.daily(r.customer().id(), from, to);
        ZoneId zone = r.zone();
        List<TimeSeriesView.Point> tracked = new ArrayList<>();
        List<TimeSeriesView.Point> suspicious = new ArrayList<>();
        for (ActivityStore.Daily d : days) {
            tracked.add(new TimeSeriesView.Point(d.day().atStartOfDay(zone).toInstant(), d.tracked()));
            suspicious.add(new TimeSeriesView.Point(d.day().atStartOfDay(zone).toInstant(), d.suspicious()));
        }
        int protectedNow = days.isEmpty() ? 0 : days.get(days.size() - 1).tracked();
        Map<ObjectType, Integer> counts = store.suspiciousCounts(r.customer().id(), from, to);
        int suspiciousTotal = counts.values().stream().mapToInt(Integer::intValue).sum();
        List<Link> links = new ArrayList<>();
        links.add(Link.panel("Suspicious: " + suspiciousTotal + " of " + protectedNow + " protected ("
                + counts.get(ObjectType.ONEDRIVE) + " OneDrives, " + counts.get(ObjectType.SHAREPOINT_SITE) + " sites)",
                SUSPICIOUS));
        links.add(Link.to("Export suspicious items (XLSX)", exportHref(r, SUSPICIOUS)));
        return new TimeSeriesView("objects", List.of(
                new TimeSeriesView.Series("Tracked OneDrives and sites", tracked),
                new TimeSeriesView.Series("Suspicious OneDrives and sites", suspicious)), null, links);
    }

    private WidgetView suspicious(WidgetRequest r, LocalDate from, LocalDate to, int offset) throws Exception {
        int limit = r.page().limit();
        List<SuspiciousObject> objects = store.suspicious(r.customer().id(), from, to, offset, limit + 1);
        boolean more = objects.size() > limit;
        Optional<String> environment = r.customer().environment();
        List<TableView.Row> rows = new ArrayList<>();
        for (SuspiciousObject o : objects.subList(0, Math.min(limit, objects.size()))) {
            String activities = o.activities().entrySet().stream()
                    .map(e -> e.getKey().label() + " (score " + e.getValue() + ")").collect(Collectors.joining("; "));
            Cell restore = environment.map(env -> Cell.link(Link.to("Restore in Cloud Backup", env)))
                    .orElse(Cell.empty());
            rows.add(new TableView.Row(List.of(Cell.text(o.type().label()), objectName(o), Cell.text(activities),
                    Cell.number(o.maxScore()), Cell.number(o.files()),
                    Cell.timestamp(o.lastDay().atStartOfDay(r.zone()).toInstant()), restore), OBJECT + o.id()));
        }
        Map<ObjectType, Integer> counts = store.suspiciousCounts(r.customer().id(), from, to);
        long total = counts.values().stream().mapToLong(Integer::longValue).sum();
        return new TableView(List.of(
                new TableView.Column("type", "Type", CellType.TEXT),
                new TableView.Column("object", "OneDrive or site", CellType.TEXT),
                new TableView.Column("activities", "Unusual activities", CellType.TEXT),
                new TableView.Column("score", "Highest score", CellType.NUMBER),
                new TableView.Column("files", "Suspicious files", CellType.NUMBER),
                new TableView.Column("last", "Last seen", CellType.TIMESTAMP),
                new TableView.Column("restore", "Restore", CellType.LINK)),
                rows, more ? Offsets.cursor(offset + limit) : null, total,
                List.of(Link.to("Export (XLSX)", exportHref(r, SUSPICIOUS))));
    }

    private WidgetView files(WidgetRequest r, SuspiciousObject o, LocalDate from, LocalDate to, int offset)
            throws Exception {
        int limit = r.page().limit();
        List<ActivityStore.FileEntry> entries = store.files(r.customer().id(), o.id(), from, to, offset, limit + 1);
        boolean more = entries.size() > limit;
        List<TableView.Row> rows = new ArrayList<>();
        for (ActivityStore.FileEntry e : entries.subList(0, Math.min(limit, entries.size()))) {
            rows.add(new TableView.Row(List.of(Cell.timestamp(e.day().atStartOfDay(r.zone()).toInstant()),
                    Cell.text(e.activity().label()), Cell.number(e.score()),
                    e.path() == null ? Cell.empty() : Cell.text(FilePaths.extension(e.path())),
                    e.path() == null ? Cell.empty() : Cell.message(e.path()))));
        }
        List<Link> links = new ArrayList<>();
        r.customer().environment().ifPresent(env -> links.add(Link.to("Restore in Cloud Backup", env)));
        links.add(Link.to("Export (XLSX)", exportHref(r, OBJECT + o.id())));
        return new TableView(List.of(
                new TableView.Column("day", "Day", CellType.TIMESTAMP),
                new TableView.Column("activity", "Unusual activity", CellType.TEXT),
                new TableView.Column("score", "Score", CellType.NUMBER),
                new TableView.Column("extension", "File type", CellType.TEXT),
                new TableView.Column("path", "File", CellType.MESSAGE_CONTENT)),
                rows, more ? Offsets.cursor(offset + limit) : null, null, links);
    }

    /** A OneDrive is named after its owner: a person's name, which the core removes. A site's name is text. */
    private static Cell objectName(SuspiciousObject o) {
        return o.type() == ObjectType.ONEDRIVE ? Cell.personName(o.name()) : Cell.text(o.name());
    }

    /** The core's export route for a panel of this widget over the request's range and zone. */
    static String exportHref(WidgetRequest r, String panel) {
        TimeRange range = r.range();
        return "/api/v1/customers/" + r.customer().id() + "/widgets/" + ID + "/export?format=xlsx&panel="
                + URLEncoder.encode(panel, StandardCharsets.UTF_8) + "&from=" + range.from() + "&to=" + range.to()
                + "&tz=" + URLEncoder.encode(r.zone().getId(), StandardCharsets.UTF_8);
    }
}
