package org.sightline.reports.internal;

import org.sightline.api.view.Severity;

/** The report's colours, as RGB in 0..1. */
final class Colors {
    static final float[] TEXT = {0.13f, 0.15f, 0.18f};
    static final float[] MUTED = {0.42f, 0.45f, 0.50f};
    static final float[] RULE = {0.82f, 0.84f, 0.87f};
    static final float[] SHADE = {0.95f, 0.96f, 0.97f};
    static final float[] ACCENT = {0.09f, 0.36f, 0.66f};
    static final float[] BAND = {0.86f, 0.90f, 0.96f};
    /** Series colours, in order. */
    static final float[][] SERIES = {
            {0.09f, 0.36f, 0.66f}, {0.91f, 0.49f, 0.13f}, {0.20f, 0.60f, 0.33f}, {0.75f, 0.22f, 0.24f},
            {0.50f, 0.36f, 0.70f}, {0.55f, 0.34f, 0.29f}, {0.89f, 0.47f, 0.76f}, {0.50f, 0.50f, 0.50f}};

    private Colors() {
    }

    static float[] of(Severity s) {
        return switch (s) {
            case OK -> new float[] {0.18f, 0.58f, 0.31f};
            case WARNING -> new float[] {0.90f, 0.60f, 0.05f};
            case CRITICAL -> new float[] {0.80f, 0.18f, 0.18f};
            case INFO -> ACCENT;
            case UNKNOWN -> MUTED;
        };
    }

    static float[] series(int i) {
        return SERIES[i % SERIES.length];
    }
}
