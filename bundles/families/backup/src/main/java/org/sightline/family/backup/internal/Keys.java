package org.sightline.family.backup.internal;

import java.time.LocalDate;

/** Keys of the family's rows within one product. */
final class Keys {
    private Keys() {
    }

    /** A job run: the customer and the run's id. */
    record Job(long customerId, String jobId) {
    }

    /** A roll-up row: the customer, workload and UTC day. */
    record Day(long customerId, String workload, LocalDate day) {
    }
}
