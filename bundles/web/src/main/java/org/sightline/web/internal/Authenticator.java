package org.sightline.web.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Principal;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

import javax.security.auth.Subject;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.apache.karaf.jaas.boot.ProxyLoginModule;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.sightline.api.Viewer;
import org.sightline.core.CacheStats;
import org.sightline.core.Caches;
import org.sightline.core.SignInGuard;
import org.sightline.core.StaffDirectory;
import org.sightline.core.StaffUser;
import org.sightline.core.TokenService;
import org.sightline.web.internal.auth.DirectoryUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sightline.web.internal.auth.DirectoryUnavailableLoginException;

/**
 * Turns credentials into a {@link StaffUser} or {@link Viewer}: a username and password checked against
 * a Karaf JAAS realm (so operators can point it at LDAP) and then mapped to the portal user of that name,
 * which gives the partner and role; or a bearer token from the {@link TokenService}. Failed attempts are
 * throttled per user and per address by the {@link SignInGuard}. Successful Basic logins are remembered
 * for a minute by a hash of the credentials, so the realm (a bcrypt hash, or LDAP) is not asked on every
 * request; but every request reads the user again (one indexed row, as a session does) and the remembered
 * login holds only while the user is enabled and its {@link StaffUser#credentialVersion() credential version}
 * is the one that was verified. So disabling a user or changing a password takes effect on the next request,
 * and a changed role or operator flag is what the next request sees.
 */
