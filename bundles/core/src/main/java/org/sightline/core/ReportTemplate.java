package org.sightline.core;

import java.util.List;

/**
 * A partner's report template: which sections and widgets of a customer's dashboard a generated report holds,
 * for which period, for which customers, branded how.
 *
 * @param id          the template's id (ignored when creating or editing)
 * @param name        1 to 100 characters, unique in the partner (case-insensitive)
 * @param sections    section ids whose widgets are included (such as {@code usage}, {@code backup})
 * @param widgets     widget ids included besides the sections' (such as {@code sms.spend}); a template names at
 *                    least one section or widget
 * @param range       one of {@link #RANGES}: the period a report covers, ending with the day before it is made
 * @param customerIds the customers the template is offered for; empty for every customer of the partner
 * @param branding    one of {@link #BRANDINGS}: the partner's and the customer's names and logos on the cover, or
 *                    the partner's alone
 * @since 3.2
 */
public record ReportTemplate(long id, String name, List<String> sections, List<String> widgets, String range,
                             List<Long> customerIds, String branding) {
    /** The periods a template covers: the last 7 or 30 whole days, the last whole week, the last whole month. */
    public static final List<String> RANGES = List.of("last-7-days", "last-30-days", "last-week", "last-month");
    /** Partner and customer names and logos, or the partner's alone. */
    public static final List<String> BRANDINGS = List.of("partner-and-customer", "partner");

    public ReportTemplate {
        sections = sections == null ? List.of() : List.copyOf(sections);
        widgets = widgets == null ? List.of() : List.copyOf(widgets);
        customerIds = customerIds == null ? List.of() : List.copyOf(customerIds);
    }
}
