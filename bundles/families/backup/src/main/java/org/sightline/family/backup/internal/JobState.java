package org.sightline.family.backup.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import org.sightline.api.backup.JobRun;
import org.sightline.api.backup.JobStatus;

/** The stored state of a job run, as far as the roll-ups depend on it. */
record JobState(String workload, Instant started, Instant finished, JobStatus status, long objects) {

    static JobState of(JobRun r) {
        return new JobState(r.workload(), r.started(), r.finished(), r.status(), r.objectsProtected());
    }

    /** The UTC day the run counts on: the day it started. */
    LocalDate day() {
        return started.atOffset(ZoneOffset.UTC).toLocalDate();
    }

    /**
     * Whether this state is later than {@code other}: a finished run is later than a running one; among the same
     * kind, the later finish (or start, for runs without a finish) is later. Equal states are not later, so sending a
     * run again stores nothing.
     */
    boolean laterThan(JobState other) {
        boolean done = status.finished();
        if (done != other.status.finished()) {
            return done;
        }
        return time().isAfter(other.time());
    }

    private Instant time() {
        return finished != null ? finished : started;
    }
}
