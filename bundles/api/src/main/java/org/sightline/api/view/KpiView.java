package org.sightline.api.view;

import java.util.List;

/**
 * A row of KPI tiles.
 *
 * @param tiles the tiles, in display order
 * @param links card footer links
 */
public record KpiView(List<Kpi> tiles, List<Link> links) implements WidgetView {
    public KpiView {
        tiles = List.copyOf(tiles);
        links = List.copyOf(links);
    }

    public KpiView(List<Kpi> tiles) {
        this(tiles, List.of());
    }
}
