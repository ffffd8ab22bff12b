package org.sightline.core.internal.tenancy;

import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.sightline.core.internal.storage.Jdbc;

/**
 * The tenancy package's reads of {@code partner} for the staff directory, which shows a user's partner name and
 * whether the partner is view-only next to the user, without reading the partner table itself.
 */
public final class Partners {
    private final DataSource ds;
    private final Cache<Long, Partner> known;

    private Partners(DataSource ds, Cache<Long, Partner> known) {
        this.ds = ds;
        this.known = known;
    }

    /** Reads the partner table on every call. */
    public static Partners on(DataSource ds) {
        return new Partners(ds, null);
    }

    /**
     * Remembers up to {@code maximumSize} partners, for a path taken on every request (the session's user). A
     * partner's name and view-only flag are written when it is created and never changed, so nothing goes stale.
     */
    public static Partners remembering(DataSource ds, long maximumSize) {
        return new Partners(ds, Caffeine.newBuilder().maximumSize(maximumSize).recordStats().build());
    }

    /** The cache of {@link #remembering} (for the admin page's hit ratios), or {@code null}. */
    public Cache<Long, Partner> cache() {
        return known;
    }

    /** The partner's name and view-only flag, or empty when there is no such partner. */
    public Optional<Partner> find(long partnerId) {
        Partner p = known == null ? null : known.getIfPresent(partnerId);
        if (p != null) {
            return Optional.of(p);
        }
        Optional<Partner> read = Jdbc.one(ds, "SELECT name, view_only FROM partner WHERE id = ?", List.of(partnerId),
                rs -> new Partner(partnerId, rs.getString(1), rs.getBoolean(2)));
        if (known != null) {
            read.ifPresent(r -> known.put(partnerId, r));
        }
        return read;
    }

    /** A partner as a staff user carries it. */
    public record Partner(long id, String name, boolean viewOnly) {
    }
}
