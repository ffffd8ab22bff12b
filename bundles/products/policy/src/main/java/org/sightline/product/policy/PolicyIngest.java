package org.sightline.product.policy;

import java.time.Instant;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sightline.api.governance.GovernanceIngestHandler;
import org.sightline.api.ingest.IngestHandler;
import org.sightline.api.ingest.IngestRecord;
import org.sightline.api.ingest.InvalidRecordException;

/**
 * Takes the tenant's rules and violations, one NDJSON line each:
 * <pre>{"type":"rule","id":"R-12","customer":"ACC-1001","name":"Block legacy authentication","scope":"Entra ID",
 * "compliant":false,"lastEvaluated":"2026-11-30T06:00:00Z"}
 * {"type":"violation","id":"V-881","customer":"ACC-1001","rule":"R-12","object":"Sales mailbox",
 * "found":"2026-11-29T22:10:00Z","fixed":true,"fixedAt":"2026-11-30T09:00:00Z"}</pre>
 * A line sent again with a later state replaces the stored one; the same line again stores nothing.
 */
@Component(service = IngestHandler.class)
public class PolicyIngest extends GovernanceIngestHandler {
    static final String RULE = "rule";
    static final String VIOLATION = "violation";

    private final PolicyStore store;

    @Activate
    public PolicyIngest(@Reference PolicyStore store) {
        super(PolicyProduct.ID, Set.of(RULE, VIOLATION));
        this.store = store;
    }

    @Override
    protected Write check(String type, IngestRecord r) throws InvalidRecordException {
        if (RULE.equals(type)) {
            Rule rule = new Rule(r.recordId(), r.string("name", 200), r.string("scope", 100), flag(r, "compliant"),
                    r.instant("lastEvaluated"));
            return tx -> store.putRule(r.customer(), rule, tx);
        }
        boolean fixed = flag(r, "fixed");
        Instant found = r.instant("found");
        Instant fixedAt = fixed ? r.instant("fixedAt") : null;
        if (!fixed && r.fields().get("fixedAt") != null) {
            throw new InvalidRecordException("fixedAt", "must be absent while the violation is not fixed");
        }
        if (fixedAt != null && fixedAt.isBefore(found)) {
            throw new InvalidRecordException("fixedAt", "must not be before found");
        }
        Violation v = new Violation(r.recordId(), r.string("rule", 100), r.string("object", 300), found, fixed, fixedAt);
        return tx -> store.putViolation(r.customer(), v, tx);
    }

    private static boolean flag(IngestRecord r, String field) throws InvalidRecordException {
        Object v = r.fields().get(field);
        if (!(v instanceof Boolean b)) {
            throw new InvalidRecordException(field, v == null ? "is missing" : "must be true or false");
        }
        return b;
    }
}
