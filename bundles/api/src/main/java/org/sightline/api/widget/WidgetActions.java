package org.sightline.api.widget;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Runs the actions a widget offers in its {@link org.sightline.api.view.LinksView LinksView}. A
 * {@link DashboardWidget} service that shows actions implements this interface too (one object, one
 * service); the core then answers {@code POST /api/v1/customers/{id}/widgets/{widgetId}/actions/{actionId}}.
 * <p>
 * The core calls {@link #run} only after it has checked everything the view promised: the customer is one the
 * viewer may see and act on, the widget's current view for this viewer offers an action with that id, the
 * viewer holds the action's permission, and the confirmation word was typed when the action asks for one.
 * It runs the action on its widget pool under the widget deadline, records it in the audit log (who, which
 * customer, which action, outcome), drops the customer's cached views so the next render shows the effect,
 * and passes the message through the privacy filter.
 *
 * <pre>{@code
 * @Component(service = DashboardWidget.class)
 * @SightlineWidget(id = "acme.reports", title = "Reports", product = "acme")
 * public class ReportsWidget implements DashboardWidget, WidgetActions {
 *     public WidgetView render(WidgetRequest r) {
 *         return new LinksView(List.of(), List.of(
 *                 new LinksView.Action("run-report", "Run detailed report", Permissions.CUSTOMER_ACT, null)));
 *     }
 *     public ActionResult run(WidgetRequest r, String actionId) {
 *         reports.queue(r.customer().id());
 *         return new ActionResult("The report is being prepared.");
 *     }
 * }
 * }</pre>
 *
 * @since 1.1
 */
@ConsumerType
public interface WidgetActions {

    /**
     * Runs an action.
     *
     * @param request  the customer and viewer (time range and paging at their defaults)
     * @param actionId the id of one of the actions the widget's view offered
     * @return what the user is told
     * @throws BadWidgetRequestException when the action cannot run as asked (the user gets a 400 naming the parameter)
     * @throws Exception on failure: the user is told the action failed (the message stays in the server log)
     */
    ActionResult run(WidgetRequest request, String actionId) throws Exception;
}
