package org.sightline.api.view;

import java.util.Map;
import java.util.Objects;

/**
 * A view drawn by a custom element the vendor ships with the product, for what the built-in views
 * cannot show. Its data is still typed cells, so the core filters it like any other view.
 *
 * @param element the custom element's tag name, which must contain a dash
 * @param data    named values handed to the element
 * @param links   card footer links
 */
public record CustomView(String element, Map<String, Cell> data, java.util.List<Link> links) implements WidgetView {
    public CustomView {
        Objects.requireNonNull(element, "element");
        if (!element.matches("[a-z][a-z0-9]*-[a-z0-9-]*")) {
            throw new IllegalArgumentException("not a custom element name: " + element);
        }
        data = Map.copyOf(data);
        links = java.util.List.copyOf(links);
    }
}
