package org.sightline.product.policy;

/** The four figures of the policy status: rules kept and not kept, violations fixed and not fixed. */
record PolicyFigures(long compliantRules, long nonCompliantRules, long fixedViolations, long unfixedViolations) {
}
