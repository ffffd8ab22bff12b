package org.sightline.product.sms;

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
 * Takes SMS records, one NDJSON line per message:
 * <pre>{"id":"SM9f2c","customer":"ACC-1001","time":"2026-11-21T10:15:30Z","direction":"outbound",
 * "status":"delivered","from":"ACME","to":"+4915112345678","segments":2,"country":"DE"}</pre>
 * {@code from} may be an alphanumeric sender id on outbound messages. Message text, contact names and
 * any other field are ignored and never stored; numbers are kept as their last four digits.
 */
@Component(service = IngestHandler.class)
public class SmsIngest extends UsageIngestHandler {

    @Activate
    public SmsIngest(@Reference UsageLog usage) {
        super(usage, SmsProduct.SPEC);
    }

    @Override
    public UsageRecord map(IngestRecord r) throws InvalidRecordException {
        Direction direction = direction(r);
        String from = direction == Direction.OUTBOUND ? sender(r) : UsageRecord.phoneNumber(r, "from");
        return new UsageRecord(r.customer(), r.recordId(), r.instant("time"), direction, status(r), from,
                UsageRecord.phoneNumber(r, "to"), country(r, true), r.integer("segments", 1, 255), null, Map.of());
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
