package org.sightline.core;

import java.math.BigDecimal;
import java.util.List;

/**
 * A row of the customer list.
 *
 * @param id            customer id
 * @param accountId     account id
 * @param name          name
 * @param logoVersion   0 without a logo, else a number that changes with every upload
 * @param currency      billing currency
 * @param credits       remaining credits, in the billing currency
 * @param products      ids of the products the customer subscribes to (expired ones left out when hidden)
 * @param staff         staff assigned to the customer, directly or through a group
 * @param groups        the customer's groups
 * @param pinned        whether the viewer pinned the customer
 * @param accessEnabled whether access to the customer's tenant is enabled
 */
public record CustomerSummary(long id, String accountId, String name, int logoVersion, String currency,
                              BigDecimal credits, List<String> products, List<StaffRef> staff, List<GroupRef> groups,
                              boolean pinned, boolean accessEnabled) {

    /** A staff member as shown on a customer. */
    public record StaffRef(String username, String displayName) {
    }

    /** A customer group. */
    public record GroupRef(long id, String name) {
    }
}
