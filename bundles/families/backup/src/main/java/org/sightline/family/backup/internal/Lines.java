package org.sightline.family.backup.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Set;

import org.sightline.api.backup.BackupRecord;
import org.sightline.api.backup.BackupSpec;
import org.sightline.api.backup.JobRun;
import org.sightline.api.backup.JobStatus;
import org.sightline.api.backup.ProtectedObjects;
import org.sightline.api.backup.StorageUse;
import org.sightline.api.ingest.IngestRecord;
import org.sightline.api.ingest.InvalidRecordException;

/** Validates an ingested line of one of the family's kinds and turns it into a record, naming the field at fault. */
final class Lines {
    static final String KIND = "kind";
    private static final Set<String> STATUSES = Set.copyOf(JobStatus.codes());

    private Lines() {
    }

    /** The line's kind. */
    static String kind(IngestRecord r) throws InvalidRecordException {
        return r.string(KIND, 40);
    }

    /** The record of a line whose kind is {@code job}, {@code protected} or {@code storage}. */
    static BackupRecord parse(String kind, IngestRecord r, BackupSpec spec) throws InvalidRecordException {
        String workload = r.oneOf("workload", spec.byId().keySet());
        switch (kind) {
            case "job":
                return job(r, workload);
            case "protected":
                return new ProtectedObjects(r.customer(), workload, day(r), r.integer("objects", 0, Long.MAX_VALUE));
            case "storage":
                return new StorageUse(r.customer(), workload, day(r), r.integer("bytes", 0, Long.MAX_VALUE));
            default:
                throw new IllegalArgumentException("not a family kind: " + kind);
        }
    }

    private static JobRun job(IngestRecord r, String workload) throws InvalidRecordException {
        if (r.recordId().length() > 100) {
            throw new InvalidRecordException("id", "is longer than 100 characters");
        }
        JobStatus status = JobStatus.ofCode(r.oneOf("status", STATUSES));
        Instant started = r.instant("started");
        boolean needsFinish = status != JobStatus.RUNNING && status != JobStatus.NOT_RUN;
        Instant finished = needsFinish || r.fields().get("finished") != null ? r.instant("finished") : null;
        if (status == JobStatus.RUNNING && finished != null) {
            throw new InvalidRecordException("finished", "must be absent while the job is running");
        }
        if (finished != null && finished.isBefore(started)) {
            throw new InvalidRecordException("finished", "must not be before started");
        }
        return new JobRun(r.customer(), r.recordId(), workload, started, finished, status, count(r, "protected"),
                count(r, "failed"), count(r, "bytes"), r.optionalString("reason", 200), r.optionalString("error", 2000));
    }

    private static long count(IngestRecord r, String field) throws InvalidRecordException {
        return r.fields().get(field) == null ? 0 : r.integer(field, 0, Long.MAX_VALUE);
    }

    private static LocalDate day(IngestRecord r) throws InvalidRecordException {
        String s = r.string("day", 10);
        LocalDate d;
        try {
            d = LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            throw new InvalidRecordException("day", "must be a date such as 2026-11-21");
        }
        if (d.isBefore(LocalDate.of(2000, 1, 1)) || d.isAfter(LocalDate.now(ZoneOffset.UTC).plusDays(1))) {
            throw new InvalidRecordException("day", "must be between 2000-01-01 and tomorrow, was " + s);
        }
        return d;
    }
}
