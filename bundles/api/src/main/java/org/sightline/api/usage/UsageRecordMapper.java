package org.sightline.api.usage;

import org.osgi.annotation.versioning.ConsumerType;
import org.sightline.api.ingest.IngestRecord;
import org.sightline.api.ingest.InvalidRecordException;

/**
 * Turns one ingested line into a usage record, validating it with {@link IngestRecord}'s typed getters.
 * Read only the fields the product keeps: never message content or contact names.
 */
@ConsumerType
@FunctionalInterface
public interface UsageRecordMapper {

    /**
     * @param record the parsed line
     * @return the usage record
     * @throws InvalidRecordException to reject the line, naming the field and the reason
     */
    UsageRecord map(IngestRecord record) throws InvalidRecordException;
}
