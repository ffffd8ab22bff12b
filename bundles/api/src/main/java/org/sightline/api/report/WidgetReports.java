package org.sightline.api.report;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

import org.osgi.annotation.versioning.ConsumerType;
import org.sightline.api.view.Link;
import org.sightline.api.widget.WidgetRequest;

/**
 * Produces the reports a widget offers as PDF. A {@link org.sightline.api.widget.DashboardWidget} service that
 * offers reports implements this interface too (one object, one service), and offers each report in its view
 * with {@link #link}; the core then answers
 * {@code GET /api/v1/customers/{id}/widgets/{widgetId}/reports/{reportId}.pdf?option=value...}.
 * <p>
 * The core calls {@link #report} only for a customer and widget the viewer may see, with a report id that
 * {@link #reports()} names. It runs it on its widget pool under the widget deadline, passes every string of
 * the document through the privacy filter, draws it with the partner's and the customer's names and logos on
 * the cover, and records it as report activity ({@code report.exported}) and in the audit log, with the
 * outcome. Reading a report needs only what reading the widget needs; an action that creates something (a
 * service account, say) stays a {@link org.sightline.api.widget.WidgetActions} action.
 *
 * <pre>{@code
 * @Component(service = DashboardWidget.class)
 * @SightlineWidget(id = "acme.risk", title = "Risk insights", product = "acme")
 * public class RiskWidget implements DashboardWidget, WidgetReports {
 *     public WidgetView render(WidgetRequest r) {
 *         return new LinksView(List.of(WidgetReports.link("Run detailed report", r, "acme.risk", "detailed",
 *                 Map.of())), List.of());
 *     }
 *     public Set<String> reports() {
 *         return Set.of("detailed");
 *     }
 *     public ReportDocument report(WidgetRequest r, String reportId, Map<String, String> options) {
 *         boolean skipExchange = "skip".equals(options.get("exchange"));
 *         return new ReportDocument("Detailed risk report", List.of(...));
 *     }
 * }
 * }</pre>
 *
 * @since 1.0
 */
@ConsumerType
public interface WidgetReports {

    /** The ids of the reports this widget produces, such as {@code detailed}; letters, digits, '-', '_' and '.'. */
    Set<String> reports();

    /**
     * Produces a report. Must be thread safe and should honour thread interruption (the deadline).
     *
     * @param request  the customer, viewer, time range and time zone of the report (paging at its default,
     *                 filters empty)
     * @param reportId one of {@link #reports()}
     * @param options  the request's other query parameters, such as {@code exchange=skip}; never {@code null}
     * @return the document; never {@code null}
     * @throws org.sightline.api.widget.BadWidgetRequestException when an option is not valid (the user gets a
     *                                                            400 naming it)
     * @throws Exception on failure: the user is told the report failed (the message stays in the server log)
     */
    ReportDocument report(WidgetRequest request, String reportId, Map<String, String> options) throws Exception;

    /**
     * A link that downloads one of the widget's reports as PDF, for the widget's view: the route
     * {@code /api/v1/customers/{id}/widgets/{widgetId}/reports/{reportId}.pdf} with the request's range and
     * time zone and the given options as query parameters.
     *
     * @param label    what the link says, such as "Run detailed report"
     * @param request  the request the widget is rendering
     * @param widgetId the widget's own id
     * @param reportId one of {@link #reports()}
     * @param options  report options, such as {@code exchange=skip}; may be empty
     */
    static Link link(String label, WidgetRequest request, String widgetId, String reportId, Map<String, String> options) {
        Objects.requireNonNull(request, "request");
        StringBuilder href = new StringBuilder("/api/v1/customers/").append(request.customer().id())
                .append("/widgets/").append(encode(widgetId)).append("/reports/").append(encode(reportId)).append(".pdf")
                .append("?from=").append(encode(request.range().from().toString()))
                .append("&to=").append(encode(request.range().to().toString()))
                .append("&tz=").append(encode(request.zone().getId()));
        new TreeMap<>(options).forEach((k, v) -> href.append('&').append(encode(k)).append('=').append(encode(v)));
        return Link.to(label, href.toString());
    }

    private static String encode(String s) {
        return URLEncoder.encode(Objects.requireNonNull(s), StandardCharsets.UTF_8).replace("+", "%20");
    }
}
