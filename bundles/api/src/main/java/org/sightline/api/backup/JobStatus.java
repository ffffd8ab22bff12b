package org.sightline.api.backup;

import java.util.Locale;

import org.sightline.api.view.Severity;

/** What became of a backup job run. */
public enum JobStatus {
    /** Every object was backed up. */
    SUCCEEDED("Succeeded", Severity.OK),
    /** Some objects were backed up, some failed. */
    PARTIALLY_SUCCEEDED("Partially succeeded", Severity.WARNING),
    /** The job failed. */
    FAILED("Failed", Severity.CRITICAL),
    /** The job is still running. */
    RUNNING("Running", Severity.INFO),
    /** The job was scheduled but did not run. */
    NOT_RUN("Not run", Severity.WARNING);

    private final String label;
    private final Severity severity;

    JobStatus(String label, Severity severity) {
        this.label = label;
        this.severity = severity;
    }

    /** The code ingested lines and filters use: {@code succeeded}, {@code partially-succeeded}, {@code failed}, {@code running}, {@code not-run}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** What users read. */
    public String label() {
        return label;
    }

    /** The badge colour. */
    public Severity severity() {
        return severity;
    }

    /** Whether the run is over: every status but {@link #RUNNING}. A later state never goes back to running. */
    public boolean finished() {
        return this != RUNNING;
    }

    /** Whether the status calls for attention in the failures list: failed or partially succeeded. */
    public boolean problem() {
        return this == FAILED || this == PARTIALLY_SUCCEEDED;
    }

    /** The status whose {@link #code()} is {@code code}. */
    public static JobStatus ofCode(String code) {
        for (JobStatus s : values()) {
            if (s.code().equals(code)) {
                return s;
            }
        }
        throw new IllegalArgumentException("not a job status: " + code);
    }

    /** Every code, in declaration order. */
    public static java.util.List<String> codes() {
        return java.util.Arrays.stream(values()).map(JobStatus::code).toList();
    }
}
