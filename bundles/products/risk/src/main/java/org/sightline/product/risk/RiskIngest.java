package org.sightline.product.risk;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sightline.api.governance.DailyCount;
import org.sightline.api.governance.GovernanceCounts;
import org.sightline.api.governance.GovernanceIngestHandler;
import org.sightline.api.governance.Measure;
import org.sightline.api.ingest.IngestHandler;
import org.sightline.api.ingest.IngestRecord;
import org.sightline.api.ingest.InvalidRecordException;

/**
 * Takes the risk backend's lines:
 * <pre>{"type":"daily","id":"2026-11-30/teams","customer":"ACC-1001","day":"2026-11-30","workspaceKind":"teams",
 * "highRisk":3,"mediumRisk":12,"sensitive":40,"externalUsers":5,"externalLinks":17}
 * {"type":"workspace","id":"site-0042","customer":"ACC-1001","workspaceKind":"sharepoint","name":"Finance",
 * "day":"2026-11-30","highRisk":2,"mediumRisk":4,"sensitive":9,"externalUsers":1,"externalLinks":6}
 * {"type":"service-account","id":"exchange","customer":"ACC-1001","status":"ready","mfa":false,
 * "reported":"2026-11-30T06:00:00Z"}</pre>
 * {@code workspaceKind} is one of {@code sharepoint}, {@code teams}, {@code groups}, {@code onedrive} and
 * {@code exchange} (mailboxes, shown only in the report's Exchange Online part). A day's counts sent again
 * replace the stored ones; a workspace keeps the counts of its latest day.
 */
@Component(service = IngestHandler.class)
public class RiskIngest extends GovernanceIngestHandler {
    static final String DAILY = "daily";
    static final String WORKSPACE = "workspace";
    static final String SERVICE_ACCOUNT = "service-account";
    /** The line fields of the five measures, in the order of {@link RiskProduct#MEASURES}. */
    static final List<String> FIELDS = List.of("highRisk", "mediumRisk", "sensitive", "externalUsers", "externalLinks");
    static final Set<String> KINDS = Stream.concat(RiskProduct.KINDS.stream(), Stream.of(RiskProduct.EXCHANGE))
            .map(Measure::id).collect(Collectors.toUnmodifiableSet());
    private static final long MAX = 1_000_000_000L;

    private final GovernanceCounts counts;
    private final RiskStore store;

    @Activate
    public RiskIngest(@Reference GovernanceCounts counts, @Reference RiskStore store) {
        super(RiskProduct.ID, Set.of(DAILY, WORKSPACE, SERVICE_ACCOUNT));
        this.counts = counts;
        this.store = store;
    }

    @Override
    protected Write check(String type, IngestRecord r) throws InvalidRecordException {
        switch (type) {
            case DAILY -> {
                LocalDate day = day(r);
                String kind = r.oneOf("workspaceKind", KINDS);
                long[] values = values(r);
                List<DailyCount> list = new ArrayList<>(values.length);
                for (int i = 0; i < values.length; i++) {
                    list.add(new DailyCount(r.customer(), day, RiskProduct.MEASURES.get(i).id(), kind, values[i]));
                }
                return tx -> counts.put(RiskProduct.ID, list, tx).changed() > 0;
            }
            case WORKSPACE -> {
                String kind = r.oneOf("workspaceKind", KINDS);
                String name = r.string("name", 200);
                LocalDate day = day(r);
                long[] v = values(r);
                Workspace w = new Workspace(r.recordId(), kind, name, day, v[0], v[1], v[2], v[3], v[4]);
                return tx -> store.putWorkspace(r.customer(), w, tx);
            }
            default -> {
                String status = r.oneOf("status", Set.of("ready", "absent"));
                Object mfa = r.fields().get("mfa");
                if (!(mfa instanceof Boolean m)) {
                    throw new InvalidRecordException("mfa", mfa == null ? "is missing" : "must be true or false");
                }
                java.time.Instant at = r.instant("reported");
                return tx -> store.reportServiceAccount(r.customer(), status, m, at, tx);
            }
        }
    }

    private static long[] values(IngestRecord r) throws InvalidRecordException {
        long[] v = new long[FIELDS.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.integer(FIELDS.get(i), 0, MAX);
        }
        return v;
    }

    /** The line's {@code day}: a date such as 2026-11-30, from 2000-01-01 to tomorrow. */
    static LocalDate day(IngestRecord r) throws InvalidRecordException {
        String s = r.string("day", 10);
        LocalDate d;
        try {
            d = LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            throw new InvalidRecordException("day", "must be a date such as 2026-11-30");
        }
        if (d.isBefore(LocalDate.of(2000, 1, 1)) || d.isAfter(LocalDate.now(java.time.ZoneOffset.UTC).plusDays(1))) {
            throw new InvalidRecordException("day", "must be between 2000-01-01 and tomorrow, was " + s);
        }
        return d;
    }
}
