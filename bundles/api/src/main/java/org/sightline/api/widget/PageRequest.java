package org.sightline.api.widget;

/**
 * Cursor paging for tables. The cursor is opaque to the core: a widget returns
 * {@link org.sightline.api.view.TableView#nextCursor()} and receives it back to fetch the next page.
 *
 * @param cursor where to continue, or {@code null} for the first page
 * @param limit  how many rows, between 1 and {@link #MAX_LIMIT}
 */
public record PageRequest(String cursor, int limit) {
    /** The default page size. */
    public static final int DEFAULT_LIMIT = 50;
    /** The largest page a caller may ask for. */
    public static final int MAX_LIMIT = 500;

    public PageRequest {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT);
        }
    }

    /** The first page of the default size. */
    public static PageRequest first() {
        return new PageRequest(null, DEFAULT_LIMIT);
    }
}
