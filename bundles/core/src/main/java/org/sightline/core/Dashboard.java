package org.sightline.core;

import java.util.List;

import org.sightline.api.CustomerRef;
import org.sightline.api.widget.TimeRange;

/**
 * A composed dashboard.
 *
 * @param customer   the customer
 * @param range      the time range the widgets were rendered for
 * @param navigation the customer's products: subscribed and deployed
 * @param product    the product page shown, or {@code null} for the overview
 * @param widgets    the widgets, ordered by section, order and id; failed ones carry an error
 */
public record Dashboard(CustomerRef customer, TimeRange range, List<ProductInfo> navigation, String product,
                        List<RenderedWidget> widgets) {
}
