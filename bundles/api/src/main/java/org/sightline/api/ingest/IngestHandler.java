package org.sightline.api.ingest;

import javax.sql.DataSource;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Accepts a product's records. Register one per product as an OSGi service.
 * <p>
 * The core calls {@link #ingest} with the lines that parsed and whose customer the sender may write
 * to. The handler validates each record, rejects those it cannot take with a reason, and stores the
 * rest through the given {@code DataSource}, whose connections all belong to one transaction the core
 * commits after the handler returns, or rolls back if it throws. Records are keyed by
 * {@link IngestRecord#recordId()}: storing a record id again must store nothing twice.
 */
@ConsumerType
public interface IngestHandler {

    /** The id of the product whose records this handler takes. */
    String productId();

    /**
     * Validates and stores a batch.
     *
     * @param batch       the records, in line order
     * @param transaction connections in the core's transaction; do not commit, roll back or close it
     *                    other than through {@code Connection.close()}
     * @return how many were stored, were already stored, and which lines were rejected and why
     * @throws Exception to roll back the whole batch; the sender gets an error and nothing is stored
     */
    IngestResult ingest(IngestBatch batch, DataSource transaction) throws Exception;
}
