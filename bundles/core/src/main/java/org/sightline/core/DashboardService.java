package org.sightline.core;

import org.osgi.annotation.versioning.ProviderType;
import org.sightline.api.Viewer;

/**
 * Composes a customer's dashboard or renders one widget, for one viewer. Every view returned has passed
 * the privacy filter.
 */
@ProviderType
public interface DashboardService {

    /**
     * The customer's overview, or a product page when {@code query.product()} is set.
     *
     * @throws NotFoundException when the customer is not visible to the viewer, or the product is not
     *                           deployed or not subscribed
     */
    Dashboard dashboard(Viewer viewer, long customerId, DashboardQuery query);

    /**
     * One widget of the customer, with paging, filters and panel.
     *
     * @throws NotFoundException        when the customer or widget is not visible to the viewer
     * @throws InvalidParameterException when the widget rejects a filter, cursor or panel
     */
    RenderedWidget widget(Viewer viewer, long customerId, String widgetId, DashboardQuery query);

    /**
     * Runs an action a widget offers in its links view ({@link org.sightline.api.widget.WidgetActions}),
     * audited, and drops the customer's cached views.
     *
     * @param confirmation the word the user typed, when the action asks for one
     * @return what the user is told, masked
     * @throws NotFoundException         when the customer or widget is not visible, or the widget's view does
     *                                   not offer the action to this viewer
     * @throws ForbiddenException        when the viewer may not act on customers or lacks the action's permission
     * @throws InvalidParameterException when the confirmation is missing or wrong, or the widget rejects the action
     * @throws ActionFailedException     when the product's action failed or overran the widget deadline
     */
    String act(Viewer viewer, long customerId, String widgetId, String actionId, String confirmation);
}
