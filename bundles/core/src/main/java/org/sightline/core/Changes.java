package org.sightline.core;

import java.util.function.Consumer;
import java.util.function.Predicate;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The one place where writers announce what changed and caches learn what to drop. A writer announces a
 * change after it is committed; every subscriber hears it on the writer's thread, before
 * {@link #announce} returns. A later multi-node version hooks in here: it forwards local announcements to
 * the other nodes and announces theirs locally.
 * <p>
 * Exactness: a cache that computes a value while a change is committed must not keep a stale value. It
 * notes {@link #sequence()} before reading, stores the value, then asks {@link #changedSince} whether a
 * change that affects it was announced meanwhile, and drops the value if so.
 */
@ProviderType
public interface Changes {

    /** Something that changed. */
    sealed interface Change permits CustomerData, Customer, Partner, AllPartners, WidgetGone, Product, Everything {
    }

    /** A product's data of a customer changed (ingestion, an action, an audit entry of the core's card). */
    record CustomerData(long customerId, String productId) implements Change {
    }

    /** A customer changed: its details, flags, subscriptions or whatever its widgets show. */
    record Customer(long customerId) implements Change {
    }

    /** A partner's tenancy changed: its customers, subscriptions, groups, staff or assignments. */
    record Partner(long partnerId) implements Change {
    }

    /** The tenancy of every partner changed (a staff account or group edited across partners). */
    record AllPartners() implements Change {
    }

    /** A widget service went away (its bundle was stopped, updated or removed). */
    record WidgetGone(long widgetServiceId) implements Change {
    }

    /** A product's catalogue entry changed, or the product came or went. */
    record Product(String productId) implements Change {
    }

    /** Everything may have changed (data edited by hand, a restore). */
    record Everything() implements Change {
    }

    /** Announces a committed change to every subscriber. */
    void announce(Change change);

    /** Subscribes to every change announced from now on; closing the result unsubscribes. */
    AutoCloseable subscribe(Consumer<Change> listener);

    /** The number of changes announced so far; note it before computing something to cache. */
    long sequence();

    /**
     * Whether a change announced after {@code sequence} was noted may affect a value, as decided by
     * {@code affects}. When the changes since then are no longer known (too many), the answer is yes.
     */
    boolean changedSince(long sequence, Predicate<Change> affects);
}
