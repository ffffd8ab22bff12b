package org.sightline.api.backup;

import java.time.LocalDate;
import java.util.Objects;

import org.sightline.api.CustomerRef;

/**
 * How many objects of a workload are protected on a day (UTC). The latest value sent for a day wins.
 *
 * @param customer the customer
 * @param workload the workload id
 * @param day      the UTC day
 * @param objects  protected objects, zero or more
 */
public record ProtectedObjects(CustomerRef customer, String workload, LocalDate day, long objects)
        implements BackupRecord {
    public ProtectedObjects {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(workload, "workload");
        Objects.requireNonNull(day, "day");
        if (objects < 0) {
            throw new IllegalArgumentException("objects must not be negative");
        }
    }
}
