package org.sightline.api.view;

import java.util.Objects;

/**
 * A link shown on a card or in a cell. Either {@code href} (an absolute https URL or a path in the
 * portal) or {@code panel} (a drill-down panel of the same widget, fetched with {@code ?panel=}) is set.
 *
 * @param label text shown
 * @param href  target URL, or {@code null}
 * @param panel drill-down panel id, or {@code null}
 */
public record Link(String label, String href, String panel) {
    public Link {
        Objects.requireNonNull(label, "label");
        if ((href == null) == (panel == null)) {
            throw new IllegalArgumentException("a link has either an href or a panel");
        }
    }

    /** A link to a URL. */
    public static Link to(String label, String href) {
        return new Link(label, href, null);
    }

    /** A link that opens a drill-down panel of the same widget. */
    public static Link panel(String label, String panel) {
        return new Link(label, null, panel);
    }
}
