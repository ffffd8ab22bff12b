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
}
