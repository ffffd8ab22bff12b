package org.sightline.product.m365.sharepoint;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sightline.api.ingest.IngestRecord;
import org.sightline.api.ingest.InvalidRecordException;

/**
 * The SharePoint records of Microsoft 365 ingestion, one NDJSON line each. The tenant's storage on a day:
 * <pre>{"id":"sp-2026-11-25","customer":"ACC-1001","kind":"sharepoint-storage","day":"2026-11-25",
 * "usedBytes":1073741824000,"quotaBytes":1209462790553}</pre>
 * keyed by its day (a later report of the day replaces the earlier one), and the permissions of the customer's
 * app profile:
 * <pre>{"id":"profile-1","customer":"ACC-1001","kind":"app-profile","time":"2026-11-25T06:00:00Z",
 * "permissions":["Reports.Read.All","Sites.Read.All"]}</pre>
 * of which the latest by {@code time} counts. Every field is validated before anything of the line is written.
 */
@Component(service = StorageRecords.class)
public class StorageRecords {
    /** The record kind of a day's storage. */
    public static final String STORAGE = "sharepoint-storage";
    /** The record kind of the app profile's permissions. */
    public static final String PROFILE = "app-profile";
    /** The record kinds this class takes. */
    public static final Set<String> KINDS = Set.of(STORAGE, PROFILE);
    /** The Microsoft Graph permission the storage report needs. */
    public static final String REPORTS_READ_ALL = "Reports.Read.All";
    /** 10 PB: more than any tenant holds, a bound against a sender's unit mistakes. */
    static final long MAX_BYTES = 10L * 1024 * 1024 * 1024 * 1024 * 1024;

    private final StorageStore store;

    @Activate
    public StorageRecords(@Reference StorageStore store) {
        this.store = store;
    }

    /**
     * Validates a record of one of {@link #KINDS} and stores it in the transaction.
     *
     * @return whether anything changed (false: the same record was stored already)
     * @throws InvalidRecordException naming the field at fault; nothing of the record was written
     */
    public boolean store(String kind, IngestRecord r, DataSource transaction) throws InvalidRecordException, SQLException {
        if (STORAGE.equals(kind)) {
            StorageDay d = storage(r);
            try (Connection c = transaction.getConnection()) {
                return store.store(c, r.customer().id(), d);
            }
        }
        if (PROFILE.equals(kind)) {
            Instant at = r.instant("time");
            boolean granted = grantsReports(r);
            try (Connection c = transaction.getConnection()) {
                return store.storePermission(c, r.customer().id(), granted, at);
            }
        }
        throw new InvalidRecordException("kind", "must be one of " + new java.util.TreeSet<>(KINDS));
    }

    /** The day's storage a record describes. */
    public static StorageDay storage(IngestRecord r) throws InvalidRecordException {
        String s = r.string("day", 10);
        LocalDate day;
        try {
            day = LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            throw new InvalidRecordException("day", "must be an ISO-8601 day such as 2026-11-25");
        }
        if (day.isBefore(LocalDate.of(2000, 1, 1)) || day.isAfter(LocalDate.now(ZoneOffset.UTC).plusDays(1))) {
            throw new InvalidRecordException("day", "must be between 2000-01-01 and tomorrow, was " + s);
        }
        return new StorageDay(day, r.integer("usedBytes", 0, MAX_BYTES), r.integer("quotaBytes", 0, MAX_BYTES));
    }

    /** Whether a profile record's {@code permissions} list grants Reports.Read.All. */
    static boolean grantsReports(IngestRecord r) throws InvalidRecordException {
        Object v = r.fields().get("permissions");
        if (!(v instanceof List<?> list)) {
            throw new InvalidRecordException("permissions", v == null ? "is missing" : "must be a list of permission names");
        }
        if (list.size() > 500 || !list.stream().allMatch(p -> p instanceof String s && !s.isBlank() && s.length() <= 200)) {
            throw new InvalidRecordException("permissions", "must be at most 500 non-empty permission names");
        }
        return list.contains(REPORTS_READ_ALL);
    }
}
