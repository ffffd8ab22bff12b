package org.sightline.api.backup;

import java.util.List;

import org.osgi.annotation.versioning.ProviderType;
import org.sightline.api.CustomerRef;
import org.sightline.api.view.TimeSeriesView;
import org.sightline.api.view.WidgetView;
import org.sightline.api.widget.BadWidgetRequestException;
import org.sightline.api.widget.TimeRange;
import org.sightline.api.widget.WidgetRequest;

/**
 * The standard backup widgets' views, drawn by the backup family from a product's {@link BackupSpec}, so that each
 * of a backup product's widgets is one line:
 *
 * <pre>{@code
 * public WidgetView render(WidgetRequest request) throws Exception {
 *     return views.status(DynamicsProduct.SPEC, request);
 * }
 * }</pre>
 *
 * Every view reads the roll-ups the store keeps at ingestion, except the failures list, which pages the failed and
 * partial runs by key. Tables are exported by the core's export route ({@code ?panel=failures&format=xlsx}).
 */
@ProviderType
public interface BackupViews {

    /** Panel of the status widget: failed and partially succeeded runs with their reasons. */
    String PANEL_FAILURES = "failures";
    /** Panel of the status widget: runs per day by status. */
    String PANEL_JOBS = "jobs";
    /** Panel of the status widget (when the spec has a storage report): storage by workload over time. */
    String PANEL_STORAGE = "storage";
    /** Panel: the storage report as a table (day, workload, bytes), for export. */
    String PANEL_STORAGE_TABLE = "storage-table";
    /** Failures filter: {@code failed} or {@code partially-succeeded}. */
    String FILTER_STATUS = "status";
    /** Failures and storage filter: a workload id. */
    String FILTER_WORKLOAD = "workload";

    /**
     * The backup status widget: one row per workload with the last run's status, the last successful backup,
     * protected objects and the success rate over the request's range; links to the failures, the jobs per day
     * and (when the spec has one) the storage report; a "Start service" link when the customer's subscription to
     * the product is not started or partially started and the viewer may act. With a panel of this interface,
     * the panel's view.
     *
     * @throws BadWidgetRequestException when a panel, filter or cursor is not valid
     * @throws BackupException           when the database fails
     */
    WidgetView status(BackupSpec spec, WidgetRequest request) throws BadWidgetRequestException, BackupException;

    /**
     * Runs per day (the viewer's days are approximated by UTC days) and status over the request's range.
     *
     * @throws BackupException when the database fails
     */
    TimeSeriesView jobs(BackupSpec spec, WidgetRequest request) throws BackupException;

    /**
     * The failed and partially succeeded runs in the request's range, newest first, paged by the request's cursor,
     * filtered by {@link #FILTER_STATUS} and {@link #FILTER_WORKLOAD}: started, workload, status, objects failed,
     * reason, and the error text as message content (removed by the core).
     *
     * @throws BadWidgetRequestException when a filter or the cursor is not valid
     * @throws BackupException           when the database fails
     */
    WidgetView failures(BackupSpec spec, WidgetRequest request) throws BadWidgetRequestException, BackupException;

    /**
     * The storage report: bytes stored per workload per day over the request's range, as a series in GB, or with
     * {@link #PANEL_STORAGE_TABLE} as a table (exportable), filterable by {@link #FILTER_WORKLOAD}. Opening it
     * is recorded as a run of the report in the customer's report activity.
     *
     * @throws BadWidgetRequestException when a filter is not valid
     * @throws BackupException           when the database fails
     */
    WidgetView storage(BackupSpec spec, WidgetRequest request) throws BadWidgetRequestException, BackupException;

    /**
     * Each workload's state for the customer, as the status widget shows it.
     *
     * @throws BackupException when the database fails
     */
    List<WorkloadSummary> summary(CustomerRef customer, BackupSpec spec, TimeRange range) throws BackupException;
}