final class Authenticator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Authenticator.class);
    /** How long a verified login is remembered. */
    private static final Duration REMEMBER = Duration.ofMinutes(1);
    /** The most logins remembered at once. */
    private static final int MAX_REMEMBERED = 10_000;
    /** A verified login: whose, at which credential version. */
    private record Cached(String username, long credentialVersion) {
    }

    private final String realm;
    private final TokenService tokens;
    private final StaffDirectory staff;
    private final SignInGuard guard;
    /** Verified logins by a hash of their credentials. */
    private final Cache<String, Cached> cache = Caffeine.newBuilder().maximumSize(MAX_REMEMBERED).expireAfterWrite(REMEMBER)
            .recordStats().build();
    /** One lock per credentials being checked (losing one only lets a second check run at once). */
    private final Cache<String, Object> signInLocks = Caffeine.newBuilder().maximumSize(MAX_REMEMBERED)
            .expireAfterAccess(REMEMBER).build();
    private final AutoCloseable registration;

    Authenticator(String realm, TokenService tokens, StaffDirectory staff, SignInGuard guard, Caches caches) {
        this.realm = realm;
        this.tokens = tokens;
        this.staff = staff;
        this.guard = guard;
        this.registration = caches.register(() -> {
            com.github.benmanes.caffeine.cache.stats.CacheStats s = cache.stats();
            return new CacheStats("web.basic-logins", cache.estimatedSize(), MAX_REMEMBERED, s.hitCount(), s.missCount(),
                    s.evictionCount());
        });
    }

    /** Stops listing the cache (the servlet goes away). */
    @Override
    public void close() throws Exception {
        registration.close();
    }

    /**
     * The viewer of a Basic {@code Authorization} header's credentials, if the realm accepts them.
     *
     * @throws org.sightline.core.TooManyRequestsException while the user or address is throttled
     * @throws DirectoryUnavailableException when the realm's directory (LDAP) could not be asked
     */
    Optional<Viewer> basic(String encoded, String address) {
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(encoded.trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        String key = sha256(decoded);
        Viewer remembered = remembered(key);
        if (remembered != null) {
            return Optional.of(remembered);
        }
        // One password check per credentials at a time: when an entry expires under load, the other
        // requests with the same credentials wait for it instead of all running the hash at once.
        synchronized (signInLocks.get(key, k -> new Object())) {
            remembered = remembered(key);
            if (remembered != null) {
                return Optional.of(remembered);
            }
            String user = decoded.substring(0, colon);
            char[] password = decoded.substring(colon + 1).toCharArray();
            // Read before the realm is asked: a password changed while it checks is not remembered as valid.
            Long before = staff.find(user).map(StaffUser::credentialVersion).orElse(null);
            Optional<StaffUser> signedIn = signIn(user, password, address, "basic");
            signedIn.filter(u -> before != null && before == u.credentialVersion())
                    .ifPresent(u -> cache.put(key, new Cached(u.username(), u.credentialVersion())));
            return signedIn.map(StaffUser::viewer);
        }
    }

    /**
     * The viewer of remembered credentials, as the user is now; {@code null} when they must be checked by
     * the realm (not remembered, expired, or the user changed since: disabled, new password, operator flag).
     */
    private Viewer remembered(String key) {
        Cached c = cache.getIfPresent(key);
        if (c == null) {
            return null;
        }
        Optional<StaffUser> now = staff.find(c.username);
        if (now.isEmpty() || !now.get().enabled() || now.get().credentialVersion() != c.credentialVersion) {
            cache.asMap().remove(key, c);
            return null;
        }
        return now.get().viewer();
    }

    /** The viewer of a bearer token, with the permissions of its scope. */
    Optional<Viewer> bearer(String token) {
        return tokens.authenticate(token.trim()).map(TokenService.TokenGrant::viewer);
    }

    /**
     * Signs a user in: throttle check, the realm's password check, then the enabled portal user of that
     * name. Every outcome is audited by the guard.
     *
     * @param how how the credentials came ({@code basic}, {@code password} for the web page)
     * @throws org.sightline.core.TooManyRequestsException while the user or address is throttled
     * @throws DirectoryUnavailableException when the realm's directory (LDAP) could not be asked; not counted
     *                                       as a failed attempt
     */
    Optional<StaffUser> signIn(String user, char[] password, String address, String how) {
        if (user == null || user.isBlank() || user.length() > 100 || password == null || password.length == 0
                || password.length > 200) {
            String name = user == null ? "" : user.length() > 100 ? user.substring(0, 100) : user;
            LOG.warn("Sign-in of '{}' from {} refused ({}: no username or password)", printable(name), address, how);
            guard.failed(name, address, how);
            return Optional.empty();
        }
        guard.check(user, address);
        Optional<String> name = realmLogin(user, password);
        Optional<StaffUser> u = name.flatMap(staff::find).filter(StaffUser::enabled);
        if (u.isEmpty()) {
            String why = name.isPresent() ? how + ": no enabled portal user" : how;
            // One line per failed sign-in (the realm's own modules log refusals at DEBUG at most).
            LOG.warn("Sign-in of '{}' from {} refused ({})", printable(user), address, why);
            guard.failed(user, address, why);
            return Optional.empty();
        }
        guard.succeeded(u.get(), address, how);
        return u;
    }

    /** Asks the JAAS realm; the name it signed in, or empty. */
    private Optional<String> realmLogin(String user, char[] password) {
        Subject subject = new Subject();
        Thread t = Thread.currentThread();
        ClassLoader previous = t.getContextClassLoader();
        t.setContextClassLoader(ProxyLoginModule.class.getClassLoader());
        try {
            LoginContext lc = new LoginContext(realm, subject, callbacks -> {
                for (var cb : callbacks) {
                    if (cb instanceof NameCallback n) {
                        n.setName(user);
                    } else if (cb instanceof PasswordCallback p) {
                        p.setPassword(password);
                    } else {
                        throw new UnsupportedCallbackException(cb);
                    }
                }
            });
            lc.login();
        } catch (DirectoryUnavailableLoginException e) {
            // Not a failed attempt: the password was not checked. No throttle count, no audit "failed".
            throw new DirectoryUnavailableException();
        } catch (LoginException e) {
            return Optional.empty();
        } finally {
            t.setContextClassLoader(previous);
        }
        // The realm's own user principal names the user (an LDAP realm may normalise the name).
        for (Principal p : subject.getPrincipals()) {
            if (p instanceof UserPrincipal) {
                return Optional.of(p.getName());
            }
        }
        return Optional.of(user);
    }

    /** The username as it may go into a log line: control characters (a forged line break) replaced. */
    private static String printable(String s) {
        return s.replaceAll("\\p{Cntrl}", "?");
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
