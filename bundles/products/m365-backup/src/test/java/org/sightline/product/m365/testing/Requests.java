package org.sightline.product.m365.testing;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.sightline.api.CustomerRef;
import org.sightline.api.Permissions;
import org.sightline.api.Viewer;
import org.sightline.api.report.ReportActivity;
import org.sightline.api.widget.PageRequest;
import org.sightline.api.widget.TimeRange;
import org.sightline.api.widget.WidgetRequest;

/** Widget requests and a report-activity recorder for tests. */
public final class Requests {
    public static final Viewer VIEWER = new Viewer("erin.engineer", 1, Set.of("engineer"),
            Set.of(Permissions.CUSTOMER_READ));

    private Requests() {
    }

    public static CustomerRef customer(long id, String environment) {
        return new CustomerRef(id, 1, "ACC-" + id, "Contoso Ltd", "EUR", true, environment);
    }

    /** The last {@code days} days up to {@code end}, in UTC. */
    public static WidgetRequest request(CustomerRef c, Instant end, int days, String panel, String cursor, int limit) {
        return new WidgetRequest(c, VIEWER, TimeRange.ending(end, Duration.ofDays(days)), ZoneId.of("UTC"),
                new PageRequest(cursor, limit), Map.of(), panel);
    }

    /** Records what a widget reported, as the core would. */
    public static final class Recorder implements ReportActivity {
        public final List<String> entries = new ArrayList<>();

        @Override
        public void record(WidgetRequest request, String report, Kind kind, boolean ok) {
            entries.add(request.customer().id() + " " + request.viewer().user() + " " + report + " " + kind + " " + ok);
        }
    }
}
