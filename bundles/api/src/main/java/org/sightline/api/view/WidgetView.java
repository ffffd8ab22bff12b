package org.sightline.api.view;

/**
 * What a widget renders: one of a closed set of view types the page knows how to draw. The set is
 * closed so that the core can see, and filter, every value a widget produces.
 */
public sealed interface WidgetView
        permits KpiView, TimeSeriesView, TableView, StatusListView, LinksView, CustomView {

    /** Links and actions shown in the card's footer; empty by default. */
    default java.util.List<Link> links() {
        return java.util.List.of();
    }
}
