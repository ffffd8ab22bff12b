package org.sightline.core;

import java.util.List;

/**
 * An edit of a customer's information; a {@code null} field is left as it is. An empty
 * {@code environmentUrl} or {@code billingProfile} clears it.
 *
 * @param name              new name
 * @param currency          new billing currency (ISO 4217)
 * @param environmentUrl    new environment URL (https)
 * @param accessEnabled     whether access to the customer's tenant is enabled
 * @param billingSend       whether to send billing reports
 * @param billingRecipients new recipients (e-mail addresses)
 * @param billingProfile    new billing profile
 * @param reportSend        whether generated reports may be sent to the customer's report recipients (since 3.2)
 * @param reportRecipients  new report recipients (e-mail addresses) (since 3.2)
 */
public record CustomerUpdate(String name, String currency, String environmentUrl, Boolean accessEnabled,
                             Boolean billingSend, List<String> billingRecipients, String billingProfile,
                             Boolean reportSend, List<String> reportRecipients) {

    /** An edit that leaves the report setting as it is, as before 3.2. */
    public CustomerUpdate(String name, String currency, String environmentUrl, Boolean accessEnabled,
                          Boolean billingSend, List<String> billingRecipients, String billingProfile) {
        this(name, currency, environmentUrl, accessEnabled, billingSend, billingRecipients, billingProfile, null, null);
    }
}
