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
 */
public record CustomerDetails(CustomerSummary summary, String environmentUrl, boolean hideExpired, boolean billingSend,
                              List<String> billingRecipients, String billingProfile, List<Subscription> subscriptions) {
}
