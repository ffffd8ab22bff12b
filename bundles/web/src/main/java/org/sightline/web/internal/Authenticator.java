package org.sightline.web.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Principal;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import javax.security.auth.Subject;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;

import org.apache.karaf.jaas.boot.ProxyLoginModule;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.sightline.api.Permissions;
import org.sightline.api.Viewer;
import org.sightline.core.Roles;
import org.sightline.core.SignInGuard;
import org.sightline.core.StaffDirectory;
import org.sightline.core.StaffUser;
import org.sightline.core.TokenService;

/**
 * Turns credentials into a {@link StaffUser} or {@link Viewer}: a username and password checked against
 * a Karaf JAAS realm (so operators can point it at LDAP) and then mapped to the portal user of that name,
 * which gives the partner and role; or a bearer token from the {@link TokenService}. Failed attempts are
 * throttled per user and per address by the {@link SignInGuard}. Successful Basic logins are remembered
 * for a minute by a hash of the credentials, so the realm is not asked on every request.
 */
final class Authenticator {
    private static final long CACHE_NANOS = 60_000_000_000L;
    private record Cached(Viewer viewer, long until) {
    }

    private final String realm;
    private final TokenService tokens;
    private final StaffDirectory staff;
    private final SignInGuard guard;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private final Map<String, Object> signInLocks = new ConcurrentHashMap<>();

    Authenticator(String realm, TokenService tokens, StaffDirectory staff, SignInGuard guard) {
        this.realm = realm;
        this.tokens = tokens;
        this.staff = staff;
        this.guard = guard;
    }

    /**
     * The viewer of a Basic {@code Authorization} header's credentials, if the realm accepts them.
     *
     * @throws org.sightline.core.TooManyRequestsException while the user or address is throttled
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
        Cached c = fresh(key);
        if (c != null) {
            return Optional.of(c.viewer);
        }
        // One password check per credentials at a time: when an entry expires under load, the other
        // requests with the same credentials wait for it instead of all running the hash at once.
        synchronized (signInLocks.computeIfAbsent(key, k -> new Object())) {
            c = fresh(key);
            if (c != null) {
                return Optional.of(c.viewer);
            }
            String user = decoded.substring(0, colon);
            char[] password = decoded.substring(colon + 1).toCharArray();
            Optional<Viewer> viewer = signIn(user, password, address, "basic").map(StaffUser::viewer);
            viewer.ifPresent(v -> {
                if (cache.size() > 10_000) {
                    cache.clear();
                    signInLocks.clear();
                }
                cache.put(key, new Cached(v, System.nanoTime() + CACHE_NANOS));
            });
            return viewer;
        }
    }

    private Cached fresh(String key) {
        Cached c = cache.get(key);
        return c != null && System.nanoTime() - c.until < 0 ? c : null;
    }

    /** The viewer of a bearer token, with the permissions of its scope. */
    Optional<Viewer> bearer(String token) {
        return tokens.authenticate(token.trim()).map(g -> TokenService.SCOPE_INGEST.equals(g.scope())
                ? new Viewer("token:" + g.name(), g.partnerId(), Set.of(Roles.TOKEN_INGEST), Set.of(Permissions.INGEST))
                : new Viewer("token:" + g.name(), g.partnerId(), Set.of(Roles.TOKEN_READ),
                        Set.of(Permissions.CUSTOMER_READ, Permissions.USAGE_READ)));
    }

    /**
     * Signs a user in: throttle check, the realm's password check, then the enabled portal user of that
     * name. Every outcome is audited by the guard.
     *
     * @param how how the credentials came ({@code basic}, {@code password} for the web page)
     * @throws org.sightline.core.TooManyRequestsException while the user or address is throttled
     */
    Optional<StaffUser> signIn(String user, char[] password, String address, String how) {
        if (user == null || user.isBlank() || user.length() > 100 || password == null || password.length == 0
                || password.length > 200) {
            guard.failed(user == null ? "" : user.length() > 100 ? user.substring(0, 100) : user, address, how);
            return Optional.empty();
        }
        guard.check(user, address);
        Optional<String> name = realmLogin(user, password);
        Optional<StaffUser> u = name.flatMap(staff::find).filter(StaffUser::enabled);
        if (u.isEmpty()) {
            guard.failed(user, address, name.isPresent() ? how + ": no enabled portal user" : how);
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

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
