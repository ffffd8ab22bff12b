package org.sightline.core;

import org.sightline.api.view.WidgetView;
import org.sightline.api.widget.WidgetDescriptor;

/**
 * One widget's outcome: a privacy-filtered view, or an error card's short reason.
 *
 * @param descriptor the widget's metadata
 * @param view       the filtered view, or {@code null} when the widget failed
 * @param error      why the widget failed, or {@code null}
 * @param millis     render time (0 when served from cache)
 */
public record RenderedWidget(WidgetDescriptor descriptor, WidgetView view, String error, long millis) {
}
