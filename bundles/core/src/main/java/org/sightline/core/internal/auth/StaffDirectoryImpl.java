package org.sightline.core.internal.auth;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sightline.core.Changes;
import org.sightline.core.ConflictException;
import org.sightline.core.InvalidParameterException;
import org.sightline.core.NotFoundException;
import org.sightline.core.Roles;
import org.sightline.core.StaffDirectory;
import org.sightline.core.StaffUser;
import org.sightline.core.internal.storage.CoreStorage;
import org.sightline.core.internal.storage.Jdbc;
import org.sightline.core.internal.tenancy.Partners;
import org.sightline.core.internal.tenancy.StaffAssignments;
import org.sightline.core.internal.tenancy.StaffRoster;

/** Staff users in table {@code staff_user}, passwords as bcrypt hashes. */
@Component(service = {StaffDirectory.class, StaffAccounts.class, StaffRoster.class}, configurationPid = AuthConfig.PID)
public class StaffDirectoryImpl implements StaffAccounts, StaffRoster {
    /** A username: lower case letters, digits and {@code . _ @ -}, 2 to 100 characters. */
    public static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._@-]{1,99}");
    static final String USER_COLUMNS = "u.id, u.partner_id, u.username, u.display_name, u.role, u.enabled, "
            + "u.password_hash, u.operator, u.credential_version";
    /** How many columns {@link #USER_COLUMNS} has. */
    static final int USER_COLUMN_COUNT = 9;
    /** The answer to every username that cannot be used, whoever holds it: it must not reveal other partners' users. */
    public static final String USERNAME_UNUSABLE = "That username cannot be used.";
    static final String USER_FROM = " FROM staff_user u";
    private final DataSource ds;
    private final Passwords passwords;
    private final Changes changes;

    @Activate
    public StaffDirectoryImpl(@Reference CoreStorage storage, @Reference Changes changes, AuthConfig config) {
        this(storage.dataSource(), new Passwords(config.password_bcrypt_cost()), changes);
    }

    /** A directory on a plain data source (tests, benchmarks). */
    public static StaffDirectoryImpl on(DataSource ds, Passwords passwords, Changes changes) {
        return new StaffDirectoryImpl(ds, passwords, changes);
    }

    private StaffDirectoryImpl(DataSource ds, Passwords passwords, Changes changes) {
        this.ds = ds;
        this.passwords = passwords;
        this.changes = changes;
    }

    @Override
    public StaffUser create(long partnerId, String username, String displayName, String role, char[] password) {
        String name = normalize(username);
        if (name == null || !USERNAME.matcher(name).matches()) {
            throw new InvalidParameterException("username", "a username is 2 to 100 lower case letters, digits, dots, dashes, underscores or @");
        }
        if (displayName == null || displayName.isBlank() || displayName.length() > 200) {
            throw new InvalidParameterException("displayName", "a display name is 1 to 200 characters");
        }
        if (!Roles.PORTAL.contains(role)) {
            throw new InvalidParameterException("role", "role must be one of " + Roles.PORTAL);
        }
        String hash = null;
        if (password != null) {
            Passwords.validate(password);
            hash = passwords.hash(password);
        }
        try (Connection c = ds.getConnection()) {
            Jdbc.insert(c, "INSERT INTO staff_user (partner_id, username, display_name, role, password_hash) VALUES (?, ?, ?, ?, ?)",
                    Arrays.asList(partnerId, name, displayName.strip(), role, hash));
        } catch (SQLException e) {
            if (Jdbc.isConstraintViolation(e)) {
                if (Partners.on(ds).find(partnerId).isEmpty()) {
                    throw new InvalidParameterException("partner", "no partner with id " + partnerId);
                }
                // Usernames are unique in the server (people sign in with them): the same answer whether this
                // partner or another one holds the name, so the answer reveals no other partner's staff.
                throw new ConflictException(USERNAME_UNUSABLE);
            }
            throw Jdbc.failure("cannot create user", e);
        }
        return find(name).orElseThrow();
    }

    @Override
    public Optional<StaffUser> find(String username) {
        String name = normalize(username);
        if (name == null) {
            return Optional.empty();
        }
        return Jdbc.one(ds, "SELECT " + USER_COLUMNS + USER_FROM + " WHERE u.username = ?", List.of(name),
                StaffDirectoryImpl::row).map(this::user);
    }

    @Override
    public Optional<StaffUser> checkPassword(String username, char[] password) {
        String name = normalize(username);
        Optional<UserRow> row = name == null ? Optional.empty()
                : Jdbc.one(ds, "SELECT " + USER_COLUMNS + USER_FROM + " WHERE u.username = ?", List.of(name),
                        StaffDirectoryImpl::row);
        String hash = row.map(UserRow::passwordHash).orElse(null);
        boolean ok = passwords.matches(hash, password);
        if (!ok || row.isEmpty() || !row.get().enabled()) {
            return Optional.empty();
        }
        return Optional.of(user(row.get()));
    }

    @Override
    public void setPassword(String username, char[] password) {
        Passwords.validate(password);
        String name = String.valueOf(normalize(username));
        String hash = passwords.hash(password);
        try (Connection c = ds.getConnection()) {
            if (Jdbc.update(c, "UPDATE staff_user SET password_hash = ?, failed_attempts = 0, locked_until = NULL, "
                    + "credential_version = credential_version + 1 WHERE username = ?", List.of(hash, name)) == 0) {
                throw new NotFoundException("no user " + username);
            }
            // Whoever signed in with the old password is signed out.
            Jdbc.update(c, "DELETE FROM web_session WHERE staff_id IN (SELECT id FROM staff_user WHERE username = ?)",
                    List.of(name));
        } catch (SQLException e) {
            throw Jdbc.failure("cannot change user", e);
        }
    }

    @Override
    public void setEnabled(String username, boolean enabled) {
        String name = String.valueOf(normalize(username));
        try (Connection c = ds.getConnection()) {
            if (Jdbc.update(c, "UPDATE staff_user SET enabled = ?, credential_version = credential_version + 1 "
                    + "WHERE username = ?", List.of(enabled, name)) == 0) {
                throw new NotFoundException("no user " + username);
            }
            if (!enabled) {
                Jdbc.update(c, "DELETE FROM web_session WHERE staff_id IN (SELECT id FROM staff_user WHERE username = ?)",
                        List.of(name));
            }
        } catch (SQLException e) {
            throw Jdbc.failure("cannot change user", e);
        }
    }

    @Override
    public void setOperator(String username, boolean operator) {
        if (Jdbc.update(ds, "UPDATE staff_user SET operator = ?, credential_version = credential_version + 1 WHERE username = ?",
                List.of(operator, String.valueOf(normalize(username)))) == 0) {
            throw new NotFoundException("no user " + username);
        }
    }

    @Override
    public List<StaffUser> list(long partnerId) {
        Optional<Partners.Partner> partner = Partners.on(ds).find(partnerId);
        if (partner.isEmpty()) {
            return List.of();
        }
        return Jdbc.list(ds, "SELECT " + USER_COLUMNS + USER_FROM + " WHERE u.partner_id = ? ORDER BY u.username",
                List.of(partnerId), StaffDirectoryImpl::row).stream().map(r -> r.of(partner.get())).toList();
    }

    @Override
    public void assignCustomer(long staffId, long customerId) {
        try {
            StaffAssignments.on(ds).assignCustomer(partnerOf(staffId), staffId, customerId);
        } finally {
            // After the write: a reader that rebuilt from the old rows meanwhile is marked stale again.
            changes.announce(new Changes.AllPartners());
        }
    }

    @Override
    public void assignGroup(long staffId, long groupId) {
        try {
            StaffAssignments.on(ds).assignGroup(partnerOf(staffId), staffId, groupId);
        } finally {
            changes.announce(new Changes.AllPartners());
        }
    }

    @Override
    public boolean unassignCustomer(long staffId, long customerId) {
        try {
            return StaffAssignments.on(ds).unassignCustomer(staffId, customerId);
        } finally {
            // After the write: what the user may see is derived again (customer list, scoped reads, dashboards).
            changes.announce(new Changes.AllPartners());
        }
    }

    @Override
    public boolean unassignGroup(long staffId, long groupId) {
        try {
            return StaffAssignments.on(ds).unassignGroup(staffId, groupId);
        } finally {
            changes.announce(new Changes.AllPartners());
        }
    }

    @Override
    public Assignments assignments(long staffId) {
        return StaffAssignments.on(ds).of(staffId);
    }

    @Override
    public long idOf(long partnerId, String username) {
        return Jdbc.one(ds, "SELECT id FROM staff_user WHERE username = ? AND partner_id = ?",
                List.of(String.valueOf(normalize(username)), partnerId), rs -> rs.getLong(1)).orElse(-1L);
    }

    @Override
    public Map<Long, StaffName> ofPartner(long partnerId) {
        Map<Long, StaffName> names = new HashMap<>();
        Jdbc.list(ds, "SELECT id, username, display_name FROM staff_user WHERE partner_id = ?", List.of(partnerId),
                rs -> names.put(rs.getLong(1), new StaffName(rs.getString(2), rs.getString(3))));
        return names;
    }

    @Override
    public Map<Long, StaffName> named(Collection<Long> staffIds) {
        Map<Long, StaffName> names = new HashMap<>();
        if (staffIds.isEmpty()) {
            return names;
        }
        List<Object> ids = new ArrayList<>(new LinkedHashSet<>(staffIds));
        Jdbc.list(ds, "SELECT id, username, display_name FROM staff_user WHERE id IN (" + Jdbc.placeholders(ids.size()) + ")",
                ids, rs -> names.put(rs.getLong(1), new StaffName(rs.getString(2), rs.getString(3))));
        return names;
    }

    /** The user's partner. @throws InvalidParameterException when there is no such user */
    private long partnerOf(long staffId) {
        return Jdbc.one(ds, "SELECT partner_id FROM staff_user WHERE id = ?", List.of(staffId), rs -> rs.getLong(1))
                .orElseThrow(() -> new InvalidParameterException("user", "no user " + staffId));
    }

    private StaffUser user(UserRow row) {
        return user(Partners.on(ds), row);
    }

    /** The user of a row, with the partner's name and view-only flag, which tenancy keeps. */
    static StaffUser user(Partners partners, UserRow row) {
        // A partner is never deleted while it has users (foreign key), so a missing one is a broken database.
        return row.of(partners.find(row.partnerId())
                .orElseThrow(() -> new IllegalStateException("the partner of user " + row.id() + " is gone")));
    }

    /** Reads a row of {@link #USER_COLUMNS}. */
    static UserRow row(ResultSet rs) throws SQLException {
        return new UserRow(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getBoolean(6), rs.getString(7), rs.getBoolean(8), rs.getLong(9));
    }

    /** A row of {@code staff_user}. */
    record UserRow(long id, long partnerId, String username, String displayName, String role, boolean enabled,
                   String passwordHash, boolean operator, long credentialVersion) {
        StaffUser of(Partners.Partner partner) {
            return new StaffUser(id, partnerId, partner.name(), partner.viewOnly(), username, displayName, role, enabled,
                    passwordHash != null, operator, credentialVersion);
        }
    }

    static String normalize(String username) {
        return username == null ? null : username.strip().toLowerCase(Locale.ROOT);
    }
}
