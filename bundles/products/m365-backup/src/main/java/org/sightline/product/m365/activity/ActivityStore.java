package org.sightline.product.m365.activity;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sightline.api.data.MigrationException;
import org.sightline.api.data.ModuleStorage;

/**
 * The unusual-activity tables ({@code m365_activity_*}): the only class that runs SQL on them. Writes take the
 * caller's transaction; each write brings the day's row of {@code m365_activity_daily} up to date, so widgets
 * read one row per day and never count findings per request for their chart.
 */
@Component(service = ActivityStore.class)
public class ActivityStore {
    /** The module id of the tables' migrations ({@code db/migration/m365-activity}). */
    public static final String MODULE = "m365-activity";

    private final DataSource dataSource;

    @Activate
    public ActivityStore(@Reference ModuleStorage storage) throws MigrationException {
        storage.migrate(MODULE, ActivityStore.class);
        this.dataSource = storage.dataSource();
    }

    /** What storing a record did. */
    public enum Stored { NEW, REPLACED, UNCHANGED }

    /**
     * Stores a finding: new, replacing the earlier state of the same record id, or nothing when unchanged.
     * Updates the daily rows of the finding's day (and of its earlier day, when that changed).
     */
    public Stored store(Connection c, long customerId, Finding f) throws SQLException {
        String digest = f.digest();
        LocalDate earlierDay = null;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT digest, on_day FROM m365_activity_finding WHERE customer_id = ? AND record_id = ?")) {
            ps.setLong(1, customerId);
            ps.setString(2, f.recordId());
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    if (rs.getString(1).equals(digest)) {
                        return Stored.UNCHANGED;
                    }
                    earlierDay = rs.getDate(2).toLocalDate();
                }
            }
        }
        long objectId = object(c, customerId, f.objectType(), f.objectKey(), f.objectName());
        if (earlierDay != null) {
            update(c, "DELETE FROM m365_activity_file WHERE customer_id = ? AND record_id = ?", customerId, f.recordId());
            update(c, "UPDATE m365_activity_finding SET object_id = ?, on_day = ?, activity = ?, score = ?, file_count = ?, "
                    + "digest = ? WHERE customer_id = ? AND record_id = ?", objectId, Date.valueOf(f.day()),
                    f.activity().code(), f.score(), f.files().size(), digest, customerId, f.recordId());
        } else {
            update(c, "INSERT INTO m365_activity_finding (customer_id, record_id, object_id, on_day, activity, score, "
                    + "file_count, digest) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", customerId, f.recordId(), objectId,
                    Date.valueOf(f.day()), f.activity().code(), f.score(), f.files().size(), digest);
        }
        if (!f.files().isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO m365_activity_file (customer_id, record_id, seq, path) VALUES (?, ?, ?, ?)")) {
                int seq = 0;
                for (String path : f.files()) {
                    ps.setLong(1, customerId);
                    ps.setString(2, f.recordId());
                    ps.setInt(3, seq++);
                    ps.setString(4, path);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
        refreshDay(c, customerId, f.day());
        if (earlierDay != null && !earlierDay.equals(f.day())) {
            refreshDay(c, customerId, earlierDay);
        }
        return earlierDay == null ? Stored.NEW : Stored.REPLACED;
    }

    /** Stores the day's scan summary; a later one for the same day replaces it. */
    public Stored store(Connection c, long customerId, Scan s) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT onedrives, sites FROM m365_activity_scan WHERE customer_id = ? AND on_day = ?")) {
            ps.setLong(1, customerId);
            ps.setDate(2, Date.valueOf(s.day()));
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next() && rs.getInt(1) == s.onedrives() && rs.getInt(2) == s.sites()) {
                    return Stored.UNCHANGED;
                }
            }
        }
        Stored result;
        if (update(c, "UPDATE m365_activity_scan SET onedrives = ?, sites = ? WHERE customer_id = ? AND on_day = ?",
                s.onedrives(), s.sites(), customerId, Date.valueOf(s.day())) == 0) {
            update(c, "INSERT INTO m365_activity_scan (customer_id, on_day, onedrives, sites) VALUES (?, ?, ?, ?)",
                    customerId, Date.valueOf(s.day()), s.onedrives(), s.sites());
            result = Stored.NEW;
        } else {
            result = Stored.REPLACED;
        }
        refreshDay(c, customerId, s.day());
        return result;
    }

    /** Recomputes the customer's daily row of {@code day} from the scan and the findings of that day. */
    void refreshDay(Connection c, long customerId, LocalDate day) throws SQLException {
        int trackedOnedrives = 0;
        int trackedSites = 0;
        boolean scanned = false;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT onedrives, sites FROM m365_activity_scan WHERE customer_id = ? AND on_day = ?")) {
            ps.setLong(1, customerId);
            ps.setDate(2, Date.valueOf(day));
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    scanned = true;
                    trackedOnedrives = rs.getInt(1);
                    trackedSites = rs.getInt(2);
                }
            }
        }
        Map<String, int[]> byType = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT o.object_type, COUNT(DISTINCT f.object_id), COUNT(*) "
                + "FROM m365_activity_finding f JOIN m365_activity_object o ON o.id = f.object_id "
                + "WHERE f.customer_id = ? AND f.on_day = ? GROUP BY o.object_type")) {
            ps.setLong(1, customerId);
            ps.setDate(2, Date.valueOf(day));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    byType.put(rs.getString(1), new int[] {rs.getInt(2), rs.getInt(3)});
                }
            }
        }
        int suspiciousOnedrives = byType.getOrDefault(ObjectType.ONEDRIVE.code(), new int[2])[0];
        int suspiciousSites = byType.getOrDefault(ObjectType.SHAREPOINT_SITE.code(), new int[2])[0];
        int findings = byType.values().stream().mapToInt(v -> v[1]).sum();
        if (!scanned && findings == 0) {
            update(c, "DELETE FROM m365_activity_daily WHERE customer_id = ? AND on_day = ?", customerId, Date.valueOf(day));
            return;
        }
        if (update(c, "UPDATE m365_activity_daily SET tracked_onedrives = ?, tracked_sites = ?, suspicious_onedrives = ?, "
                + "suspicious_sites = ?, findings = ? WHERE customer_id = ? AND on_day = ?", trackedOnedrives, trackedSites,
                suspiciousOnedrives, suspiciousSites, findings, customerId, Date.valueOf(day)) == 0) {
            update(c, "INSERT INTO m365_activity_daily (customer_id, on_day, tracked_onedrives, tracked_sites, "
                    + "suspicious_onedrives, suspicious_sites, findings) VALUES (?, ?, ?, ?, ?, ?, ?)", customerId,
                    Date.valueOf(day), trackedOnedrives, trackedSites, suspiciousOnedrives, suspiciousSites, findings);
        }
    }

    /** The customer's daily rows from {@code from} (inclusive) to {@code to} (exclusive), oldest first. */
    public List<Daily> daily(long customerId, LocalDate from, LocalDate to) throws SQLException {
        List<Daily> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT on_day, tracked_onedrives, tracked_sites, suspicious_onedrives, suspicious_sites, findings "
                        + "FROM m365_activity_daily WHERE customer_id = ? AND on_day >= ? AND on_day < ? ORDER BY on_day")) {
            ps.setLong(1, customerId);
            ps.setDate(2, Date.valueOf(from));
            ps.setDate(3, Date.valueOf(to));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Daily(rs.getDate(1).toLocalDate(), rs.getInt(2), rs.getInt(3), rs.getInt(4),
                            rs.getInt(5), rs.getInt(6)));
                }
            }
        }
        return out;
    }

    /** How many distinct OneDrive accounts and sites had findings from {@code from} to {@code to} (exclusive). */
    public Map<ObjectType, Integer> suspiciousCounts(long customerId, LocalDate from, LocalDate to) throws SQLException {
        Map<ObjectType, Integer> out = new EnumMap<>(ObjectType.class);
        for (ObjectType t : ObjectType.values()) {
            out.put(t, 0);
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT o.object_type, COUNT(DISTINCT f.object_id) FROM m365_activity_finding f "
                        + "JOIN m365_activity_object o ON o.id = f.object_id "
                        + "WHERE f.customer_id = ? AND f.on_day >= ? AND f.on_day < ? GROUP BY o.object_type")) {
            ps.setLong(1, customerId);
            ps.setDate(2, Date.valueOf(from));
            ps.setDate(3, Date.valueOf(to));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ObjectType.of(rs.getString(1)).ifPresent(t -> {
                        try {
                            out.put(t, rs.getInt(2));
                        } catch (SQLException e) {
                            throw new IllegalStateException(e);
                        }
                    });
                }
            }
        }
        return out;
    }

    /**
     * A page of the objects with findings from {@code from} to {@code to} (exclusive), highest score first,
     * each with its activities and file count.
     */
    public List<SuspiciousObject> suspicious(long customerId, LocalDate from, LocalDate to, int offset, int limit)
            throws SQLException {
        Map<Long, SuspiciousObject.Builder> rows = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT o.id, o.object_type, o.object_name, MAX(f.on_day), MAX(f.score), SUM(f.file_count) "
                            + "FROM m365_activity_finding f JOIN m365_activity_object o ON o.id = f.object_id "
                            + "WHERE f.customer_id = ? AND f.on_day >= ? AND f.on_day < ? "
                            + "GROUP BY o.id, o.object_type, o.object_name ORDER BY MAX(f.score) DESC, o.id "
                            + "OFFSET ? ROWS FETCH NEXT ? ROWS ONLY")) {
                ps.setLong(1, customerId);
                ps.setDate(2, Date.valueOf(from));
                ps.setDate(3, Date.valueOf(to));
                ps.setInt(4, offset);
                ps.setInt(5, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ObjectType type = ObjectType.of(rs.getString(2)).orElse(ObjectType.SHAREPOINT_SITE);
                        rows.put(rs.getLong(1), new SuspiciousObject.Builder(rs.getLong(1), type, rs.getString(3),
                                rs.getDate(4).toLocalDate(), rs.getInt(5), rs.getLong(6)));
                    }
                }
            }
            if (rows.isEmpty()) {
                return List.of();
            }
            String in = String.join(",", java.util.Collections.nCopies(rows.size(), "?"));
            try (PreparedStatement ps = c.prepareStatement("SELECT object_id, activity, MAX(score) "
                    + "FROM m365_activity_finding WHERE customer_id = ? AND on_day >= ? AND on_day < ? AND object_id IN ("
                    + in + ") GROUP BY object_id, activity ORDER BY object_id, MAX(score) DESC, activity")) {
                ps.setLong(1, customerId);
                ps.setDate(2, Date.valueOf(from));
                ps.setDate(3, Date.valueOf(to));
                int i = 4;
                for (Long id : rows.keySet()) {
                    ps.setLong(i++, id);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        SuspiciousObject.Builder b = rows.get(rs.getLong(1));
                        Optional<Activity> a = Activity.of(rs.getString(2));
                        if (b != null && a.isPresent()) {
                            b.activity(a.get(), rs.getInt(3));
                        }
                    }
                }
            }
        }
        return rows.values().stream().map(SuspiciousObject.Builder::build).toList();
    }

    /** One of the customer's objects, by its id in this store. */
    public Optional<SuspiciousObject> object(long customerId, long objectId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT id, object_type, object_name FROM m365_activity_object WHERE customer_id = ? AND id = ?")) {
            ps.setLong(1, customerId);
            ps.setLong(2, objectId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new SuspiciousObject.Builder(rs.getLong(1),
                        ObjectType.of(rs.getString(2)).orElse(ObjectType.SHAREPOINT_SITE), rs.getString(3), null, 0, 0)
                        .build());
            }
        }
    }

    /**
     * A page of an object's findings with their files from {@code from} to {@code to} (exclusive), newest first:
     * one entry per suspicious file, or one without a path for a finding that named none.
     */
    public List<FileEntry> files(long customerId, long objectId, LocalDate from, LocalDate to, int offset, int limit)
            throws SQLException {
        List<FileEntry> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT f.on_day, f.activity, f.score, x.path FROM m365_activity_finding f "
                        + "LEFT JOIN m365_activity_file x ON x.customer_id = f.customer_id AND x.record_id = f.record_id "
                        + "WHERE f.customer_id = ? AND f.object_id = ? AND f.on_day >= ? AND f.on_day < ? "
                        + "ORDER BY f.on_day DESC, f.score DESC, f.record_id, x.seq OFFSET ? ROWS FETCH NEXT ? ROWS ONLY")) {
            ps.setLong(1, customerId);
            ps.setLong(2, objectId);
            ps.setDate(3, Date.valueOf(from));
            ps.setDate(4, Date.valueOf(to));
            ps.setInt(5, offset);
            ps.setInt(6, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Optional<Activity> a = Activity.of(rs.getString(2));
                    if (a.isPresent()) {
                        out.add(new FileEntry(rs.getDate(1).toLocalDate(), a.get(), rs.getInt(3), rs.getString(4)));
                    }
                }
            }
        }
        return out;
    }

    /** Deletes everything stored about the customer, in the caller's transaction. */
    public void deleteCustomer(Connection c, long customerId) throws SQLException {
        for (String table : List.of("m365_activity_file", "m365_activity_finding", "m365_activity_object",
                "m365_activity_scan", "m365_activity_daily")) {
            update(c, "DELETE FROM " + table + " WHERE customer_id = ?", customerId);
        }
    }

    private static long object(Connection c, long customerId, ObjectType type, String key, String name)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id, object_name FROM m365_activity_object "
                + "WHERE customer_id = ? AND object_type = ? AND object_key = ?")) {
            ps.setLong(1, customerId);
            ps.setString(2, type.code());
            ps.setString(3, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    long id = rs.getLong(1);
                    if (!name.equals(rs.getString(2))) {
                        update(c, "UPDATE m365_activity_object SET object_name = ? WHERE id = ?", name, id);
                    }
                    return id;
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO m365_activity_object (customer_id, object_type, "
                + "object_key, object_name) VALUES (?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            ps.setLong(1, customerId);
            ps.setString(2, type.code());
            ps.setString(3, key);
            ps.setString(4, name);
            ps.executeUpdate();
            try (ResultSet rs = ps.getGeneratedKeys()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static int update(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            return ps.executeUpdate();
        }
    }

    /** A customer's day: tracked and suspicious objects, findings. */
    public record Daily(LocalDate day, int trackedOnedrives, int trackedSites, int suspiciousOnedrives,
                        int suspiciousSites, int findings) {
        public int tracked() {
            return trackedOnedrives + trackedSites;
        }

        public int suspicious() {
            return suspiciousOnedrives + suspiciousSites;
        }
    }

    /** One suspicious file of a finding ({@code path} is {@code null} for a finding without files). */
    public record FileEntry(LocalDate day, Activity activity, int score, String path) {
    }
}
