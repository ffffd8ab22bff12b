package org.sightline.lifecycle.internal;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

import org.sightline.core.WidgetHealth;

/**
 * Judges a module's widgets while an update is watched: a widget fails the update when it has rendered at
 * least {@code minRenders} times and failed more than {@code ratio} of them, unless it already did so before
 * the update (a module may ship a widget that fails today; an update is not to blame for it).
 */
record HealthVerdict(double ratio, int minRenders) {

    /** The widgets of the list that fail as judged here. */
    Set<String> failing(Collection<WidgetHealth> widgets) {
        Set<String> out = new TreeSet<>();
        for (WidgetHealth w : widgets) {
            if (fails(w)) {
                out.add(w.descriptor().id());
            }
        }
        return out;
    }

    boolean fails(WidgetHealth w) {
        return w.calls() >= minRenders && w.failures() > ratio * w.calls();
    }

    /** Why the update fails, or {@code null}: the first widget that fails now and did not before. */
    String judge(Set<String> failingBefore, Collection<WidgetHealth> now) {
        for (WidgetHealth w : now) {
            if (fails(w) && !failingBefore.contains(w.descriptor().id())) {
                return "widget " + w.descriptor().id() + " failed " + w.failures() + " of " + w.calls() + " renders"
                        + (w.lastError() == null ? "" : " (last: " + w.lastError() + ")");
            }
        }
        return null;
    }

    /** Why the update fails, or {@code null}: a widget of the previous version that is not back. */
    static String missing(Set<String> before, Collection<WidgetHealth> now) {
        Set<String> gone = new TreeSet<>(before);
        now.forEach(w -> gone.remove(w.descriptor().id()));
        return gone.isEmpty() ? null : "widget " + String.join(", ", gone) + " did not come back (its component failed or is gone)";
    }
}
