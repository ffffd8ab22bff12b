package org.sightline.product.policy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sightline.api.view.TimeSeriesView;
import org.sightline.api.view.WidgetView;
import org.sightline.api.widget.DashboardWidget;
import org.sightline.api.widget.Sections;
import org.sightline.api.widget.SightlineWidget;
import org.sightline.api.widget.WidgetRequest;

/**
 * Violations over the chosen range, per day in the viewer's zone: those open at the end of the day, those found
 * and those fixed that day.
 */
@Component(service = DashboardWidget.class)
@SightlineWidget(id = "policy.violations", title = "Policy violations", product = PolicyProduct.ID,
        section = Sections.POLICY, order = 20)
public class PolicyTrend implements DashboardWidget {
    private final PolicyStore store;

    @Activate
    public PolicyTrend(@Reference PolicyStore store) {
        this.store = store;
    }

    @Override
    public WidgetView render(WidgetRequest request) throws Exception {
        LocalDate first = request.range().from().atZone(request.zone()).toLocalDate();
        LocalDate last = request.range().to().minusNanos(1).atZone(request.zone()).toLocalDate();
        Instant from = first.atStartOfDay(request.zone()).toInstant();
        Instant to = last.plusDays(1).atStartOfDay(request.zone()).toInstant();
        List<Violation> violations = store.violationsDuring(request.customer(), from, to);
        List<TimeSeriesView.Point> open = new ArrayList<>();
        List<TimeSeriesView.Point> found = new ArrayList<>();
        List<TimeSeriesView.Point> fixed = new ArrayList<>();
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            ZonedDateTime start = d.atStartOfDay(request.zone());
            Instant s = start.toInstant();
            Instant e = d.plusDays(1).atStartOfDay(request.zone()).toInstant();
            long o = 0;
            long fo = 0;
            long fi = 0;
            for (Violation v : violations) {
                if (v.found().isBefore(e) && (v.fixedAt() == null || !v.fixedAt().isBefore(e))) {
                    o++;
                }
                if (!v.found().isBefore(s) && v.found().isBefore(e)) {
                    fo++;
                }
                if (v.fixedAt() != null && !v.fixedAt().isBefore(s) && v.fixedAt().isBefore(e)) {
                    fi++;
                }
            }
            open.add(new TimeSeriesView.Point(s, o));
            found.add(new TimeSeriesView.Point(s, fo));
            fixed.add(new TimeSeriesView.Point(s, fi));
        }
        return new TimeSeriesView("violations", List.of(new TimeSeriesView.Series("Unfixed violations", open),
                new TimeSeriesView.Series("Found", found), new TimeSeriesView.Series("Fixed", fixed)), null, List.of());
    }
}
