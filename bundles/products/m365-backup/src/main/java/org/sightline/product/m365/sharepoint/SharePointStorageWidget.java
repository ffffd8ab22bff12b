package org.sightline.product.m365.sharepoint;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.sightline.api.report.ReportActivity;
import org.sightline.api.view.Cell;
import org.sightline.api.view.CellType;
import org.sightline.api.view.Link;
import org.sightline.api.view.LinksView;
import org.sightline.api.view.TableView;
import org.sightline.api.view.TimeSeriesView;
import org.sightline.api.view.WidgetView;
import org.sightline.api.widget.BadWidgetRequestException;
import org.sightline.api.widget.DashboardWidget;
import org.sightline.api.widget.Sections;
import org.sightline.api.widget.SightlineWidget;
import org.sightline.api.widget.WidgetRequest;

/**
 * "SharePoint storage": the tenant's use over the last {@value #DAYS} days against its quota, the estimated trend
 * of the next {@value #DAYS} days with a 95 % band, the monthly storage budget (panel {@value #BUDGET}: the cost of
 * storage above the quota at the configured price per GB, in the customer's currency) and the daily storage report
 * (panel {@value #REPORT}). When the customer's app profile does not grant Reports.Read.All it says what to grant
 * and where.
 */
// Cached for five minutes like other widgets (the data arrives daily). A view with refreshSeconds = 0 would make
// every composed dashboard of the customer unreusable: every overview would render all its widgets again
// (platform benchmark, 26-widget overview: 1 354 req/s with 0, 12 276 with 300). The price: a second opening of the same report panel by a user with
// the same permissions within five minutes is served from the cache and not recorded again as a run.
@Component(service = DashboardWidget.class, configurationPid = SharePointStorageWidget.PID)
@Designate(ocd = SharePointStorageWidget.Config.class)
@SightlineWidget(id = SharePointStorageWidget.ID, title = "SharePoint storage", product = SharePointStorageWidget.PRODUCT,
        section = Sections.STORAGE, order = 20, refreshSeconds = 300, timeRange = false)
public class SharePointStorageWidget implements DashboardWidget {
    /** The widget id. */
    public static final String ID = "m365-backup.sharepoint-storage";
    /** The product the widget belongs to. */
    public static final String PRODUCT = "m365-backup";
    /** The configuration PID of the Microsoft 365 product. */
    public static final String PID = "org.sightline.product.m365";
    /** The monthly budget panel. */
    public static final String BUDGET = "budget";
    /** The daily storage report panel. */
    public static final String REPORT = "report";
    /** The report's name in the customer's report activity. */
    public static final String REPORT_NAME = "SharePoint storage report";
    /** Days shown, and days forecast. */
    public static final int DAYS = 90;
    /** The band's confidence. */
    public static final double CONFIDENCE = 0.95;
    /** Where an administrator grants an app registration its Microsoft Graph permissions. */
    public static final String ENTRA_APP_REGISTRATIONS =
            "https://entra.microsoft.com/#view/Microsoft_AAD_RegisteredApps/ApplicationsListBlade";
    /** Microsoft's description of the permission. */
    public static final String PERMISSION_REFERENCE =
            "https://learn.microsoft.com/en-us/graph/permissions-reference#reportsreadall";

    private static final java.time.format.DateTimeFormatter MONTH =
            java.time.format.DateTimeFormatter.ofPattern("MMM yyyy", java.util.Locale.ENGLISH);

    /** What an operator may tune. */
    @ObjectClassDefinition(name = "Sightline Microsoft 365 backup",
            description = "Microsoft 365 backup product: SharePoint storage budget")
    public @interface Config {
        @AttributeDefinition(name = "SharePoint price per GB",
                description = "Monthly price of one GB of SharePoint storage above the tenant's quota, in the "
                        + "customer's currency (a decimal number such as 0.20)")
        String sharepoint_price_per_gb() default "0.20";
    }

