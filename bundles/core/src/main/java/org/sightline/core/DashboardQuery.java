package org.sightline.core;

import java.time.ZoneId;
import java.util.Map;

import org.sightline.api.widget.PageRequest;
import org.sightline.api.widget.TimeRange;

/**
 * What a dashboard or widget request asks for.
 *
 * @param product  product page asked for, or {@code null} for the overview
 * @param range    time range, or {@code null} for the default (the last 30 days, whole days)
 * @param zone     the viewer's time zone
 * @param page     paging for tables
 * @param filters  widget filters
 * @param panel    drill-down panel, or {@code null}
 */
public record DashboardQuery(String product, TimeRange range, ZoneId zone, PageRequest page,
                             Map<String, String> filters, String panel) {
    public DashboardQuery {
        zone = zone == null ? ZoneId.of("UTC") : zone;
        page = page == null ? PageRequest.first() : page;
        filters = filters == null ? Map.of() : Map.copyOf(filters);
    }

    /** The overview with all defaults. */
    public static DashboardQuery overview() {
        return new DashboardQuery(null, null, null, null, null, null);
    }
}
