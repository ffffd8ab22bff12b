package org.sightline.core.internal.tenancy;

import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.sightline.core.internal.storage.Jdbc;

/**
 * The tenancy package's reads of {@code partner} for the staff directory, which shows a user's partner name and
 * whether the partner is view-only next to the user, without reading the partner table itself.
 */
public final class Partners {
    private final DataSource ds;

    private Partners(DataSource ds) {
        this.ds = ds;
    }

    public static Partners on(DataSource ds) {
        return new Partners(ds);
    }

    /** The partner's name and view-only flag, or empty when there is no such partner. */
    public Optional<Partner> find(long partnerId) {
        return Jdbc.one(ds, "SELECT name, view_only FROM partner WHERE id = ?", List.of(partnerId),
                rs -> new Partner(partnerId, rs.getString(1), rs.getBoolean(2)));
    }

    /** A partner as a staff user carries it. */
    public record Partner(long id, String name, boolean viewOnly) {
    }
}
