package org.sightline.core;

import java.util.List;

import org.sightline.api.ingest.Rejection;

/**
 * The reply to an ingestion request.
 *
 * @param product    the product
 * @param received   non-empty lines received
 * @param stored     records stored for the first time
 * @param duplicates records already stored before (nothing written)
 * @param rejected   lines not stored, with reasons
 */
public record IngestReport(String product, int received, int stored, int duplicates, List<Rejection> rejected) {
    /** Lines accepted: stored or already present. */
    public int accepted() {
        return stored + duplicates;
    }
}
