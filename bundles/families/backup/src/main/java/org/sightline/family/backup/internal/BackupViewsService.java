package org.sightline.family.backup.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sightline.api.CustomerRef;
import org.sightline.api.Permissions;
import org.sightline.api.backup.BackupException;
import org.sightline.api.backup.BackupSpec;
import org.sightline.api.backup.BackupViews;
import org.sightline.api.backup.JobStatus;
import org.sightline.api.backup.Workload;
import org.sightline.api.backup.WorkloadSummary;
import org.sightline.api.data.ModuleStorage;
import org.sightline.api.report.ReportActivity;
import org.sightline.api.view.Cell;
import org.sightline.api.view.CellType;
import org.sightline.api.view.Link;
import org.sightline.api.view.Severity;
import org.sightline.api.view.TableView;
import org.sightline.api.view.TimeSeriesView;
import org.sightline.api.view.WidgetView;
import org.sightline.api.widget.BadWidgetRequestException;
import org.sightline.api.widget.TimeRange;
import org.sightline.api.widget.WidgetRequest;
import org.sightline.core.CustomerDirectory;
import org.sightline.core.Subscription;

/**
 * The backup products' widgets, drawn from the roll-ups (the failures list pages runs by key). Error texts leave as
 * message content, which the core's privacy filter removes; reasons leave as text, which it scrubs.
 */
@Component(service = BackupViews.class)
public class BackupViewsService implements BackupViews {
    private static final BigDecimal GB = BigDecimal.valueOf(1_000_000_000L);
    private static final List<TableView.Option> FAILURE_STATUSES = List.of(
            new TableView.Option(JobStatus.FAILED.code(), JobStatus.FAILED.label()),
            new TableView.Option(JobStatus.PARTIALLY_SUCCEEDED.code(), JobStatus.PARTIALLY_SUCCEEDED.label()));

    private final DataSource dataSource;
    private final CustomerDirectory customers;
    private final ReportActivity activity;

    /**
     * @param storage   the server's database (the backup store migrates the tables)
     * @param customers the core's customers, for the subscription status behind the "Start service" link
     * @param activity  where runs of the storage report are recorded
     */
    @Activate
    public BackupViewsService(@Reference ModuleStorage storage, @Reference CustomerDirectory customers,
                              @Reference ReportActivity activity) {
        this.dataSource = storage.dataSource();
        this.customers = customers;
        this.activity = activity;
    }

    @Override
    public WidgetView status(BackupSpec spec, WidgetRequest request) throws BadWidgetRequestException, BackupException {
        String panel = request.panel();
        if (panel == null) {
            return statusTable(spec, request);
        }
        return switch (panel) {
            case PANEL_FAILURES -> failures(spec, request);
            case PANEL_JOBS -> jobs(spec, request);
            case PANEL_STORAGE, PANEL_STORAGE_TABLE -> storage(spec, request);
            default -> throw new BadWidgetRequestException("panel", "panel must be one of failures, jobs"
                    + (spec.storageReport() ? ", storage, storage-table" : ""));
        };
    }

    private TableView statusTable(BackupSpec spec, WidgetRequest request) throws BackupException {
        List<WorkloadSummary> summaries = summary(request.customer(), spec, request.range());
        List<TableView.Column> columns = List.of(new TableView.Column("workload", "Workload", CellType.TEXT),
                new TableView.Column("lastStatus", "Last run", CellType.STATUS),
                new TableView.Column("lastRun", "Last run started", CellType.TIMESTAMP),
                new TableView.Column("lastSuccess", "Last successful backup", CellType.TIMESTAMP),
                new TableView.Column("protected", "Protected", CellType.NUMBER),
                new TableView.Column("successRate", "Success rate", CellType.NUMBER),
                new TableView.Column("runs", "Runs", CellType.NUMBER));
        List<TableView.Row> rows = new ArrayList<>();
        for (WorkloadSummary s : summaries) {
            JobStatus last = s.lastStatus();
            Cell status = last == null ? Cell.status("none", "No runs", Severity.UNKNOWN)
                    : Cell.status(last.code(), last.label(), last.severity());
            Double rate = s.successRate();
            boolean problems = s.runs().getOrDefault(JobStatus.FAILED, 0L) + s.runs().getOrDefault(JobStatus.PARTIALLY_SUCCEEDED, 0L) > 0;
            rows.add(new TableView.Row(List.of(Cell.text(s.workload().label()), status, Cell.timestamp(s.lastRun()),
                    Cell.timestamp(s.lastSuccess()),
                    s.protectedObjects() == null ? Cell.empty() : Cell.number(BigDecimal.valueOf(s.protectedObjects()), s.workload().objectNoun()),
                    rate == null ? Cell.empty() : Cell.number(BigDecimal.valueOf(rate * 100).setScale(1, RoundingMode.HALF_UP), "%"),
                    Cell.number(s.totalRuns())), problems ? PANEL_FAILURES : null));
        }
        List<Link> links = new ArrayList<>();
        links.add(Link.panel("Failed and partial runs", PANEL_FAILURES));
        links.add(Link.panel("Runs per day", PANEL_JOBS));
        if (spec.storageReport()) {
            links.add(Link.panel("Storage report", PANEL_STORAGE));
        }
        startService(spec, request).ifPresent(links::add);
        return new TableView(columns, rows, null, (long) rows.size(), links);
    }

