package org.sightline.api.view;

import java.util.Map;
import java.util.Objects;

/**
 * A view drawn by a custom element the vendor ships with the product, for what the built-in views
 * cannot show. Its data is still typed cells, so the core filters it like any other view.
 * <p>
 * The element's script is an ES module in the product's bundle at {@link #script(String)}, that is
 * {@code web-components/<element>.js}: it defines the element ({@code customElements.define}). The web page
 * loads it from {@code /components/<product id>/<element>.js} the first time a view of the element is drawn,
 * and sets the element's {@code data} (the filtered cells, each {@code {type, value}}), {@code view} and
 * {@code widget} properties. The page's Content-Security-Policy allows scripts of its own origin only: the
 * module may import other files of its {@code web-components/} folder and the page's own modules, but not run
 * inline code, {@code eval} or scripts of other origins. Until it is loaded, or when the bundle ships no such
 * file, the page shows the data as a simple list.
 *
 * @param element the custom element's tag name, which must contain a dash
 * @param data    named values handed to the element
 * @param links   card footer links
 */
public record CustomView(String element, Map<String, Cell> data, java.util.List<Link> links) implements WidgetView {
    /**
     * The folder of a product bundle that holds its custom elements' scripts; only files directly in it are
     * served.
     *
     * @since 1.2
     */
    public static final String SCRIPTS = "web-components/";

    /**
     * Where a product bundle ships the script of a custom element: {@code web-components/<element>.js}.
     *
     * @param element the custom element's tag name
     * @return the path of the script inside the bundle
     * @since 1.2
     */
    public static String script(String element) {
        return SCRIPTS + element + ".js";
    }

    public CustomView {
        Objects.requireNonNull(element, "element");
        if (!element.matches("[a-z][a-z0-9]*-[a-z0-9-]*")) {
            throw new IllegalArgumentException("not a custom element name: " + element);
        }
        data = Map.copyOf(data);
        links = java.util.List.copyOf(links);
    }
}
