package org.sightline.core.internal.cache;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.osgi.service.component.annotations.Component;
import org.sightline.core.Changes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The change notes of one node: subscribers hear each change on the announcing thread, and the last
 * {@link #REMEMBERED} changes are kept so that a cache can ask what came in while it computed a value.
 */
@Component(service = Changes.class)
public class ChangeNotes implements Changes {
    /** Changes remembered for {@link #changedSince}; a power of two. */
    static final int REMEMBERED = 4096;
    private static final Logger LOG = LoggerFactory.getLogger(ChangeNotes.class);

    private record Noted(long sequence, Change change) {
    }

    private final AtomicLong sequence = new AtomicLong();
    private final AtomicReferenceArray<Noted> recent = new AtomicReferenceArray<>(REMEMBERED);
    private final List<Consumer<Change>> listeners = new CopyOnWriteArrayList<>();

    @Override
    public void announce(Change change) {
        Objects.requireNonNull(change, "change");
        // Noted before the subscribers drop anything: a value stored after they looked is found out by
        // changedSince, a value stored before is dropped by them.
        long s = sequence.incrementAndGet();
        recent.set(slot(s), new Noted(s, change));
        for (Consumer<Change> l : listeners) {
            try {
                l.accept(change);
            } catch (RuntimeException e) {
                LOG.warn("A cache failed to handle {}", change, e);
            }
        }
    }

    @Override
    public AutoCloseable subscribe(Consumer<Change> listener) {
        Objects.requireNonNull(listener, "listener");
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public long sequence() {
        return sequence.get();
    }

    @Override
    public boolean changedSince(long since, Predicate<Change> affects) {
        long now = sequence.get();
        if (now - since > REMEMBERED) {
            return true;
        }
        for (long s = since + 1; s <= now; s++) {
            Noted n = recent.get(slot(s));
            // Not written yet, or already overwritten: unknown, so assume it matters.
            if (n == null || n.sequence() != s || affects.test(n.change())) {
                return true;
            }
        }
        return false;
    }

    private static int slot(long s) {
        return (int) (s & (REMEMBERED - 1));
    }
}
