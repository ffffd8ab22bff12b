package org.sightline.api.usage;

import java.util.Objects;
import java.util.Set;

import javax.sql.DataSource;

import org.osgi.annotation.versioning.ConsumerType;
import org.sightline.api.ingest.IngestBatch;
import org.sightline.api.ingest.IngestHandler;
import org.sightline.api.ingest.IngestRecord;
import org.sightline.api.ingest.IngestResult;
import org.sightline.api.ingest.InvalidRecordException;

/**
 * The ingest handler of a usage product: stores every batch through the {@link UsageLog}, so that a
 * product only maps one line to a {@link UsageRecord}, with the checks usage lines share at hand.
 *
 * <pre>{@code
 * @Component(service = IngestHandler.class)
 * public class SmsIngest extends UsageIngestHandler {
 *     @Activate
 *     public SmsIngest(@Reference UsageLog usage) {
 *         super(usage, SmsProduct.SPEC);
 *     }
 *
 *     @Override
 *     public UsageRecord map(IngestRecord r) throws InvalidRecordException {
 *         return new UsageRecord(r.customer(), r.recordId(), r.instant("time"), direction(r), status(r),
 *                 UsageRecord.phoneNumber(r, "from"), UsageRecord.phoneNumber(r, "to"), country(r, true),
 *                 r.integer("segments", 1, 255), null, Map.of());
 *     }
 * }
 * }</pre>
 *
 * @since 1.1
 */
@ConsumerType
public abstract class UsageIngestHandler implements IngestHandler, UsageRecordMapper {
    private static final Set<String> DIRECTIONS = Set.of("inbound", "outbound");

    private final UsageLog usage;
    private final UsageSpec spec;
    private final Set<String> statuses;

    /**
     * @param usage the core's usage store
     * @param spec  the product's records: its id and status codes
     */
    protected UsageIngestHandler(UsageLog usage, UsageSpec spec) {
        this.usage = Objects.requireNonNull(usage, "usage");
        this.spec = Objects.requireNonNull(spec, "spec");
        this.statuses = Set.copyOf(spec.statusCodes());
    }

    @Override
    public final String productId() {
        return spec.productId();
    }

    /** Maps every line with {@link #map} and stores the valid ones, as {@link UsageLog#ingest} does. */
    @Override
    public IngestResult ingest(IngestBatch batch, DataSource transaction) throws Exception {
        return usage.ingest(spec.productId(), batch, this, transaction);
    }

    /** The line's {@code status}: one of the product's status codes. */
    protected final String status(IngestRecord r) throws InvalidRecordException {
        return r.oneOf("status", statuses);
    }

    /** The line's {@code direction}: {@code inbound} or {@code outbound}. */
    protected static Direction direction(IngestRecord r) throws InvalidRecordException {
        return Direction.ofCode(r.oneOf("direction", DIRECTIONS));
    }

    /**
     * The line's {@code country}: an ISO 3166 alpha-2 code such as {@code DE}.
     *
     * @param required whether the line must have one; if not, a missing country is {@code null}
     */
    protected static String country(IngestRecord r, boolean required) throws InvalidRecordException {
        String country = required ? r.string("country", 2) : r.optionalString("country", 2);
        if (country != null && !country.matches("[A-Za-z]{2}")) {
            throw new InvalidRecordException("country", "must be an ISO 3166 country code such as DE");
        }
        return country;
    }
}
