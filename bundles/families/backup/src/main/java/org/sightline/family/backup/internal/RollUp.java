package org.sightline.family.backup.internal;

import java.time.Instant;

import org.sightline.api.backup.JobStatus;

/**
 * What a batch adds to one roll-up row (customer, product, workload, UTC day): count changes by status and the
 * candidates for the day's last run and last success, which the database keeps only when they are later than
 * what it holds.
 */
final class RollUp {
    final int[] counts = new int[JobStatus.values().length];
    Instant lastStarted;
    JobStatus lastStatus;
    long jobObjects;
    Instant lastSuccess;

    void add(JobState s, int sign) {
        counts[s.status().ordinal()] += sign;
        if (sign > 0) {
            if (lastStarted == null || !s.started().isBefore(lastStarted)) {
                lastStarted = s.started();
                lastStatus = s.status();
                jobObjects = s.objects();
            }
            if (s.status() == JobStatus.SUCCEEDED && s.finished() != null
                    && (lastSuccess == null || s.finished().isAfter(lastSuccess))) {
                lastSuccess = s.finished();
            }
        }
    }
}
