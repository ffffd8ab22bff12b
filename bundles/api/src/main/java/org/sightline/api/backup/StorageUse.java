package org.sightline.api.backup;

import java.time.LocalDate;
import java.util.Objects;

import org.sightline.api.CustomerRef;

/**
 * The backup storage a workload uses on a day (UTC). The latest value sent for a day wins.
 *
 * @param customer the customer
 * @param workload the workload id
 * @param day      the UTC day
 * @param bytes    bytes stored, zero or more
 */
public record StorageUse(CustomerRef customer, String workload, LocalDate day, long bytes) implements BackupRecord {
    public StorageUse {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(workload, "workload");
        Objects.requireNonNull(day, "day");
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes must not be negative");
        }
    }
}
