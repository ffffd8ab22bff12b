package org.sightline.api.widget;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * A widget's metadata, as the core read it from the widget's {@link SightlineWidget} service properties.
 *
 * @param id         unique widget id
 * @param title      card title
 * @param productId  owning product
 * @param section    dashboard section
 * @param placement  where the widget appears
 * @param order      order within the section
 * @param permission permission a viewer needs
 * @param refresh    how long a rendered view stays fresh ({@link Duration#ZERO}: never cached)
 * @param timeRange  whether the widget honours the time range
 */
public record WidgetDescriptor(String id, String title, String productId, String section, Set<Placement> placement,
                               int order, String permission, Duration refresh, boolean timeRange) {
    public WidgetDescriptor {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(productId, "productId");
        Objects.requireNonNull(section, "section");
        Objects.requireNonNull(permission, "permission");
        Objects.requireNonNull(refresh, "refresh");
        placement = Set.copyOf(placement);
    }
}
