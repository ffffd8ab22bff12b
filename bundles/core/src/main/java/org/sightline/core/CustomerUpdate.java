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
 */
public record CustomerUpdate(String name, String currency, String environmentUrl, Boolean accessEnabled,
                             Boolean billingSend, List<String> billingRecipients, String billingProfile) {
}
