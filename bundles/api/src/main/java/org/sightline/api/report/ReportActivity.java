package org.sightline.api.report;

import org.osgi.annotation.versioning.ProviderType;
import org.sightline.api.widget.WidgetRequest;

/**
 * Records a report's use for a customer: who ran, exported, generated or sent which report, when, and how it
 * ended. The core provides it as an OSGi service; the entry appears in the customer's "Report activity" widget
 * and in the partner's audit log. Exports through the core's export route are recorded by the core already.
 *
 * <pre>{@code
 * @Reference ReportActivity activity;
 *
 * public WidgetView render(WidgetRequest r) {
 *     if ("suspicious".equals(r.panel())) {
 *         activity.record(r, "Unusual activity: suspicious items", ReportActivity.Kind.RUN, true);
 *         ...
 * }</pre>
 * The viewer and customer are taken from the request the core handed the widget, so the entry is scoped like
 * the request; the report name passes the core's privacy filter.
 */
@ProviderType
public interface ReportActivity {

    /** What was done with the report. */
    enum Kind {
        /** opened or run on the page */
        RUN,
        /** downloaded as a file */
        EXPORTED,
        /** produced from a template */
        GENERATED,
        /** sent to recipients */
        SENT
    }

    /**
     * Records one use of a report. Never throws: a failure to record is logged by the core.
     *
     * @param request the request the core passed to the widget (its viewer and customer are recorded)
     * @param report  the report's name as users know it, such as "SharePoint storage report"
     * @param kind    what was done
     * @param ok      whether it succeeded
     */
    void record(WidgetRequest request, String report, Kind kind, boolean ok);
}
