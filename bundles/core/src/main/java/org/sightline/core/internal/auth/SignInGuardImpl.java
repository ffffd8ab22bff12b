package org.sightline.core.internal.auth;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sightline.core.AuditEntry;
import org.sightline.core.AuditLog;
import org.sightline.core.SignInGuard;
import org.sightline.core.StaffUser;
import org.sightline.core.TooManyRequestsException;
import org.sightline.core.internal.storage.CoreStorage;
import org.sightline.core.internal.storage.Jdbc;

/**
 * Sign-in throttling. Per user: after {@code signin.user.max.failures} consecutive failures the user is
 * locked, first for {@code signin.user.lock.seconds}, doubling with each further failure up to 15
 * minutes (kept in {@code staff_user}, so a restart does not reset it). Per client address: at most
 * {@code signin.address.max.failures} failures in a sliding window (kept in memory).
 */
@Component(service = SignInGuard.class, configurationPid = AuthConfig.PID)
public class SignInGuardImpl implements SignInGuard {
    private static final long MAX_LOCK_SECONDS = 900;
    private static final int MAX_ADDRESSES = 100_000;
    private final DataSource ds;
    private final AuditLog audit;
    private final int userMax;
    private final long lockSeconds;
    private final int addressMax;
    private final Duration window;
    private final Map<String, Deque<Instant>> byAddress = new ConcurrentHashMap<>();

    @Activate
    public SignInGuardImpl(@Reference CoreStorage storage, @Reference AuditLog audit, AuthConfig config) {
        this(storage.dataSource(), audit, config.signin_user_max_failures(), config.signin_user_lock_seconds(),
                config.signin_address_max_failures(), config.signin_address_window_seconds());
    }

    /** A guard with explicit limits (tests). */
    public SignInGuardImpl(DataSource ds, AuditLog audit, int userMax, long lockSeconds, int addressMax, long windowSeconds) {
        this.ds = ds;
        this.audit = audit;
        this.userMax = Math.max(1, userMax);
        this.lockSeconds = Math.max(1, lockSeconds);
        this.addressMax = Math.max(1, addressMax);
        this.window = Duration.ofSeconds(Math.max(1, windowSeconds));
    }

    @Override
    public void check(String username, String address) {
        Instant now = Instant.now();
        if (address != null) {
            Deque<Instant> d = byAddress.get(address);
            if (d != null) {
                synchronized (d) {
                    prune(d, now);
                    if (d.size() >= addressMax) {
                        throw new TooManyRequestsException("too many failed sign-ins from this address; try again later",
                                Duration.between(now, d.peekFirst().plus(window)).toSeconds() + 1);
                    }
                }
            }
        }
        String name = StaffDirectoryImpl.normalize(username);
        if (name != null) {
            Optional<Instant> locked = Jdbc.one(ds, "SELECT locked_until FROM staff_user WHERE username = ?", List.of(name),
                    rs -> Jdbc.instant(rs, 1)).filter(t -> t != null && t.isAfter(now));
            if (locked.isPresent()) {
                throw new TooManyRequestsException("too many failed sign-ins for this user; try again later",
                        Duration.between(now, locked.get()).toSeconds() + 1);
            }
        }
    }

    @Override
    public void failed(String username, String address, String how) {
        Instant now = Instant.now();
        if (address != null) {
            if (byAddress.size() > MAX_ADDRESSES) {
                byAddress.clear();
            }
            Deque<Instant> d = byAddress.computeIfAbsent(address, a -> new ArrayDeque<>());
            synchronized (d) {
                prune(d, now);
                d.addLast(now);
            }
        }
        String name = StaffDirectoryImpl.normalize(username);
        Long partner = null;
        if (name != null && !name.isEmpty()) {
            try (Connection c = ds.getConnection()) {
                List<long[]> row = Jdbc.list(c, "SELECT partner_id, failed_attempts FROM staff_user WHERE username = ?",
                        List.of(name), rs -> new long[] {rs.getLong(1), rs.getLong(2)});
                if (!row.isEmpty()) {
                    partner = row.get(0)[0];
                    long failures = row.get(0)[1] + 1;
                    Instant lockedUntil = null;
                    if (failures >= userMax) {
                        long seconds = lockSeconds << Math.min(20, failures - userMax);
                        lockedUntil = now.plusSeconds(Math.min(MAX_LOCK_SECONDS, seconds));
                    }
                    Jdbc.update(c, "UPDATE staff_user SET failed_attempts = ?, last_failed_at = ?, locked_until = ? WHERE username = ?",
                            Arrays.asList(failures, now, lockedUntil, name));
                }
            } catch (SQLException e) {
                throw Jdbc.failure("cannot record the failed sign-in", e);
            }
        }
        audit.record(new AuditEntry(0, now, partner, name == null || name.isEmpty() ? "(none)" : name, "session.signin",
                null, null, AuditLog.FAILED, how, address));
    }

    @Override
    public void succeeded(StaffUser user, String address, String how) {
        Jdbc.update(ds, "UPDATE staff_user SET failed_attempts = 0, locked_until = NULL WHERE id = ? AND failed_attempts > 0",
                List.of(user.id()));
        audit.record(new AuditEntry(0, Instant.now(), user.partnerId(), user.username(), "session.signin", null, null,
                AuditLog.OK, how, address));
    }

    private void prune(Deque<Instant> d, Instant now) {
        Instant oldest = now.minus(window);
        while (!d.isEmpty() && d.peekFirst().isBefore(oldest)) {
            d.removeFirst();
        }
    }
}
