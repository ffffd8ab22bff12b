package org.sightline.product.m365.activity;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sightline.api.ingest.IngestRecord;
import org.sightline.api.ingest.InvalidRecordException;

/**
 * The unusual-activity records of Microsoft 365 ingestion, one NDJSON line each. A finding:
 * <pre>{"id":"ua-7f3e","customer":"ACC-1001","kind":"unusual-activity","day":"2026-11-25",
 * "objectType":"onedrive","objectId":"b3c1…","objectName":"Jane Doe","activity":"mass-encryption","score":92,
 * "files":["/Documents/Finance/Q3.xlsx.locky"]}</pre>
 * {@code objectType} is {@code onedrive} or {@code sharepoint-site}; {@code activity} one of {@code mass-deletion},
 * {@code mass-encryption}, {@code unusual-rename}, {@code suspicious-path}; {@code score} 0 to 100; {@code files}
 * (optional) at most {@value #MAX_FILES} paths. The same id sent again unchanged stores nothing; sent with a later
 * state it replaces the earlier one. The day's scan summary:
 * <pre>{"id":"scan-2026-11-25","customer":"ACC-1001","kind":"activity-scan","day":"2026-11-25","onedrives":180,"sites":35}</pre>
 * keyed by its day: a later summary of the same day replaces the earlier one. Every field is validated before
 * anything of the line is written.
 */
@Component(service = ActivityRecords.class)
public class ActivityRecords {
    /** The record kind of a finding. */
    public static final String FINDING = "unusual-activity";
    /** The record kind of a day's scan summary. */
    public static final String SCAN = "activity-scan";
    /** The record kinds this class takes. */
    public static final Set<String> KINDS = Set.of(FINDING, SCAN);
    /** The most suspicious files one finding may list. */
    public static final int MAX_FILES = 200;
    /** The most objects a tenant can have of one type (a sanity bound). */
    static final long MAX_OBJECTS = 10_000_000;

    private final ActivityStore store;

    @Activate
    public ActivityRecords(@Reference ActivityStore store) {
        this.store = store;
    }

    /**
     * Validates a record of one of {@link #KINDS} and stores it in the transaction.
     *
     * @return what was stored: {@link ActivityStore.Stored#UNCHANGED} when the same record was stored already
     * @throws InvalidRecordException naming the field at fault; nothing of the record was written
     */
    public ActivityStore.Stored store(String kind, IngestRecord r, DataSource transaction)
            throws InvalidRecordException, SQLException {
        if (FINDING.equals(kind)) {
            Finding f = finding(r);
            try (Connection c = transaction.getConnection()) {
                return store.store(c, r.customer().id(), f);
            }
        }
        if (SCAN.equals(kind)) {
            Scan s = scan(r);
            try (Connection c = transaction.getConnection()) {
                return store.store(c, r.customer().id(), s);
            }
        }
        throw new InvalidRecordException("kind", "must be one of " + new java.util.TreeSet<>(KINDS));
    }

    /** The finding a record describes. */
    public static Finding finding(IngestRecord r) throws InvalidRecordException {
        LocalDate day = day(r, "day");
        ObjectType type = ObjectType.of(r.string("objectType", 32)).orElseThrow(() -> new InvalidRecordException(
                "objectType", "must be one of [onedrive, sharepoint-site]"));
        String key = r.string("objectId", 200);
        String name = r.string("objectName", 400);
        String code = r.string("activity", 64);
        Activity activity = Activity.of(code).orElseThrow(() -> new InvalidRecordException("activity",
                "must be one of [mass-deletion, mass-encryption, suspicious-path, unusual-rename], was '" + code + "'"));
        int score = (int) r.integer("score", 0, 100);
        List<String> files = new ArrayList<>();
        Object v = r.fields().get("files");
        if (v != null) {
            if (!(v instanceof List<?> list)) {
                throw new InvalidRecordException("files", "must be a list of file paths");
            }
            if (list.size() > MAX_FILES) {
                throw new InvalidRecordException("files", "may list at most " + MAX_FILES + " paths");
            }
            for (Object p : list) {
                if (!(p instanceof String s) || s.isBlank() || s.length() > 1000) {
                    throw new InvalidRecordException("files", "must hold non-empty paths of at most 1000 characters");
                }
                files.add(s);
            }
        }
        return new Finding(r.recordId(), day, type, key, name, activity, score, files);
    }

    /** The scan summary a record describes. */
    public static Scan scan(IngestRecord r) throws InvalidRecordException {
        return new Scan(day(r, "day"), (int) r.integer("onedrives", 0, MAX_OBJECTS),
                (int) r.integer("sites", 0, MAX_OBJECTS));
    }

    /** A required ISO day ({@code 2026-11-25}) from 2000-01-01 to tomorrow (UTC). */
    static LocalDate day(IngestRecord r, String field) throws InvalidRecordException {
        String s = r.string(field, 10);
        LocalDate d;
        try {
            d = LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            throw new InvalidRecordException(field, "must be an ISO-8601 day such as 2026-11-25");
        }
        LocalDate earliest = LocalDate.ofInstant(IngestRecord.EARLIEST, ZoneOffset.UTC);
        LocalDate latest = LocalDate.now(ZoneOffset.UTC).plusDays(1);
        if (d.isBefore(earliest) || d.isAfter(latest)) {
            throw new InvalidRecordException(field, "must be between 2000-01-01 and tomorrow, was " + s);
        }
        return d;
    }
}
