package org.sightline.api.usage;

/**
 * What {@link UsageLog#store} did.
 *
 * @param stored     records stored for the first time (priced, rolled up, charged)
 * @param duplicates records whose id was already stored, or repeated in the same call; nothing was
 *                   written for them
 */
public record StoreResult(int stored, int duplicates) {
}
