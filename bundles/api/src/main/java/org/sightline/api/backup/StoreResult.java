package org.sightline.api.backup;

/**
 * What {@link BackupStore#store} did.
 *
 * @param stored     records written (new, or replacing an earlier state)
 * @param duplicates records already stored as they are; nothing was written for them
 */
public record StoreResult(int stored, int duplicates) {
}
