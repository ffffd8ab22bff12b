package org.sightline.api.governance;

/**
 * What {@link GovernanceCounts#put} did.
 *
 * @param changed   counts stored for the first time or with a new value
 * @param unchanged counts that were stored with the same value already (nothing written)
 */
public record CountResult(int changed, int unchanged) {
}