    /** "Start service", as the subscriptions card offers it, when the subscription is not (fully) started. */
    private java.util.Optional<Link> startService(BackupSpec spec, WidgetRequest request) {
        if (!request.viewer().can(Permissions.CUSTOMER_ACT)) {
            return java.util.Optional.empty();
        }
        CustomerRef c = request.customer();
        List<Subscription> subs;
        try {
            subs = customers.subscriptions(request.viewer(), c.id(), null);
        } catch (RuntimeException e) {
            return java.util.Optional.empty();
        }
        return subs.stream().filter(s -> s.productId().equals(spec.productId()))
                .filter(s -> s.status().equals("not-started") || s.status().equals("partially-started"))
                .findFirst()
                .map(s -> Link.to("Start service", "/customers/" + c.id() + "/services/" + spec.productId() + "/start"));
    }

    @Override
    public TimeSeriesView jobs(BackupSpec spec, WidgetRequest request) throws BackupException {
        LocalDate from = firstDay(request.range());
        LocalDate to = lastDay(request.range());
        SortedMap<LocalDate, long[]> days;
        try (Connection c = dataSource.getConnection()) {
            days = BackupReader.runsPerDay(c, request.customer().id(), spec.productId(), from, to);
        } catch (SQLException e) {
            throw new BackupException("reading backup runs failed: " + e.getMessage(), e);
        }
        List<TimeSeriesView.Series> series = new ArrayList<>();
        for (JobStatus s : JobStatus.values()) {
            int i = BackupReader.index(s);
            boolean any = days.values().stream().anyMatch(v -> v[i] > 0);
            if (!any && s != JobStatus.SUCCEEDED && s != JobStatus.FAILED) {
                continue;
            }
            List<TimeSeriesView.Point> points = new ArrayList<>();
            days.forEach((d, v) -> points.add(new TimeSeriesView.Point(start(d), v[i])));
            series.add(new TimeSeriesView.Series(s.label(), points));
        }
        return new TimeSeriesView("runs", series);
    }

    @Override
    public WidgetView failures(BackupSpec spec, WidgetRequest request) throws BadWidgetRequestException, BackupException {
        JobStatus status = null;
        String s = request.filter(FILTER_STATUS).orElse(null);
        if (s != null && !s.equals("all")) {
            if (!s.equals(JobStatus.FAILED.code()) && !s.equals(JobStatus.PARTIALLY_SUCCEEDED.code())) {
                throw new BadWidgetRequestException(FILTER_STATUS, "status must be failed or partially-succeeded");
            }
            status = JobStatus.ofCode(s);
        }
        String workload = workloadFilter(spec, request);
        Cursor after;
        try {
            after = request.page().cursor() == null ? null : Cursor.decode(request.page().cursor());
        } catch (IllegalArgumentException e) {
            throw new BadWidgetRequestException("cursor", "the cursor is not one this widget returned");
        }
        int limit = request.page().limit();
        List<BackupReader.Failure> page;
        try (Connection c = dataSource.getConnection()) {
            page = BackupReader.failures(c, request.customer().id(), spec.productId(), request.range().from(),
                    request.range().to(), status, workload, after, limit + 1);
        } catch (SQLException e) {
            throw new BackupException("reading failed backup runs failed: " + e.getMessage(), e);
        }
        String next = null;
        if (page.size() > limit) {
            page = page.subList(0, limit);
            BackupReader.Failure last = page.get(limit - 1);
            next = new Cursor(last.started(), last.jobId()).encode();
        }
        Map<String, Workload> workloads = spec.byId();
        List<TableView.Column> columns = List.of(new TableView.Column("started", "Started", CellType.TIMESTAMP),
                new TableView.Column("finished", "Finished", CellType.TIMESTAMP),
                new TableView.Column("workload", "Workload", CellType.TEXT),
                new TableView.Column("status", "Status", CellType.STATUS),
                new TableView.Column("objectsFailed", "Objects not backed up", CellType.NUMBER),
                new TableView.Column("reason", "Reason", CellType.TEXT),
                new TableView.Column("error", "Error details", CellType.MESSAGE_CONTENT));
        List<TableView.Row> rows = new ArrayList<>();
        for (BackupReader.Failure f : page) {
            Workload w = workloads.get(f.workload());
            rows.add(new TableView.Row(List.of(Cell.timestamp(f.started()), Cell.timestamp(f.finished()),
                    Cell.text(w == null ? f.workload() : w.label()),
                    Cell.status(f.status().code(), f.status().label(), f.status().severity()),
                    Cell.number(f.objectsFailed()), Cell.text(f.reason()), Cell.message(f.error()))));
        }
        List<TableView.Filter> filters = List.of(new TableView.Filter(FILTER_STATUS, "Status", FAILURE_STATUSES),
                workloadFilterChoices(spec));
        return new TableView(columns, rows, next, null, List.of(), filters);
    }

