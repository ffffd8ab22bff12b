package org.sightline.product.sms;

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
 * Takes SMS records, one NDJSON line per message:
 * <pre>{"id":"SM9f2c","customer":"ACC-1001","time":"2026-11-21T10:15:30Z","direction":"outbound",
 * "status":"delivered","from":"ACME","to":"+4915112345678","segments":2,"country":"DE"}</pre>
 * {@code from} may be an alphanumeric sender id on outbound messages. Message text, contact names and
 * any other field are ignored and never stored; numbers are kept as their last four digits.
 */
@Component(service = IngestHandler.class)
public class SmsIngest implements IngestHandler {

    private static final Set<String> DIRECTIONS = Set.of("inbound", "outbound");
    private final UsageLog usage;

    @Activate
    public SmsIngest(@Reference UsageLog usage) {
        this.usage = usage;
    }

    @Override
    public String productId() {
        return SmsProduct.ID;
    }

    @Override
    public IngestResult ingest(IngestBatch batch, DataSource transaction) throws Exception {
        return usage.ingest(SmsProduct.ID, batch, this::map, transaction);
    }

    /** Validates one line and maps it to a usage record. */
    UsageRecord map(IngestRecord r) throws InvalidRecordException {
        Direction direction = Direction.ofCode(r.oneOf("direction", DIRECTIONS));
        String from = direction == Direction.OUTBOUND ? sender(r) : UsageRecord.phoneNumber(r, "from");
        String country = r.string("country", 2);
        if (!country.matches("[A-Za-z]{2}")) {
            throw new InvalidRecordException("country", "must be an ISO 3166 country code such as DE");
        }
        return new UsageRecord(r.customer(), r.recordId(), r.instant("time"), direction,
                r.oneOf("status", SmsProduct.SPEC.statusCodes()), from, UsageRecord.phoneNumber(r, "to"), country,
                r.integer("segments", 1, 255), null, Map.of());
    }

    /** An outbound message's sender: a phone number, or an alphanumeric sender id (kept as nothing). */
    private static String sender(IngestRecord r) throws InvalidRecordException {
        String s = r.string("from", 32);
        if (s.matches("[A-Za-z0-9 ]{1,11}") && s.chars().anyMatch(Character::isLetter)) {
            return null;
        }
        return UsageRecord.phoneNumber(r, "from");
    }
}
