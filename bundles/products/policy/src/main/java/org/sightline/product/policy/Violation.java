package org.sightline.product.policy;

import java.time.Instant;

/** Something in the customer's tenant that violates a rule; {@code fixedAt} is {@code null} while unfixed. */
record Violation(String id, String ruleId, String object, Instant found, boolean fixed, Instant fixedAt) {
}
