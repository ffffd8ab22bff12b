package org.sightline.api.backup;

import javax.sql.DataSource;

import org.osgi.annotation.versioning.ConsumerType;
import org.sightline.api.ingest.IngestRecord;
import org.sightline.api.ingest.InvalidRecordException;

/**
 * Stores the ingested lines whose {@code kind} the backup family does not know ({@code job}, {@code protected} and
 * {@code storage} are the family's), such as Microsoft 365's unusual-activity findings. {@link BackupIngestHandler}
 * implements it by {@link BackupIngestHandler#ingestOther}.
 */
@ConsumerType
@FunctionalInterface
public interface OtherKinds {

    /**
     * Validates and stores one line of a kind of the product's own, in the batch's transaction. The family calls it
     * inside a savepoint: when it throws {@link InvalidRecordException}, whatever it wrote is rolled back and the
     * line is rejected with the exception's field and reason.
     *
     * @param kind        the line's {@code kind}
     * @param record      the line
     * @param transaction the batch's transaction; do not commit, roll back or close it other than by
     *                    {@code Connection.close()}
     * @return whether the line was written or was already stored as it is
     * @throws InvalidRecordException to reject the line (an unknown kind included), naming the field
     * @throws Exception              on a database failure: the whole batch is rolled back
     */
    Stored store(String kind, IngestRecord record, DataSource transaction) throws Exception;
}
