package org.sightline.api.widget;

import org.osgi.annotation.versioning.ConsumerType;
import org.sightline.api.view.WidgetView;

/**
 * A dashboard widget. Register it as a DS component annotated with {@link SightlineWidget}, which
 * turns the widget's metadata into service properties the core reads without calling the widget:
 *
 * <pre>{@code
 * @Component(service = DashboardWidget.class)
 * @SightlineWidget(id = "sms.kpis", title = "SMS at a glance", product = "sms",
 *                  section = Sections.USAGE, order = 10)
 * public class SmsKpis implements DashboardWidget {
 *     public WidgetView render(WidgetRequest request) {
 *         return new KpiView(List.of(new Kpi("sent", "Messages sent", Cell.number(1200))));
 *     }
 * }
 * }</pre>
 *
 * The core calls {@link #render} on a bounded pool, concurrently for many requests, with a deadline.
 * A widget that throws or overruns the deadline is shown as an error card; the rest of the dashboard is
 * unaffected. Everything the view holds passes the core's privacy filter before it leaves the server:
 * put personal data in its typed cells ({@code Cell.phone}, {@code Cell.personName},
 * {@code Cell.message}) and the core masks or removes it.
 */
@ConsumerType
public interface DashboardWidget {

    /**
     * Renders the widget for one customer and viewer. Must be thread safe and should honour thread
     * interruption, which is how the core abandons a render past its deadline.
     *
     * @param request the customer, viewer, time range, paging, filters and panel asked for
     * @return the view to draw; never {@code null}
     * @throws BadWidgetRequestException when a filter, cursor or panel in the request is not valid;
     *                                   the caller gets a 400 naming the parameter
     * @throws Exception                 on any other failure; the widget is shown as an error card
     */
    WidgetView render(WidgetRequest request) throws Exception;
}