    private final StorageStore store;
    private final ReportActivity activity;
    private final BigDecimal pricePerGb;

    @Activate
    public SharePointStorageWidget(@Reference StorageStore store, @Reference ReportActivity activity, Config config) {
        this.store = store;
        this.activity = activity;
        this.pricePerGb = price(config.sharepoint_price_per_gb());
    }

    /** The configured price: a non-negative decimal number. */
    static BigDecimal price(String configured) {
        BigDecimal p;
        try {
            p = new BigDecimal(configured.strip());
        } catch (NumberFormatException | NullPointerException e) {
            throw new IllegalArgumentException("sharepoint.price.per.gb must be a decimal number such as 0.20, was '"
                    + configured + "'");
        }
        if (p.signum() < 0) {
            throw new IllegalArgumentException("sharepoint.price.per.gb must not be negative");
        }
        return p;
    }

    @Override
    public WidgetView render(WidgetRequest r) throws Exception {
        long customer = r.customer().id();
        LocalDate today = LocalDate.ofInstant(r.range().to().minusNanos(1), r.zone());
        List<StorageDay> days = store.days(customer, today.minusDays(DAYS - 1L), today.plusDays(1));
        Optional<Boolean> permission = store.permission(customer);
        if (permission.isPresent() && !permission.get() || permission.isEmpty() && days.isEmpty()) {
            return grant(r);
        }
        if (r.panel() == null) {
            return chart(r, days);
        }
        if (BUDGET.equals(r.panel())) {
            record(r);
            return budget(r, days);
        }
        if (REPORT.equals(r.panel())) {
            record(r);
            return report(r, days);
        }
        throw new BadWidgetRequestException("panel", "no such panel: " + r.panel());
    }

    private void record(WidgetRequest r) {
        if (r.page().cursor() == null) {
            activity.record(r, REPORT_NAME, ReportActivity.Kind.RUN, true);
        }
    }

    /** What to grant, and where, instead of an empty chart. */
    static LinksView grant(WidgetRequest r) {
        List<Link> links = new ArrayList<>();
        links.add(Link.to("The storage report needs the Microsoft Graph application permission Reports.Read.All: "
                + "grant it to the backup app profile in the Microsoft Entra admin center (App registrations, "
                + "API permissions, Grant admin consent)", ENTRA_APP_REGISTRATIONS));
        r.customer().environment().ifPresent(env -> links.add(Link.to("Open the app profile in Cloud Backup", env)));
        links.add(Link.to("What Reports.Read.All allows", PERMISSION_REFERENCE));
        return new LinksView(links, List.of());
    }

    private WidgetView chart(WidgetRequest r, List<StorageDay> days) {
        ZoneId zone = r.zone();
        List<TimeSeriesView.Point> used = new ArrayList<>();
        List<TimeSeriesView.Point> quota = new ArrayList<>();
        for (StorageDay d : days) {
            used.add(new TimeSeriesView.Point(d.day().atStartOfDay(zone).toInstant(), round(d.usedGb())));
            quota.add(new TimeSeriesView.Point(d.day().atStartOfDay(zone).toInstant(), round(d.quotaGb())));
        }
        List<TimeSeriesView.BandPoint> band = forecast(days).stream()
                .map(b -> new TimeSeriesView.BandPoint(b.day().atStartOfDay(zone).toInstant(), round(b.expected()),
                        round(b.lower()), round(b.upper()))).toList();
        List<Link> links = new ArrayList<>();
        links.add(Link.panel("Monthly storage budget", BUDGET));
        links.add(Link.panel("Storage report", REPORT));
        return new TimeSeriesView("GB", List.of(new TimeSeriesView.Series("Used", used),
                new TimeSeriesView.Series("Quota", quota)),
                band.isEmpty() ? null : new TimeSeriesView.Forecast("Estimated trend (95 % band)", band), links);
    }

