package org.sightline.core;

import java.util.List;

/**
 * A template that runs by itself: weekly (on Monday, for the week before) or monthly (on the first, for the
 * month before), for the chosen customers, to the chosen staff and customer recipients.
 *
 * @param id          its id (ignored when creating)
 * @param templateId  the template
 * @param cadence     {@code weekly} or {@code monthly}
 * @param customerIds the customers, at least one, each offered the template
 * @param staffIds    staff recipients
 * @param addresses   customer recipients (each run sends only to those among a customer's report recipients,
 *                    while its "send reports" setting is on)
 * @since 3.2
 */
public record ReportSchedule(long id, long templateId, String cadence, List<Long> customerIds, List<Long> staffIds,
                             List<String> addresses) {
    /** The cadences. */
    public static final List<String> CADENCES = List.of("weekly", "monthly");

    public ReportSchedule {
        customerIds = customerIds == null ? List.of() : List.copyOf(customerIds);
        staffIds = staffIds == null ? List.of() : List.copyOf(staffIds);
        addresses = addresses == null ? List.of() : List.copyOf(addresses);
    }
}
