package org.sightline.api.ingest;

import java.util.List;

/**
 * The records of one ingestion request that parsed and belong to a customer the sender may write to.
 *
 * @param partnerId the sending partner
 * @param records   the records, in line order
 */
public record IngestBatch(long partnerId, List<IngestRecord> records) {
    public IngestBatch {
        records = List.copyOf(records);
    }
}
