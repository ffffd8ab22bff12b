package org.sightline.product.voice;

import java.time.Duration;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sightline.api.ingest.IngestHandler;
import org.sightline.api.ingest.IngestRecord;
import org.sightline.api.ingest.InvalidRecordException;
import org.sightline.api.usage.UsageIngestHandler;
import org.sightline.api.usage.UsageLog;
import org.sightline.api.usage.UsageRecord;

/**
 * Takes call records, one NDJSON line per call:
 * <pre>{"id":"CA81d0","customer":"ACC-1001","time":"2026-11-21T10:15:30Z","direction":"outbound",
 * "status":"answered","from":"+4930123456","to":"+4915112345678","duration":125,"country":"DE"}</pre>
 * {@code duration} is in seconds; {@code country}, the destination, is optional (the price list's
 * default applies). Answered calls are billed per started minute; others cost nothing. Caller names and
 * any other field are ignored; numbers are kept as their last four digits.
 */
@Component(service = IngestHandler.class)
public class VoiceIngest extends UsageIngestHandler {

    @Activate
    public VoiceIngest(@Reference UsageLog usage) {
        super(usage, VoiceProduct.SPEC);
    }

    @Override
    public UsageRecord map(IngestRecord r) throws InvalidRecordException {
        String status = status(r);
        long seconds = r.integer("duration", 0, 86_400);
        return new UsageRecord(r.customer(), r.recordId(), r.instant("time"), direction(r), status,
                UsageRecord.phoneNumber(r, "from"), UsageRecord.phoneNumber(r, "to"), country(r, false),
                billableMinutes(status, seconds), Duration.ofSeconds(seconds), Map.of());
    }

    /** Started minutes of an answered call; nothing for other calls. */
    static long billableMinutes(String status, long seconds) {
        return "answered".equals(status) ? (seconds + 59) / 60 : 0;
    }
}
