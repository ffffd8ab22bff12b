package org.sightline.family.governance.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sightline.api.CustomerRef;
import org.sightline.api.governance.DailyCount;
import org.sightline.api.governance.GovernanceCounts;
import org.sightline.api.governance.GovernanceException;
import org.sightline.api.governance.GovernanceViews;
import org.sightline.api.governance.Measure;
import org.sightline.api.view.Link;
import org.sightline.api.view.TimeSeriesView;
import org.sightline.api.widget.WidgetRequest;

/** Daily series of the governance counts, and deep links into the customer's environment. */
@Component(service = GovernanceViews.class)
public class ViewsService implements GovernanceViews {
    private final GovernanceCounts counts;

    @Activate
    public ViewsService(@Reference GovernanceCounts counts) {
        this.counts = counts;
    }

    @Override
    public TimeSeriesView dailySeries(String productId, WidgetRequest request, LocalDate from, LocalDate to,
                                      List<Measure> measures, List<String> kinds, String unit,
                                      List<Link> links)
            throws GovernanceException {
        Map<String, TreeMap<LocalDate, Long>> sums = new LinkedHashMap<>();
        for (Measure m : measures) {
            sums.put(m.id(), new TreeMap<>());
        }
        for (DailyCount c : counts.read(productId, request.customer(), from, to)) {
            TreeMap<LocalDate, Long> days = sums.get(c.measure());
            if (days != null && (kinds.isEmpty() || kinds.contains(c.kind()))) {
                days.merge(c.day(), c.value(), Long::sum);
            }
        }
        List<TimeSeriesView.Series> series = new ArrayList<>(measures.size());
        for (Measure m : measures) {
            List<TimeSeriesView.Point> points = new ArrayList<>();
            sums.get(m.id()).forEach((day, v) -> points.add(
                    new TimeSeriesView.Point(day.atStartOfDay(request.zone()).toInstant(), v)));
            series.add(new TimeSeriesView.Series(m.label(), points));
        }
        return new TimeSeriesView(unit, series, null, links);
    }

    @Override
    public Optional<Link> environmentLink(CustomerRef customer, String label, String path) {
        return customer.environment().flatMap(base -> link(base, label, path));
    }

    /** The base address with the path appended, only when the base is an absolute https URL. */
    static Optional<Link> link(String base, String label, String path) {
        try {
            URI uri = new URI(base.strip());
            if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
                return Optional.empty();
            }
            String b = uri.toString();
            String p = path == null ? "" : path.startsWith("/") ? path.substring(1) : path;
            return Optional.of(Link.to(label, (b.endsWith("/") ? b : b + "/") + p));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
