package org.sightline.api.usage;

import java.util.List;

/**
 * One page of usage records, newest first. Paging is by key (time, then storage order), so records
 * arriving while a user pages neither shift nor repeat rows.
 *
 * @param entries    the records
 * @param nextCursor the cursor of the next page, or {@code null} on the last page
 */
public record UsagePage(List<UsageEntry> entries, String nextCursor) {
    public UsagePage {
        entries = List.copyOf(entries);
    }
}