    @Override
    public WidgetView storage(BackupSpec spec, WidgetRequest request) throws BadWidgetRequestException, BackupException {
        String workload = workloadFilter(spec, request);
        LocalDate from = firstDay(request.range());
        LocalDate to = lastDay(request.range());
        SortedMap<LocalDate, Map<String, Long>> days;
        try (Connection c = dataSource.getConnection()) {
            days = BackupReader.storage(c, request.customer().id(), spec.productId(), from, to);
        } catch (SQLException e) {
            throw new BackupException("reading backup storage failed: " + e.getMessage(), e);
        }
        if (PANEL_STORAGE.equals(request.panel())) {
            activity.record(request, "Backup storage report", ReportActivity.Kind.RUN, true);
        }
        List<Workload> shown = spec.workloads().stream().filter(w -> workload == null || w.id().equals(workload)).toList();
        if (PANEL_STORAGE_TABLE.equals(request.panel())) {
            return storageTable(spec, request, days, shown);
        }
        List<TimeSeriesView.Series> series = new ArrayList<>();
        for (Workload w : shown) {
            List<TimeSeriesView.Point> points = new ArrayList<>();
            days.forEach((d, v) -> {
                Long b = v.get(w.id());
                if (b != null) {
                    points.add(new TimeSeriesView.Point(start(d), gb(b).doubleValue()));
                }
            });
            if (!points.isEmpty()) {
                series.add(new TimeSeriesView.Series(w.label(), points));
            }
        }
        return new TimeSeriesView("GB", series, null, List.of(Link.panel("Storage by day (table)", PANEL_STORAGE_TABLE)));
    }

    private TableView storageTable(BackupSpec spec, WidgetRequest request, SortedMap<LocalDate, Map<String, Long>> days,
                                   List<Workload> shown) throws BadWidgetRequestException {
        List<TableView.Row> all = new ArrayList<>();
        for (LocalDate d : days.keySet().stream().sorted(java.util.Comparator.reverseOrder()).toList()) {
            for (Workload w : shown) {
                Long b = days.get(d).get(w.id());
                if (b != null) {
                    all.add(new TableView.Row(List.of(Cell.text(d.toString()), Cell.text(w.label()),
                            Cell.number(gb(b), "GB"))));
                }
            }
        }
        int offset = 0;
        String cursor = request.page().cursor();
        if (cursor != null) {
            if (!cursor.matches("[0-9]{1,9}") || Integer.parseInt(cursor) > all.size()) {
                throw new BadWidgetRequestException("cursor", "the cursor is not one this widget returned");
            }
            offset = Integer.parseInt(cursor);
        }
        int end = Math.min(all.size(), offset + request.page().limit());
        String next = end < all.size() ? Integer.toString(end) : null;
        List<TableView.Column> columns = List.of(new TableView.Column("day", "Day (UTC)", CellType.TEXT),
                new TableView.Column("workload", "Workload", CellType.TEXT),
                new TableView.Column("storage", "Storage", CellType.NUMBER));
        return new TableView(columns, all.subList(offset, end), next, (long) all.size(), List.of(),
                List.of(workloadFilterChoices(spec)));
    }

    @Override
    public List<WorkloadSummary> summary(CustomerRef customer, BackupSpec spec, TimeRange range) throws BackupException {
        try (Connection c = dataSource.getConnection()) {
            return BackupReader.summary(c, customer.id(), spec, firstDay(range), lastDay(range));
        } catch (SQLException e) {
            throw new BackupException("reading backup status failed: " + e.getMessage(), e);
        }
    }

    private static String workloadFilter(BackupSpec spec, WidgetRequest request) throws BadWidgetRequestException {
        String w = request.filter(FILTER_WORKLOAD).orElse(null);
        if (w == null || w.equals("all")) {
            return null;
        }
        if (spec.workload(w).isEmpty()) {
            throw new BadWidgetRequestException(FILTER_WORKLOAD, "workload must be one of " + spec.byId().keySet());
        }
        return w;
    }

    private static TableView.Filter workloadFilterChoices(BackupSpec spec) {
        return new TableView.Filter(FILTER_WORKLOAD, "Workload",
                spec.workloads().stream().map(w -> new TableView.Option(w.id(), w.label())).toList());
    }

    private static BigDecimal gb(long bytes) {
        return BigDecimal.valueOf(bytes).divide(GB, 2, RoundingMode.HALF_UP);
    }

    static LocalDate firstDay(TimeRange range) {
        return range.from().atOffset(ZoneOffset.UTC).toLocalDate();
    }

    static LocalDate lastDay(TimeRange range) {
        return range.to().minusNanos(1).atOffset(ZoneOffset.UTC).toLocalDate();
    }

    private static Instant start(LocalDate d) {
        return d.atStartOfDay().toInstant(ZoneOffset.UTC);
    }
}
