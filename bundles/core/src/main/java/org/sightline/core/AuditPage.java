package org.sightline.core;

import java.util.List;

/**
 * A page of audit entries, newest first.
 *
 * @param items      the entries
 * @param nextCursor the cursor of the next page, or {@code null} on the last
 */
public record AuditPage(List<AuditEntry> items, String nextCursor) {
}
