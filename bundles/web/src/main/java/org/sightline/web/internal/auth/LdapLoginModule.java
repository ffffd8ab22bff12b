package org.sightline.web.internal.auth;

import java.io.IOException;
import java.security.Principal;
import java.util.Hashtable;
import java.util.Map;

import javax.naming.AuthenticationException;
import javax.naming.Context;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.NoPermissionException;
import javax.naming.OperationNotSupportedException;
import javax.naming.PartialResultException;
import javax.naming.SizeLimitExceededException;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;
import javax.naming.directory.SearchControls;
import javax.naming.directory.SearchResult;
import javax.security.auth.Subject;
import javax.security.auth.callback.Callback;
import javax.security.auth.callback.CallbackHandler;
import javax.security.auth.callback.NameCallback;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.security.auth.login.FailedLoginException;
import javax.security.auth.login.LoginException;
import javax.security.auth.spi.LoginModule;

import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A JAAS login module that checks a password against an LDAP directory, with the option names of Karaf's
 * {@code LDAPLoginModule}: it searches the user's entry ({@code user.base.dn}, {@code user.filter} with
 * {@code %u}, {@code user.search.subtree}; as {@code connection.username} or anonymously), then binds as that
 * entry with the password. Every {@code context.*} option goes into the JNDI environment without its prefix
 * (the JNDI connect and read timeouts among them). A refusal is logged at DEBUG (the caller logs the failed
 * sign-in once); a directory that cannot be asked at WARN, one line with the cause.
 *
 * <p>Unlike Karaf's module it opens one connection per sign-in (no shared, synchronised context that makes a
 * stalled directory queue every sign-in behind one another), tells a refused password
 * ({@link FailedLoginException}) from a directory that could not be asked
 * ({@link DirectoryUnavailableLoginException}), and logs no stack traces.
 * Empty passwords are refused before the directory is asked (a simple bind with an empty password is an
 * anonymous bind, which a directory accepts).
 */
public class LdapLoginModule implements LoginModule {
    static final String CONNECTION_URL = "connection.url";
    static final String CONNECTION_USERNAME = "connection.username";
    static final String CONNECTION_PASSWORD = "connection.password";
    static final String USER_BASE_DN = "user.base.dn";
    static final String USER_FILTER = "user.filter";
    static final String USER_SEARCH_SUBTREE = "user.search.subtree";
    static final String AUTHENTICATION = "authentication";
    static final String CONTEXT_PREFIX = "context.";
    static final String READ_TIMEOUT = "com.sun.jndi.ldap.read.timeout";
    private static final Logger LOG = LoggerFactory.getLogger(LdapLoginModule.class);

    private Subject subject;
    private CallbackHandler handler;
    private Map<String, ?> options;
    private String user;
    private Principal principal;

    @Override
    public void initialize(Subject subject, CallbackHandler handler, Map<String, ?> sharedState, Map<String, ?> options) {
        this.subject = subject;
        this.handler = handler;
        this.options = options;
    }

    @Override
    public boolean login() throws LoginException {
        NameCallback name = new NameCallback("Username: ");
        PasswordCallback password = new PasswordCallback("Password: ", false);
        try {
            handler.handle(new Callback[] {name, password});
        } catch (IOException | UnsupportedCallbackException e) {
            throw new LoginException("cannot read the credentials: " + e.getMessage());
        }
        String username = name.getName();
        char[] pw = password.getPassword();
        password.clearPassword();
        if (username == null || username.isBlank() || pw == null || pw.length == 0) {
            throw new FailedLoginException("no username or password");
        }
        String url = option(CONNECTION_URL);
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        // JNDI loads its LDAP context factory (a JDK class) through the context class loader.
        Thread.currentThread().setContextClassLoader(ClassLoader.getPlatformClassLoader());
        try {
            String dn = find(username, url);
            bind(username, dn, pw, url);
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
            java.util.Arrays.fill(pw, '\0');
        }
        user = username;
        return true;
    }

