package org.sightline.product.video;

import java.time.Duration;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sightline.api.ingest.IngestHandler;
import org.sightline.api.ingest.IngestRecord;
import org.sightline.api.ingest.InvalidRecordException;
import org.sightline.api.usage.Direction;
import org.sightline.api.usage.UsageIngestHandler;
import org.sightline.api.usage.UsageLog;
import org.sightline.api.usage.UsageRecord;

/**
 * Takes video session records, one NDJSON line per session:
 * <pre>{"id":"VS0c1e","customer":"ACC-1001","start":"2026-11-21T10:00:00Z","duration":2710,
 * "participants":6,"status":"completed"}</pre>
 * {@code duration} is in seconds. Each session is priced once, per the customer's session price.
 * Participant names, meeting titles and any other field are ignored.
 */
@Component(service = IngestHandler.class)
public class VideoIngest extends UsageIngestHandler {

    @Activate
    public VideoIngest(@Reference UsageLog usage) {
        super(usage, VideoProduct.SPEC);
    }

    @Override
    public UsageRecord map(IngestRecord r) throws InvalidRecordException {
        long participants = r.integer("participants", 1, 10_000);
        return new UsageRecord(r.customer(), r.recordId(), r.instant("start"), Direction.NONE, status(r), null, null,
                null, 1, Duration.ofSeconds(r.integer("duration", 0, 7 * 86_400)),
                Map.of("participants", Long.toString(participants)));
    }
}
