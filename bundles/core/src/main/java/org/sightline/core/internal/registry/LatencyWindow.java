package org.sightline.core.internal.registry;

import java.util.Arrays;

/** The most recent render times of one widget, for percentiles. Thread safe. */
final class LatencyWindow {
    private final long[] nanos;
    private int next;
    private int size;

    LatencyWindow(int capacity) {
        this.nanos = new long[capacity];
    }

    synchronized void record(long elapsedNanos) {
        nanos[next] = elapsedNanos;
        next = (next + 1) % nanos.length;
        size = Math.min(size + 1, nanos.length);
    }

    /** The given percentile (0..100) in milliseconds, 0 when nothing was recorded. */
    synchronized double percentileMillis(double p) {
        if (size == 0) {
            return 0;
        }
        long[] copy = Arrays.copyOf(nanos, size);
        Arrays.sort(copy);
        int idx = (int) Math.ceil(p / 100.0 * size) - 1;
        return copy[Math.max(0, Math.min(size - 1, idx))] / 1_000_000.0;
    }
}
