package org.sightline.web.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Principal;
import java.util.Base64;
import java.util.HashSet;
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
import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.sightline.api.Permissions;
import org.sightline.api.Viewer;
import org.sightline.core.CustomerDirectory;
import org.sightline.core.TokenService;

/**
 * Turns a request's credentials into a {@link Viewer}: HTTP Basic checked against a Karaf JAAS realm
 * (so operators can point it at LDAP), or a bearer token from the {@link TokenService}. Successful Basic
 * logins are remembered for a minute by a hash of the credentials, so the realm is not asked on every
 * request.
 */
final class Authenticator {
    private static final long CACHE_NANOS = 60_000_000_000L;
    private record Cached(Viewer viewer, long until) {
    }

    private final String realm;
    private final TokenService tokens;
    private final CustomerDirectory customers;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    Authenticator(String realm, TokenService tokens, CustomerDirectory customers) {
        this.realm = realm;
        this.tokens = tokens;
        this.customers = customers;
    }

    /** The viewer of a Basic {@code Authorization} header's credentials, if the realm accepts them. */
    Optional<Viewer> basic(String encoded) {
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
        Cached c = cache.get(key);
        long now = System.nanoTime();
        if (c != null && now - c.until < 0) {
            return Optional.of(c.viewer);
        }
        String user = decoded.substring(0, colon);
        char[] password = decoded.substring(colon + 1).toCharArray();
        Optional<Viewer> viewer = login(user, password);
        viewer.ifPresent(v -> {
            if (cache.size() > 10_000) {
                cache.clear();
            }
            cache.put(key, new Cached(v, now + CACHE_NANOS));
        });
        return viewer;
    }

    /** The viewer of a bearer token, with the permissions of its scope. */
    Optional<Viewer> bearer(String token) {
        return tokens.authenticate(token.trim()).map(g -> TokenService.SCOPE_INGEST.equals(g.scope())
                ? new Viewer("token:" + g.name(), g.partnerId(), Set.of("ingest"), Set.of(Permissions.INGEST))
                : new Viewer("token:" + g.name(), g.partnerId(), Set.of("read"),
                        Set.of(Permissions.CUSTOMER_READ, Permissions.USAGE_READ)));
    }

    private Optional<Viewer> login(String user, char[] password) {
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
        Set<String> roles = new HashSet<>();
        for (Principal p : subject.getPrincipals()) {
            if (p instanceof RolePrincipal) {
                roles.add(p.getName());
            }
        }
        Set<String> permissions = permissions(roles);
        if (permissions.isEmpty()) {
            return Optional.empty();
        }
        // Until partner staff accounts exist, realm users act for the first partner (the sample partner).
        long partner = customers.defaultPartner().orElse(-1L);
        return Optional.of(new Viewer(user, partner, roles, permissions));
    }

    /** The permissions the portal roles grant. */
    static Set<String> permissions(Set<String> roles) {
        Set<String> p = new HashSet<>();
        if (roles.contains("sightline-admin") || roles.contains("admin")) {
            p.addAll(Set.of(Permissions.CUSTOMER_READ, Permissions.CUSTOMER_ACT, Permissions.USAGE_READ, Permissions.ADMIN));
        }
        if (roles.contains("engineer")) {
            p.addAll(Set.of(Permissions.CUSTOMER_READ, Permissions.CUSTOMER_ACT, Permissions.USAGE_READ));
        }
        if (roles.contains("viewer")) {
            p.addAll(Set.of(Permissions.CUSTOMER_READ, Permissions.USAGE_READ));
        }
        return p;
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
