package org.sightline.api.backup;

import java.time.Instant;
import java.util.Objects;

import org.sightline.api.CustomerRef;

/**
 * One run of a backup job. Keyed by customer, product and {@code jobId}: storing the same run again stores
 * nothing, and a later state of it (running → finished, or a later finish) replaces the earlier one.
 *
 * @param customer         the customer
 * @param jobId            the backend's id of this run, at most 100 characters
 * @param workload         the workload id
 * @param started          when it started
 * @param finished         when it finished, or {@code null} while running or when it did not run
 * @param status           what became of it
 * @param objectsProtected objects backed up by this run
 * @param objectsFailed    objects this run could not back up
 * @param bytes            bytes transferred
 * @param reason           a short, non-personal reason for a failure or partial success, such as "Throttled by
 *                         the service", or {@code null}
 * @param error            the backend's error text, or {@code null}; may carry personal data, so it is only ever
 *                         shown as message content, which the core removes
 */
public record JobRun(CustomerRef customer, String jobId, String workload, Instant started, Instant finished,
                     JobStatus status, long objectsProtected, long objectsFailed, long bytes, String reason,
                     String error) implements BackupRecord {
    public JobRun {
        Objects.requireNonNull(customer, "customer");
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(workload, "workload");
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(status, "status");
        if (objectsProtected < 0 || objectsFailed < 0 || bytes < 0) {
            throw new IllegalArgumentException("counts must not be negative");
        }
        if (finished != null && finished.isBefore(started)) {
            throw new IllegalArgumentException("a job cannot finish before it started");
        }
    }
}
