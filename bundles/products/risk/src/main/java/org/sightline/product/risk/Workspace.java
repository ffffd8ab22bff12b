package org.sightline.product.risk;

import java.time.LocalDate;

/** One workspace's counts as of a day. */
record Workspace(String id, String kind, String name, LocalDate asOf, long highRisk, long mediumRisk, long sensitive,
                 long externalUsers, long externalLinks) {

    /** The counts in the order of {@link RiskProduct#MEASURES}. */
    long[] counts() {
        return new long[] {highRisk, mediumRisk, sensitive, externalUsers, externalLinks};
    }
}
