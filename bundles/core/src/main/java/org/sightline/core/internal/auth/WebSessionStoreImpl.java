package org.sightline.core.internal.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.sightline.core.AuditLog;
import org.sightline.core.StaffUser;
import org.sightline.core.WebSession;
import org.sightline.core.Caches;
import org.sightline.core.WebSessionStore;
import org.sightline.core.internal.cache.CacheDirectory;
import org.sightline.core.internal.storage.CoreStorage;
import org.sightline.core.internal.storage.Jdbc;
import org.sightline.core.internal.tenancy.Partners;

/**
 * Web sessions in table {@code web_session}: 256-bit random ids of which only the SHA-256 is stored, a
 * CSRF token per session, idle and absolute expiry. The idle timer is written at most once a minute.
 */
@Component(service = WebSessionStore.class, configurationPid = AuthConfig.PID)
@Designate(ocd = AuthConfig.class)
public class WebSessionStoreImpl implements WebSessionStore {
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);
    private static final long MAX_PARTNERS = 10_000;
    private final DataSource ds;
    private final Duration idle;
    private final Duration absolute;
    private final AuditLog audit;
    private final SecureRandom random = new SecureRandom();
    /** The session's user carries its partner's name and view-only flag: remembered, as this runs on every request. */
    private final Partners partners;
    private AutoCloseable registration;

    @Activate
    public WebSessionStoreImpl(@Reference CoreStorage storage, @Reference AuditLog audit, @Reference Caches caches,
                               AuthConfig config) {
        this(storage.dataSource(), Duration.ofMinutes(Math.max(1, config.session_idle_minutes())),
                Duration.ofHours(Math.max(1, config.session_absolute_hours())), audit);
        registration = caches.register(CacheDirectory.of("core.session-partners", partners.cache(), MAX_PARTNERS));
    }

    @Deactivate
    void deactivate() {
        CacheDirectory.close(registration);
    }

    /** A store on a database with explicit idle and absolute timeouts (tests). */
    public static WebSessionStoreImpl on(DataSource ds, Duration idle, Duration absolute, AuditLog audit) {
        return new WebSessionStoreImpl(ds, idle, absolute, audit);
    }

    private WebSessionStoreImpl(DataSource ds, Duration idle, Duration absolute, AuditLog audit) {
        this.ds = ds;
        this.idle = idle;
        this.absolute = absolute;
        this.audit = audit;
        this.partners = Partners.remembering(ds, MAX_PARTNERS);
    }

    @Override
    public WebSession create(StaffUser user, String address) {
        String secret = token();
        String csrf = token();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        try (Connection c = ds.getConnection()) {
            Jdbc.update(c, "DELETE FROM web_session WHERE last_seen_at < ? OR created_at < ?",
                    List.of(now.minus(idle), now.minus(absolute)));
            Jdbc.update(c, "INSERT INTO web_session (id_hash, staff_id, csrf_token, created_at, last_seen_at, ip) "
                    + "VALUES (?, ?, ?, ?, ?, ?)", Arrays.asList(hash(secret), user.id(), csrf, now, now, address));
        } catch (SQLException e) {
            throw Jdbc.failure("cannot create the session", e);
        }
        return new WebSession(secret, csrf, user, now, now.plus(absolute));
    }

    @Override
    public Optional<WebSession> find(String secret) {
        if (secret == null || secret.length() < 20 || secret.length() > 100) {
            return Optional.empty();
        }
        String id = hash(secret);
        record Row(StaffDirectoryImpl.UserRow user, String csrf, Instant created, Instant seen) {
        }
        Optional<Row> row = Jdbc.one(ds, "SELECT " + StaffDirectoryImpl.USER_COLUMNS + ", s.csrf_token, s.created_at, "
                + "s.last_seen_at" + StaffDirectoryImpl.USER_FROM + " JOIN web_session s ON s.staff_id = u.id WHERE s.id_hash = ?",
                List.of(id), rs -> {
                    int n = StaffDirectoryImpl.USER_COLUMN_COUNT;
                    return new Row(StaffDirectoryImpl.row(rs), rs.getString(n + 1), Jdbc.instant(rs, n + 2), Jdbc.instant(rs, n + 3));
                });
        if (row.isEmpty()) {
            return Optional.empty();
        }
        Row r = row.get();
        Instant now = Instant.now();
        if (!r.user().enabled() || now.isAfter(r.seen().plus(idle)) || now.isAfter(r.created().plus(absolute))) {
            Jdbc.update(ds, "DELETE FROM web_session WHERE id_hash = ?", List.of(id));
            return Optional.empty();
        }
        if (now.isAfter(r.seen().plus(TOUCH_EVERY))) {
            Jdbc.update(ds, "UPDATE web_session SET last_seen_at = ? WHERE id_hash = ?",
                    List.of(now.truncatedTo(ChronoUnit.MICROS), id));
        }
        return Optional.of(new WebSession(null, r.csrf(), StaffDirectoryImpl.user(partners, r.user()), r.created(),
                r.created().plus(absolute)));
    }

    @Override
    public boolean signOut(String secret) {
        Optional<WebSession> live = find(secret);
        if (live.isEmpty()) {
            return false;
        }
        Jdbc.update(ds, "DELETE FROM web_session WHERE id_hash = ?", List.of(hash(secret)));
        audit.record(live.get().user().viewer(), "session.signout", null, null, AuditLog.OK, null);
        return true;
    }

    @Override
    public long idleSeconds() {
        return idle.toSeconds();
    }

    private String token() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
