package org.sightline.core.internal.tenancy;

import java.util.List;

/**
 * Which customers a viewer sees: all of the partner's ({@code partnerWide}), or those assigned to staff
 * user {@code staffId} directly or through a group. {@code staffId} is -1 for a viewer without a staff
 * record, who then sees nothing unless partner-wide.
 */
record Scope(long partnerId, long staffId, boolean partnerWide) {

    /** The SQL condition on customer alias {@code c}. */
    String sql() {
        if (partnerWide) {
            return "c.partner_id = ?";
        }
        return "c.partner_id = ? AND (EXISTS (SELECT 1 FROM staff_customer sc WHERE sc.customer_id = c.id AND sc.staff_id = ?)"
                + " OR EXISTS (SELECT 1 FROM customer_group_member gm JOIN staff_group sg ON sg.group_id = gm.group_id"
                + " WHERE gm.customer_id = c.id AND sg.staff_id = ?))";
    }

    /** The arguments of {@link #sql()}. */
    List<Object> args() {
        return partnerWide ? List.of(partnerId) : List.of(partnerId, staffId, staffId);
    }
}
