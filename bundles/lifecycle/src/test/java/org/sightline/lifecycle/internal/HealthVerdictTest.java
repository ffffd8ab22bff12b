package org.sightline.lifecycle.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.Test;
import org.sightline.api.widget.Placement;
import org.sightline.api.widget.WidgetDescriptor;
import org.sightline.core.WidgetHealth;

public class HealthVerdictTest {
    private final HealthVerdict verdict = new HealthVerdict(0.5, 3);

    private static WidgetHealth w(String id, long calls, long failures) {
        return new WidgetHealth(new WidgetDescriptor(id, id, "acme", "policy", EnumSet.allOf(Placement.class), 1, "customer.read",
                Duration.ZERO, true), "acme", "2.0.0", "active", calls, failures, failures > 0 ? "failed with IllegalStateException" : null, 1, 2);
    }

    @Test
    public void aWidgetThatFailsMoreThanTheShareAfterEnoughRendersFailsTheUpdate() {
        assertEquals("widget acme.kpi failed 3 of 4 renders (last: failed with IllegalStateException)",
                verdict.judge(Set.of(), List.of(w("acme.ok", 10, 0), w("acme.kpi", 4, 3))));
    }

    @Test
    public void tooFewRendersOrFailuresUpToTheShareAreNoVerdict() {
        assertNull(verdict.judge(Set.of(), List.of(w("acme.kpi", 2, 2))));
        assertNull(verdict.judge(Set.of(), List.of(w("acme.kpi", 4, 2))));
    }

    @Test
    public void aWidgetThatFailedAsMuchBeforeTheUpdateIsNotBlamedOnIt() {
        Set<String> before = verdict.failing(List.of(w("acme.flaky", 5, 5), w("acme.ok", 5, 0)));
        assertEquals(Set.of("acme.flaky"), before);
        assertNull(verdict.judge(before, List.of(w("acme.flaky", 9, 9), w("acme.ok", 9, 0))));
    }

    @Test
    public void aWidgetOfThePreviousVersionThatIsNotBackFailsTheUpdate() {
        assertEquals("widget acme.gone did not come back (its component failed or is gone)",
                HealthVerdict.missing(Set.of("acme.ok", "acme.gone"), List.of(w("acme.ok", 0, 0))));
        assertNull(HealthVerdict.missing(Set.of("acme.ok"), List.of(w("acme.ok", 0, 0), w("acme.new", 0, 0))));
    }
}
