package org.sightline.api.view;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A list of statuses, such as backup jobs per service.
 *
 * @param items the items
 * @param links card footer links
 */
public record StatusListView(List<Item> items, List<Link> links) implements WidgetView {
    public StatusListView {
        items = List.copyOf(items);
        links = List.copyOf(links);
    }

    public StatusListView(List<Item> items) {
        this(items, List.of());
    }

    /**
     * One status line.
     *
     * @param label    what the status is about
     * @param status   the status
     * @param detail   a further cell (a count, a size, a time), or {@code null}
     * @param at       when the status was observed, or {@code null}
     * @param link     where a click leads, or {@code null}
     */
    public record Item(String label, Cell.Status status, Cell detail, Instant at, Link link) {
        public Item {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(status, "status");
        }
    }
}
