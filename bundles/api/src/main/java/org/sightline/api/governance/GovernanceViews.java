package org.sightline.api.governance;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;
import org.sightline.api.CustomerRef;
import org.sightline.api.view.Link;
import org.sightline.api.view.TimeSeriesView;
import org.sightline.api.widget.WidgetRequest;

/** Views and links the governance products share, drawn by the governance family. */
@ProviderType
public interface GovernanceViews {

    /**
     * One series per measure, the day's counts summed over kinds, one point per day that has counts (at the
     * start of the day in the request's zone), from {@code from} to {@code to}, both included.
     *
     * @param productId the product whose counts to draw
     * @param request   the customer and the viewer's zone
     * @param measures  the measures, in the order of the series
     * @param kinds     the kinds to sum, or empty for all
     * @param unit      the values' unit, such as "items"
     * @param links     the card's footer links
     * @throws GovernanceException when the database fails
     */
    TimeSeriesView dailySeries(String productId, WidgetRequest request, LocalDate from, LocalDate to,
                               List<Measure> measures, List<String> kinds, String unit, List<Link> links) throws GovernanceException;

    /**
     * A link into the customer's own environment (the product's pages there): the customer's environment URL
     * with {@code path} appended, or empty when the customer has no environment URL or access to it is
     * disabled.
     *
     * @param customer the customer
     * @param label    the link's text
     * @param path     a path below the environment URL, such as {@code policies/rules?state=compliant}
     */
    Optional<Link> environmentLink(CustomerRef customer, String label, String path);
}
