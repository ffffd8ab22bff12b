package org.sightline.core.internal.storage;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.sightline.api.data.MigrationException;

/**
 * Applies versioned SQL scripts per module and records them in {@code sightline_schema_history}. Each
 * script runs in its own transaction together with its history row, so a failed script leaves no trace
 * on databases with transactional DDL (PostgreSQL) and is retried on the next start.
 */
public final class SqlMigrator {

    /** A migration script. */
    public record Script(int version, String description, String sql) {
    }

    private static final Pattern NAME = Pattern.compile("V(\\d+)__([A-Za-z0-9_]+)\\.sql");
    private static final Pattern MODULE = Pattern.compile("[a-z][a-z0-9-]{0,39}");
    private final DataSource dataSource;
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    public SqlMigrator(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Parses a script file name such as {@code V2__add_index.sql}; {@code null} if it is not one. */
    public static Script script(String fileName, String sql) {
        Matcher m = NAME.matcher(fileName);
        if (!m.matches()) {
            return null;
        }
        return new Script(Integer.parseInt(m.group(1)), m.group(2).replace('_', ' '), sql);
    }

    /** Applies the module's scripts that are not applied yet; returns how many ran. */
    public int migrate(String module, List<Script> scripts) throws MigrationException {
        if (!MODULE.matcher(module).matches()) {
            throw new MigrationException("module id '" + module + "' must be lower case letters, digits and dashes", null);
        }
        synchronized (locks.computeIfAbsent(module, k -> new Object())) {
            try (Connection c = dataSource.getConnection()) {
                ensureHistory(c);
                Map<Integer, String> applied = applied(c, module);
                List<Script> ordered = new ArrayList<>(scripts);
                ordered.sort(Comparator.comparingInt(Script::version));
                int ran = 0;
                for (Script s : ordered) {
                    String checksum = checksum(s.sql());
                    String known = applied.get(s.version());
                    if (known != null) {
                        if (!known.equals(checksum)) {
                            throw new MigrationException("migration " + module + " V" + s.version()
                                    + " was changed after it was applied; ship a new version instead", null);
                        }
                        continue;
                    }
                    apply(c, module, s, checksum);
                    ran++;
                }
                return ran;
            } catch (SQLException e) {
                throw new MigrationException("migration of module " + module + " failed: " + e.getMessage(), e);
            }
        }
    }

    private static void ensureHistory(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("CREATE TABLE IF NOT EXISTS sightline_schema_history ("
                    + "module VARCHAR(40) NOT NULL, version INT NOT NULL, description VARCHAR(200) NOT NULL, "
                    + "checksum CHAR(64) NOT NULL, installed_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL, "
                    + "PRIMARY KEY (module, version))");
        }
    }

    private static Map<Integer, String> applied(Connection c, String module) throws SQLException {
        Map<Integer, String> applied = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT version, checksum FROM sightline_schema_history WHERE module = ?")) {
            ps.setString(1, module);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    applied.put(rs.getInt(1), rs.getString(2).trim());
                }
            }
        }
        return applied;
    }

    private static void apply(Connection c, String module, Script s, String checksum)
            throws SQLException, MigrationException {
        boolean auto = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            for (String stmt : statements(s.sql())) {
                try {
                    st.execute(stmt);
                } catch (SQLException e) {
                    throw new MigrationException("migration " + module + " V" + s.version() + " (" + s.description()
                            + ") failed at: " + abbreviate(stmt) + " — " + e.getMessage(), e);
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO sightline_schema_history (module, version, description, checksum) VALUES (?, ?, ?, ?)")) {
                ps.setString(1, module);
                ps.setInt(2, s.version());
                ps.setString(3, s.description());
                ps.setString(4, checksum);
                ps.executeUpdate();
            }
            c.commit();
        } catch (SQLException | MigrationException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(auto);
        }
    }

    /** Splits a script into statements at semicolons that end a line; drops {@code --} comment lines. */
    static List<String> statements(String sql) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (String line : sql.split("\\R")) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("--")) {
                continue;
            }
            cur.append(line).append('\n');
            if (t.endsWith(";")) {
                String s = cur.toString().strip();
                out.add(s.substring(0, s.length() - 1));
                cur.setLength(0);
            }
        }
        if (!cur.toString().isBlank()) {
            out.add(cur.toString().strip());
        }
        return out;
    }

    private static String abbreviate(String s) {
        String one = s.replaceAll("\\s+", " ");
        return one.length() > 120 ? one.substring(0, 117) + "..." : one;
    }

    static String checksum(String sql) {
        try {
            String normalized = sql.replace("\r\n", "\n").strip();
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(normalized.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
