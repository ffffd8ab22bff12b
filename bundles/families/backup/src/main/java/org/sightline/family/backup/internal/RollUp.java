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

    /** Adds a later batch's changes to this row's: counts add, and its candidates win ties as the database's merge does. */
    void merge(RollUp later) {
        for (int i = 0; i < counts.length; i++) {
            counts[i] += later.counts[i];
        }
        if (later.lastStarted != null && (lastStarted == null || !later.lastStarted.isBefore(lastStarted))) {
            lastStarted = later.lastStarted;
            lastStatus = later.lastStatus;
            jobObjects = later.jobObjects;
        }
        if (later.lastSuccess != null && (lastSuccess == null || later.lastSuccess.isAfter(lastSuccess))) {
            lastSuccess = later.lastSuccess;
        }
    }

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
