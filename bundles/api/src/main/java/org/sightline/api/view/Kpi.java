package org.sightline.api.view;

import java.util.Objects;

/**
 * One KPI tile.
 *
 * @param id       stable id of the tile within the widget
 * @param label    caption
 * @param value    the figure
 * @param severity colour of the tile ({@link Severity#INFO} when neutral)
 * @param link     where a click on the tile leads, or {@code null}
 */
public record Kpi(String id, String label, Cell value, Severity severity, Link link) {
    public Kpi {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(severity, "severity");
    }

    /** A neutral tile without a link. */
    public Kpi(String id, String label, Cell value) {
        this(id, label, value, Severity.INFO, null);
    }
}
