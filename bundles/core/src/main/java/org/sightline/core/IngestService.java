package org.sightline.core;

import java.io.InputStream;

import org.osgi.annotation.versioning.ProviderType;
import org.sightline.api.Permissions;
import org.sightline.api.Viewer;

/** Takes NDJSON records for a product on behalf of a partner's ingestion token. */
@ProviderType
public interface IngestService {

    /**
     * Parses, validates and stores the records in one transaction.
     *
     * @param partnerId the partner the (already authenticated) token belongs to
     * @param productId the product in the URL
     * @param ndjson    the request body, one JSON object per line
     * @throws NotFoundException         when no deployed product takes records under that id
     * @throws PayloadTooLargeException  when the body exceeds the configured limits
     */
    IngestReport ingest(long partnerId, String productId, InputStream ndjson);

    /**
     * Ingests records sent by the caller (an ingestion token), for its partner: the same as
     * {@link #ingest(long, String, InputStream)}.
     *
     * @throws ForbiddenException without the {@code ingest} permission
     */
    default IngestReport ingest(Viewer caller, String productId, InputStream ndjson) {
        return ingest(Roles.require(caller, Permissions.INGEST).partnerId(), productId, ndjson);
    }
}
