package org.sightline.product.voice;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sightline.api.ingest.IngestBatch;
import org.sightline.api.ingest.IngestHandler;
import org.sightline.api.ingest.IngestRecord;
import org.sightline.api.ingest.IngestResult;
import org.sightline.api.ingest.InvalidRecordException;
import org.sightline.api.usage.Direction;
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
public class VoiceIngest implements IngestHandler {

    private static final Set<String> DIRECTIONS = Set.of("inbound", "outbound");
    private final UsageLog usage;

    @Activate
    public VoiceIngest(@Reference UsageLog usage) {
        this.usage = usage;
    }

    @Override
    public String productId() {
        return VoiceProduct.ID;
    }

    @Override
    public IngestResult ingest(IngestBatch batch, DataSource transaction) throws Exception {
        return usage.ingest(VoiceProduct.ID, batch, this::map, transaction);
    }

    /** Validates one line and maps it to a usage record. */
    UsageRecord map(IngestRecord r) throws InvalidRecordException {
        String status = r.oneOf("status", VoiceProduct.SPEC.statusCodes());
        long seconds = r.integer("duration", 0, 86_400);
        String country = r.optionalString("country", 2);
        if (country != null && !country.matches("[A-Za-z]{2}")) {
            throw new InvalidRecordException("country", "must be an ISO 3166 country code such as DE");
        }
        return new UsageRecord(r.customer(), r.recordId(), r.instant("time"),
                Direction.ofCode(r.oneOf("direction", DIRECTIONS)), status, UsageRecord.phoneNumber(r, "from"),
                UsageRecord.phoneNumber(r, "to"), country, billableMinutes(status, seconds), Duration.ofSeconds(seconds),
                Map.of());
    }

    /** Started minutes of an answered call; nothing for other calls. */
    static long billableMinutes(String status, long seconds) {
        return "answered".equals(status) ? (seconds + 59) / 60 : 0;
    }
}
