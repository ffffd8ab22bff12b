package org.sightline.core;

/**
 * The customer list's search, filters, order and page.
 *
 * @param q       case-insensitive text found in the name or the account id, or {@code null}
 * @param product only customers subscribed to this product (shown subscriptions), or {@code null}
 * @param status  only customers with a (shown) subscription in this status, or {@code null}
 * @param groupId only customers in this group, or {@code null}
 * @param pinned  only customers the viewer pinned
 * @param sort    {@code name}, {@code credits} or {@code accountId}, with a leading {@code -} for descending
 * @param cursor  where the previous page ended, or {@code null}
 * @param limit   page size, 1 to 500
 */
public record CustomerQuery(String q, String product, String status, Long groupId, boolean pinned, String sort,
                            String cursor, int limit) {
    public CustomerQuery {
        sort = sort == null || sort.isBlank() ? "name" : sort;
    }

    /** The first page of everything, by name. */
    public static CustomerQuery all(int limit) {
        return new CustomerQuery(null, null, null, null, false, "name", null, limit);
    }
}
