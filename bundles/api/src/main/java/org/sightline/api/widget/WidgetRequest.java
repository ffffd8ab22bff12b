package org.sightline.api.widget;

import java.time.ZoneId;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.sightline.api.CustomerRef;
import org.sightline.api.Viewer;

/**
 * What the core asks a widget to render.
 *
 * @param customer the customer, already checked to be visible to the viewer
 * @param viewer   who is looking
 * @param range    the time range asked for (the page's default when none was given)
 * @param zone     the viewer's time zone, for day boundaries
 * @param page     cursor and limit for tables
 * @param filters  widget-specific filters, such as {@code direction=inbound}; never {@code null}
 * @param panel    the drill-down panel asked for, or {@code null} for the widget's main view
 */
public record WidgetRequest(CustomerRef customer, Viewer viewer, TimeRange range, ZoneId zone, PageRequest page,
                            Map<String, String> filters, String panel) {
    public WidgetRequest {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(viewer, "viewer");
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(page, "page");
        filters = Map.copyOf(filters);
    }

    /** A filter's value, if it was given and is not blank. */
    public Optional<String> filter(String name) {
        String v = filters.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v);
    }
}
