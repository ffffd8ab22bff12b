package org.sightline.product.messagingapps;

import java.util.Map;
import java.util.Set;

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
 * Takes app-message records, one NDJSON line per message:
 * <pre>{"id":"wamid.HBgM","customer":"ACC-1001","time":"2026-11-21T10:15:30Z","channel":"whatsapp",
 * "direction":"outbound","status":"read","from":"+4915112345678","to":"+4917098765432"}</pre>
 * Message text, profile names and any other field are ignored and never stored; numbers are kept as
 * their last four digits.
 */
@Component(service = IngestHandler.class)
public class MessagingAppsIngest extends UsageIngestHandler {

    private static final Set<String> CHANNELS = Set.copyOf(MessagingAppsProduct.CHANNELS);

    @Activate
    public MessagingAppsIngest(@Reference UsageLog usage) {
        super(usage, MessagingAppsProduct.SPEC);
    }

    @Override
    public UsageRecord map(IngestRecord r) throws InvalidRecordException {
        return new UsageRecord(r.customer(), r.recordId(), r.instant("time"), direction(r), status(r),
                UsageRecord.phoneNumber(r, "from"), UsageRecord.phoneNumber(r, "to"), r.oneOf("channel", CHANNELS), 1,
                null, Map.of());
    }
}
