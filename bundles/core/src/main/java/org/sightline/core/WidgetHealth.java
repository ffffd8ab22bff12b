package org.sightline.core;

import org.sightline.api.widget.WidgetDescriptor;

/**
 * A registered widget and how it has behaved since it was registered.
 *
 * @param descriptor    the widget's metadata
 * @param bundle        symbolic name of the bundle that registered it
 * @param bundleVersion that bundle's version
 * @param state         the bundle's state: {@code active}, {@code starting}, {@code stopping}, ...
 * @param calls         renders started
 * @param failures      renders that threw, timed out or were refused
 * @param lastError     the last failure's reason, or {@code null}
 * @param p50Millis     median render time over recent calls
 * @param p95Millis     95th percentile render time over recent calls
 */
public record WidgetHealth(WidgetDescriptor descriptor, String bundle, String bundleVersion, String state, long calls,
                           long failures, String lastError, double p50Millis, double p95Millis) {
}