    private WidgetView budget(WidgetRequest r, List<StorageDay> days) {
        String currency = r.customer().currency();
        double quotaGb = days.isEmpty() ? 0 : days.get(days.size() - 1).quotaGb();
        List<TableView.Row> rows = new ArrayList<>();
        for (StorageBudget.Month m : StorageBudget.monthly(forecast(days), quotaGb, pricePerGb)) {
            rows.add(new TableView.Row(List.of(Cell.text(m.month().format(MONTH)),
                    Cell.number(BigDecimal.valueOf(round(m.expectedGb())), "GB"),
                    Cell.number(BigDecimal.valueOf(round(m.quotaGb())), "GB"),
                    Cell.number(BigDecimal.valueOf(m.aboveQuotaGb()), "GB"),
                    Cell.money(m.cost(), currency), Cell.money(m.upperCost(), currency))));
        }
        return new TableView(List.of(
                new TableView.Column("month", "Month", CellType.TEXT),
                new TableView.Column("expected", "Expected peak use", CellType.NUMBER),
                new TableView.Column("quota", "Quota", CellType.NUMBER),
                new TableView.Column("above", "Above quota", CellType.NUMBER),
                new TableView.Column("cost", "Estimated cost at " + pricePerGb.toPlainString() + " " + currency
                        + " per GB", CellType.MONEY),
                new TableView.Column("upper", "At the band's upper bound", CellType.MONEY)),
                rows, null, (long) rows.size(), List.of(Link.to("Export (XLSX)", exportHref(r, BUDGET))));
    }

    private WidgetView report(WidgetRequest r, List<StorageDay> days) throws BadWidgetRequestException {
        int offset = offset(r.page().cursor());
        int limit = r.page().limit();
        List<StorageDay> newest = new ArrayList<>(days);
        java.util.Collections.reverse(newest);
        List<TableView.Row> rows = new ArrayList<>();
        for (StorageDay d : newest.subList(Math.min(offset, newest.size()), Math.min(offset + limit, newest.size()))) {
            rows.add(new TableView.Row(List.of(Cell.timestamp(d.day().atStartOfDay(r.zone()).toInstant()),
                    Cell.number(BigDecimal.valueOf(round(d.usedGb())), "GB"),
                    Cell.number(BigDecimal.valueOf(round(d.quotaGb())), "GB"),
                    Cell.number(BigDecimal.valueOf(d.quotaBytes() == 0 ? 0 : round(100.0 * d.usedBytes() / d.quotaBytes())), "%"))));
        }
        return new TableView(List.of(
                new TableView.Column("day", "Day", CellType.TIMESTAMP),
                new TableView.Column("used", "Used", CellType.NUMBER),
                new TableView.Column("quota", "Quota", CellType.NUMBER),
                new TableView.Column("share", "Of quota", CellType.NUMBER)),
                rows, offset + limit < newest.size() ? "o" + (offset + limit) : null, (long) newest.size(),
                List.of(Link.to("Export (XLSX)", exportHref(r, REPORT))));
    }

    /** The core's export route for a panel of this widget (masked and audited like every export). */
    static String exportHref(WidgetRequest r, String panel) {
        return "/api/v1/customers/" + r.customer().id() + "/widgets/" + ID + "/export?format=xlsx&panel=" + panel;
    }

    private static List<StorageForecast.Band> forecast(List<StorageDay> days) {
        return StorageForecast.forecast(days.stream().map(StorageDay::day).toList(),
                days.stream().map(StorageDay::usedGb).toList(), DAYS, CONFIDENCE);
    }

    private static int offset(String cursor) throws BadWidgetRequestException {
        if (cursor == null) {
            return 0;
        }
        if (cursor.matches("o[0-9]{1,6}")) {
            return Integer.parseInt(cursor.substring(1));
        }
        throw new BadWidgetRequestException("cursor", "this is not a cursor this table gave out");
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
