package org.sightline.web.internal;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import org.sightline.api.view.WidgetView;

/**
 * The widget test kit's door to the web bundle's JSON writer ({@code ViewJson}, package private). In the kit's jar
 * both classes are relocated to {@code org.sightline.widget.testkit.internal.json}; nothing outside the kit uses this.
 */
public final class KitJson {
    private static final JsonFactory JSON = new JsonFactory();

    private KitJson() {
    }

    /** The view as the server writes it in a dashboard or widget response. */
    public static String write(WidgetView filtered) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            ViewJson.view(g, filtered);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
