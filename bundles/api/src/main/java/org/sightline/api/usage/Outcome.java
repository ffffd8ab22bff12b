package org.sightline.api.usage;

/** What a status means for the success and failure rates the KPI tiles show. */
public enum Outcome {
    /** Counts as success, such as {@code delivered} or {@code answered}. */
    SUCCESS,
    /** Counts as failure, such as {@code failed}, {@code rejected} or {@code missed}. */
    FAILURE,
    /** Neither, such as {@code pending}. */
    OTHER
}
