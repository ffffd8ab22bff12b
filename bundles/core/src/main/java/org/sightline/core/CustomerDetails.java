package org.sightline.core;

import java.util.List;

/**
 * Everything the portal shows about one customer.
 *
 * @param summary           the list row (products, staff, groups, pin)
 * @param environmentUrl    the customer's service environment, or {@code null}
 * @param hideExpired       whether expired services are hidden
 * @param billingSend       whether billing reports are sent to the customer
 * @param billingRecipients the e-mail addresses billing reports go to
 * @param billingProfile    the billing profile, or {@code null}
 * @param subscriptions     the subscriptions shown (expired ones left out when hidden)
 * @param reportSend        whether generated reports may be sent to the customer's report recipients (since 3.2)
 * @param reportRecipients  the e-mail addresses reports may be sent to (since 3.2)
 */
public record CustomerDetails(CustomerSummary summary, String environmentUrl, boolean hideExpired, boolean billingSend,
                              List<String> billingRecipients, String billingProfile, List<Subscription> subscriptions,
                              boolean reportSend, List<String> reportRecipients) {
    public CustomerDetails {
        reportRecipients = reportRecipients == null ? List.of() : List.copyOf(reportRecipients);
    }

    /** Details without the report setting (off, no recipients), as before 3.2. */
    public CustomerDetails(CustomerSummary summary, String environmentUrl, boolean hideExpired, boolean billingSend,
                           List<String> billingRecipients, String billingProfile, List<Subscription> subscriptions) {
        this(summary, environmentUrl, hideExpired, billingSend, billingRecipients, billingProfile, subscriptions, false, List.of());
    }
}
