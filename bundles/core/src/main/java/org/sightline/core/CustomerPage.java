package org.sightline.core;

import java.util.List;

/**
 * A page of the customer list: the viewer's pinned customers first, then the others, each in the order
 * asked for.
 *
 * @param items      the rows
 * @param nextCursor the cursor of the next page, or {@code null} on the last
 * @param total      how many customers match, over all pages
 */
public record CustomerPage(List<CustomerSummary> items, String nextCursor, long total) {
}