    /** The DN of the user's entry; searched as the service account, or anonymously. */
    private String find(String username, String url) throws LoginException {
        Hashtable<String, Object> env = environment();
        String account = option(CONNECTION_USERNAME);
        if (account != null && !account.isBlank()) {
            env.put(Context.SECURITY_AUTHENTICATION, authentication());
            env.put(Context.SECURITY_PRINCIPAL, account);
            env.put(Context.SECURITY_CREDENTIALS, String.valueOf(option(CONNECTION_PASSWORD)));
        }
        DirContext context = null;
        try {
            context = new InitialDirContext(env);
            SearchControls controls = new SearchControls();
            controls.setSearchScope("false".equalsIgnoreCase(option(USER_SEARCH_SUBTREE))
                    ? SearchControls.ONELEVEL_SCOPE : SearchControls.SUBTREE_SCOPE);
            controls.setCountLimit(2);
            controls.setReturningAttributes(new String[0]);
            String filter = String.valueOf(option(USER_FILTER)).replace("%u", "{0}");
            // The username goes in as a filter argument, which JNDI escapes (RFC 4515): no filter injection.
            NamingEnumeration<SearchResult> found = context.search(String.valueOf(option(USER_BASE_DN)), filter,
                    new Object[] {username}, controls);
            try {
                if (!hasMore(found)) {
                    LOG.debug("LDAP sign-in of '{}' refused: no such user in {}", username, url);
                    throw new FailedLoginException("unknown user");
                }
                String dn = found.next().getNameInNamespace();
                if (hasMore(found)) {
                    throw new SizeLimitExceededException();
                }
                return dn;
            } finally {
                found.close();
            }
        } catch (SizeLimitExceededException e) {
            LOG.warn("LDAP sign-in of '{}' refused: the user filter matches more than one entry in {}", username, url);
            throw new FailedLoginException("ambiguous user");
        } catch (NamingException e) {
            throw unavailable(username, url, "searching the user", e);
        } finally {
            close(context);
        }
    }

    /**
     * Whether more entries follow. A referral the search did not follow (Active Directory answers a search from
     * the domain root with some) ends the results; it does not mean the directory is unavailable.
     */
    private static boolean hasMore(NamingEnumeration<SearchResult> found) throws NamingException {
        try {
            return found.hasMore();
        } catch (PartialResultException e) {
            return false;
        }
    }

    /** Binds as the user's entry with the password. */
    private void bind(String username, String dn, char[] pw, String url) throws LoginException {
        Hashtable<String, Object> env = environment();
        env.put(Context.SECURITY_AUTHENTICATION, authentication());
        env.put(Context.SECURITY_PRINCIPAL, dn);
        env.put(Context.SECURITY_CREDENTIALS, new String(pw));
        DirContext context = null;
        try {
            context = new InitialDirContext(env);
        } catch (AuthenticationException | NoPermissionException | OperationNotSupportedException e) {
            // The directory answered, and said no (49 invalid credentials, 50, 53 such as a locked account).
            LOG.debug("LDAP sign-in of '{}' refused by {}: {}", username, url, e.getMessage());
            throw new FailedLoginException("wrong username or password");
        } catch (NamingException e) {
            throw unavailable(username, url, "checking the password", e);
        } finally {
            close(context);
        }
    }

    private static DirectoryUnavailableLoginException unavailable(String username, String url, String doing, NamingException e) {
        String why = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        if (e.getRootCause() != null && e.getRootCause().getMessage() != null) {
            why = why + " (" + e.getRootCause().getMessage() + ")";
        }
        LOG.warn("LDAP sign-in of '{}': the directory {} is unavailable while {}: {}", username, url, doing, why);
        return new DirectoryUnavailableLoginException("the directory is unavailable", e);
    }

    private Hashtable<String, Object> environment() {
        Hashtable<String, Object> env = new Hashtable<>();
        env.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.ldap.LdapCtxFactory");
        env.put(Context.PROVIDER_URL, String.valueOf(option(CONNECTION_URL)));
        env.put(Context.REFERRAL, "ignore");
        // LDAP v3 only: otherwise JNDI retries a timed-out bind as v2, which doubles the wait on a stalled directory.
        env.put("java.naming.ldap.version", "3");
        for (Map.Entry<String, ?> e : options.entrySet()) {
            if (e.getKey().startsWith(CONTEXT_PREFIX) && e.getValue() != null) {
                env.put(e.getKey().substring(CONTEXT_PREFIX.length()), e.getValue().toString());
            }
        }
        return env;
    }

    private String authentication() {
        String a = option(AUTHENTICATION);
        // "none" would let any password through: the bind always authenticates.
        return a == null || a.isBlank() || "none".equalsIgnoreCase(a) ? "simple" : a;
    }

    private String option(String key) {
        Object v = options.get(key);
        return v == null ? null : v.toString().trim();
    }

    private static void close(DirContext context) {
        if (context != null) {
            try {
                context.close();
            } catch (NamingException e) {
                // nothing to do: the connection is gone either way
            }
        }
    }

    @Override
    public boolean commit() {
        if (user == null) {
            return false;
        }
        principal = new UserPrincipal(user);
        subject.getPrincipals().add(principal);
        return true;
    }

    @Override
    public boolean abort() {
        logout();
        return true;
    }

    @Override
    public boolean logout() {
        if (principal != null) {
            subject.getPrincipals().remove(principal);
        }
        principal = null;
        user = null;
        return true;
    }
}
