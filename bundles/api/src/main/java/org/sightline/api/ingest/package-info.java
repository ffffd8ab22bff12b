/**
 * Ingestion: a product's backend posts NDJSON to {@code /api/v1/ingest/{product}}; the core
 * authenticates, limits, parses and resolves the customer of each line, then hands the batch to the
 * product's {@link org.sightline.api.ingest.IngestHandler} inside one transaction.
 */
@Export
@Version("1.1.0")
package org.sightline.api.ingest;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
