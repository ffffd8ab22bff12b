package org.sightline.core.internal.registry;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.osgi.framework.Bundle;
import org.sightline.api.widget.DashboardWidget;
import org.sightline.api.widget.WidgetDescriptor;
import org.sightline.core.WidgetHealth;

/**
 * A registered widget service: its descriptor (from service properties), the service object, its
 * bundle and its health counters.
 */
public final class WidgetEntry {
    private final long serviceId;
    private final WidgetDescriptor descriptor;
    private final DashboardWidget widget;
    private final Bundle bundle;
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicInteger inFlight;
    private final AtomicLong lastLoggedFailure = new AtomicLong(Long.MIN_VALUE);
    private final LatencyWindow latency = new LatencyWindow(512);
    private volatile String lastError;

    WidgetEntry(long serviceId, WidgetDescriptor descriptor, DashboardWidget widget, Bundle bundle,
                AtomicInteger inFlight) {
        this.serviceId = serviceId;
        this.inFlight = inFlight;
        this.descriptor = descriptor;
        this.widget = widget;
        this.bundle = bundle;
    }

    public long serviceId() { return serviceId; }
    public WidgetDescriptor descriptor() { return descriptor; }
    public DashboardWidget widget() { return widget; }
    /** The bundle that registered it, or {@code null}. */
    public Bundle bundle() { return bundle; }

    /** Whether the widget's bundle is still active, so its service can be called. */
    public boolean live() {
        return bundle == null || bundle.getState() == Bundle.ACTIVE;
    }

    /**
     * Claims a render slot; {@code false} when the widget already has {@code limit} renders in flight
     * (a hanging widget must not take the whole pool). The count is shared by every registration of the
     * same widget id, so renders stuck in a removed or replaced version still count.
     */
    public boolean tryEnter(int limit) {
        if (inFlight.incrementAndGet() > limit) {
            inFlight.decrementAndGet();
            return false;
        }
        return true;
    }

    /** Releases a render slot claimed by {@link #tryEnter}. */
    public void exit() {
        inFlight.decrementAndGet();
    }

    /**
     * Whether a failure should be logged with its stack trace now: at most once a minute per widget, so a
     * widget that fails on every request does not flood the log.
     */
    public boolean shouldLogFailure() {
        long now = System.nanoTime();
        long last = lastLoggedFailure.get();
        return (last == Long.MIN_VALUE || now - last > 60_000_000_000L) && lastLoggedFailure.compareAndSet(last, now);
    }

    /** Records a successful render. */
    public void succeeded(long nanos) {
        calls.incrementAndGet();
        latency.record(nanos);
    }

    /** Records a failed render. */
    public void failed(long nanos, String reason) {
        calls.incrementAndGet();
        failures.incrementAndGet();
        latency.record(nanos);
        lastError = reason;
    }

    /** The widget's health since it was registered. */
    public WidgetHealth health() {
        String bsn = bundle == null ? "unknown" : bundle.getSymbolicName();
        String version = bundle == null ? "" : bundle.getVersion().toString();
        return new WidgetHealth(descriptor, bsn, version, state(), calls.get(), failures.get(), lastError,
                latency.percentileMillis(50), latency.percentileMillis(95));
    }

    private String state() {
        if (bundle == null) {
            return "unknown";
        }
        switch (bundle.getState()) {
            case Bundle.ACTIVE: return "active";
            case Bundle.STARTING: return "starting";
            case Bundle.STOPPING: return "stopping";
            case Bundle.RESOLVED: return "resolved";
            case Bundle.INSTALLED: return "installed";
            default: return "uninstalled";
        }
    }
}
