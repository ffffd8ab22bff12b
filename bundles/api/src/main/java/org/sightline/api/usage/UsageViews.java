package org.sightline.api.usage;

import org.osgi.annotation.versioning.ProviderType;
import org.sightline.api.view.KpiView;
import org.sightline.api.view.TableView;
import org.sightline.api.view.TimeSeriesView;
import org.sightline.api.widget.BadWidgetRequestException;
import org.sightline.api.widget.WidgetRequest;

/**
 * The standard usage widgets' views, drawn by the core from a product's {@link UsageSpec}, so that each
 * of a usage product's widgets is one line:
 *
 * <pre>{@code
 * public WidgetView render(WidgetRequest request) throws Exception {
 *     return usageViews.log(SmsProduct.SPEC, request);
 * }
 * }</pre>
 *
 * Phone numbers are returned as {@code Cell.phone} cells (the last four digits, all that is stored), so
 * the core's privacy filter masks them in JSON, CSV, XLSX and PDF.
 */
@ProviderType
public interface UsageViews {

    /** Log filter: {@code inbound} or {@code outbound}. */
    String FILTER_DIRECTION = "direction";
    /** Log filter: one of the spec's status codes. */
    String FILTER_STATUS = "status";
    /** Log filter: the first day ({@code 2026-11-01}, in the viewer's zone) or instant to list. */
    String FILTER_FROM = "from";
    /** Log filter: the last day ({@code 2026-11-30}, inclusive, in the viewer's zone) or instant (exclusive). */
    String FILTER_TO = "to";

    /**
     * KPI tiles for the request's range: volume, the share of each success and failure status,
     * billable units when the spec has them, and spend in the customer's currency.
     *
     * @throws UsageException when the database fails
     */
    KpiView kpis(UsageSpec spec, WidgetRequest request) throws UsageException;

    /**
     * Records per day and status over the request's range.
     *
     * @throws UsageException when the database fails
     */
    TimeSeriesView dailySeries(UsageSpec spec, WidgetRequest request) throws UsageException;

    /**
     * One page of the usage log, newest first: time, direction, status, masked numbers, pricing key,
     * units, duration, attributes and price, filtered by {@link #FILTER_DIRECTION},
     * {@link #FILTER_STATUS}, {@link #FILTER_FROM} and {@link #FILTER_TO} (the latter two default to the
     * request's range), paged by the request's cursor.
     *
     * @throws BadWidgetRequestException when a filter or the cursor is not valid
     * @throws UsageException            when the database fails
     */
    TableView log(UsageSpec spec, WidgetRequest request) throws BadWidgetRequestException, UsageException;
}
