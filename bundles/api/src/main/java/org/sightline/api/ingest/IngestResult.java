package org.sightline.api.ingest;

import java.util.List;

/**
 * The outcome of {@link IngestHandler#ingest}.
 *
 * @param stored     records stored for the first time
 * @param duplicates valid records whose id was already stored (nothing was written for them)
 * @param rejected   lines not stored, with reasons
 */
public record IngestResult(int stored, int duplicates, List<Rejection> rejected) {
    public IngestResult {
        rejected = List.copyOf(rejected);
    }
}
