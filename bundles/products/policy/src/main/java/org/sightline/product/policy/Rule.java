package org.sightline.product.policy;

import java.time.Instant;

/** A rule of the customer's tenant as last evaluated. */
record Rule(String id, String name, String scope, boolean compliant, Instant lastEvaluated) {
}
