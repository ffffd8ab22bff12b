package org.sightline.api.backup;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * One workload's backup state for a customer, read from the roll-ups.
 *
 * @param workload         the workload
 * @param lastStatus       the status of the last run up to the range's end, or {@code null} when none ran
 * @param lastRun          when the last run started, or {@code null}
 * @param lastSuccess      when the last succeeded run finished, or {@code null}
 * @param protectedObjects the objects protected as last reported (by a {@code protected} line, else the last
 *                         run's), or {@code null}
 * @param runs             runs by status that started in the range's UTC days
 */
public record WorkloadSummary(Workload workload, JobStatus lastStatus, Instant lastRun, Instant lastSuccess,
                              Long protectedObjects, Map<JobStatus, Long> runs) {
    public WorkloadSummary {
        Objects.requireNonNull(workload, "workload");
        runs = Map.copyOf(runs);
    }

    /** Runs in the range, all statuses. */
    public long totalRuns() {
        return runs.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * The share of finished runs in the range that succeeded, 0 to 1, or {@code null} when none finished. Running
     * jobs are left out; runs that did not run count against it.
     */
    public Double successRate() {
        long finished = totalRuns() - runs.getOrDefault(JobStatus.RUNNING, 0L);
        return finished == 0 ? null : (double) runs.getOrDefault(JobStatus.SUCCEEDED, 0L) / finished;
    }
}
