package org.sightline.web.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.lang.annotation.Annotation;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;

import org.apache.karaf.jaas.boot.ProxyLoginModule;
import org.apache.karaf.jaas.config.JaasRealm;
import org.junit.After;
import org.junit.AfterClass;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.sightline.core.SignInGuard;
import org.sightline.core.StaffDirectory;
import org.sightline.core.StaffUser;
import org.sightline.core.TokenService;
import org.sightline.web.internal.auth.DirectoryUnavailableException;
import org.sightline.web.internal.auth.LdapRealm;

/**
 * Sign-in through the {@code sightline-ldap} realm as {@code etc/org.sightline.ldap.cfg} makes it, against a
 * real LDAP server (an in-memory directory on a loopback port): the directory's password, portal-only users
 * through the chain, and a directory that is down or never answers: 503, not a failed attempt.
 */
public class LdapSignInTest {
    private static InMemoryDirectoryServer directory;
    private static ServerSocket silent;
    private static final List<Socket> held = new CopyOnWriteArrayList<>();
    private final StaffDirectory staff = mock(StaffDirectory.class);
    private final SignInGuard guard = mock(SignInGuard.class);
    private final Map<String, StaffUser> users = new HashMap<>();
    private Configuration previous;

    @BeforeClass
    public static void startDirectory() throws Exception {
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig("dc=example,dc=com");
        config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap", InetAddress.getLoopbackAddress(), 0, null));
        directory = new InMemoryDirectoryServer(config);
        directory.add("dn: dc=example,dc=com", "objectClass: top", "objectClass: domain", "dc: example");
        directory.add("dn: ou=people,dc=example,dc=com", "objectClass: top", "objectClass: organizationalUnit", "ou: people");
        for (String uid : List.of("lara", "stranger")) {
            directory.add("dn: uid=" + uid + ",ou=people,dc=example,dc=com", "objectClass: top", "objectClass: person",
                    "objectClass: organizationalPerson", "objectClass: inetOrgPerson", "uid: " + uid, "cn: " + uid, "sn: " + uid,
                    "userPassword: " + uid + "-ldap-pw");
        }
        directory.startListening();
        // A directory that accepts connections and never answers.
        silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            while (!silent.isClosed()) {
                try {
                    held.add(silent.accept());
                } catch (Exception e) {
                    return;
                }
            }
        }, "silent-directory");
        t.setDaemon(true);
        t.start();
    }

    @AfterClass
    public static void stopDirectory() throws Exception {
        directory.shutDown(true);
        silent.close();
        for (Socket s : held) {
            s.close();
        }
    }

    @Before
    public void setUp() {
        users.put("lara", new StaffUser(1, 1, "P", false, "lara", "Lara", "engineer", true, false, false, 0));
        users.put("admin", new StaffUser(2, 1, "P", false, "admin", "Admin", "admin", true, true, false, 0));
        when(staff.find(anyString())).thenAnswer(i -> Optional.ofNullable(users.get((String) i.getArgument(0))));
        when(staff.checkPassword(anyString(), any())).thenAnswer(i -> "admin".equals(i.getArgument(0))
                && Arrays.equals("admin-portal-pw".toCharArray(), (char[]) i.getArgument(1)) ? Optional.of(users.get("admin")) : Optional.empty());
        previous = Configuration.getConfiguration();
    }

    @After
    public void tearDown() {
        Configuration.setConfiguration(previous);
    }

    /** An Authenticator on the realm that the given configuration makes; the realm's modules loaded directly. */
    private Authenticator realm(int port, boolean fallback) {
        Map<String, Object> props = new HashMap<>();
        props.put("connection.url", "ldap://127.0.0.1:" + port);
        props.put("user.base.dn", "ou=people,dc=example,dc=com");
        props.put("read.timeout.ms", 1500);
        props.put("portal.fallback", fallback);
        BundleContext context = mock(BundleContext.class);
        Bundle bundle = mock(Bundle.class);
        when(context.getBundle()).thenReturn(bundle);
        JaasRealm realm = new LdapRealm(staff, context, config(props), props);
        List<AppConfigurationEntry> entries = new ArrayList<>();
        for (AppConfigurationEntry e : realm.getEntries()) {
            // Outside OSGi: the module named in the proxy's options, with the same flag and options.
            entries.add(new AppConfigurationEntry((String) e.getOptions().get(ProxyLoginModule.PROPERTY_MODULE),
                    e.getControlFlag(), e.getOptions()));
        }
        Configuration.setConfiguration(new Configuration() {
            @Override
            public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
                return LdapRealm.NAME.equals(name) ? entries.toArray(new AppConfigurationEntry[0]) : null;
            }
        });
        return new Authenticator(LdapRealm.NAME, mock(TokenService.class), staff, guard, new org.sightline.core.internal.cache.CacheDirectory());
    }

    private Optional<StaffUser> signIn(Authenticator auth, String user, String password) {
        return auth.signIn(user, password.toCharArray(), "10.0.0.1", "password");
    }

    @Test
    public void theDirectorysPasswordSignsInThePortalUserOfThatName() {
        Authenticator auth = realm(directory.getListenPort(), true);
        assertEquals("engineer", signIn(auth, "lara", "lara-ldap-pw").orElseThrow().role());
        verify(guard).succeeded(users.get("lara"), "10.0.0.1", "password");
    }

    @Test
    public void aWrongPasswordIsRefusedAndCounted() {
        Authenticator auth = realm(directory.getListenPort(), true);
        assertTrue(signIn(auth, "lara", "wrong").isEmpty());
        verify(guard).failed("lara", "10.0.0.1", "password");
    }

    @Test
    public void aDirectoryUserThePortalDoesNotKnowIsRefused() {
        Authenticator auth = realm(directory.getListenPort(), true);
        assertTrue(signIn(auth, "stranger", "stranger-ldap-pw").isEmpty());
        verify(guard).failed("stranger", "10.0.0.1", "password: no enabled portal user");
    }

    @Test
    public void aFilterInTheUsernameMatchesNobody() {
        Authenticator auth = realm(directory.getListenPort(), true);
        assertTrue(signIn(auth, "*", "lara-ldap-pw").isEmpty());
        assertTrue(signIn(auth, "lara)(uid=*", "lara-ldap-pw").isEmpty());
    }

    @Test
    public void thePortalAdminStillSignsInThroughTheChainButNotWithoutIt() {
        assertEquals("admin", signIn(realm(directory.getListenPort(), true), "admin", "admin-portal-pw").orElseThrow().username());
        assertTrue(signIn(realm(directory.getListenPort(), false), "admin", "admin-portal-pw").isEmpty());
    }

    @Test
    public void thePortalAdminSignsInWhileTheDirectoryIsDown() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        assertTrue(signIn(realm(closed, true), "admin", "admin-portal-pw").isPresent());
    }

    @Test
    public void aPortalUsersWrongPasswordCountsEvenWhileTheDirectoryIsDown() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        assertTrue(signIn(realm(closed, true), "admin", "guess").isEmpty());
        verify(guard).failed("admin", "10.0.0.1", "password");
    }

    @Test
    public void aDirectoryThatRefusesConnectionsIsUnavailableAndNotAFailedAttempt() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        Authenticator auth = realm(closed, true);
        try {
            signIn(auth, "lara", "lara-ldap-pw");
            fail("expected 503");
        } catch (DirectoryUnavailableException e) {
            assertEquals(503, e.status());
        }
        verify(guard, never()).failed(anyString(), any(), any());
    }

    @Test
    public void aDirectoryThatNeverAnswersIsUnavailableWithinTheReadTimeout() {
        Authenticator auth = realm(silent.getLocalPort(), true);
        long start = System.nanoTime();
        try {
            signIn(auth, "lara", "lara-ldap-pw");
            fail("expected 503");
        } catch (DirectoryUnavailableException e) {
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertTrue("took " + ms + " ms", ms >= 1400 && ms < 2900);
        }
        verify(guard, never()).failed(anyString(), any(), any());
        verify(guard).check("lara", "10.0.0.1");
    }

    @Test
    public void anEmptyPasswordIsNeverAnAnonymousBind() {
        Authenticator auth = realm(directory.getListenPort(), false);
        assertFalse(auth.signIn("lara", new char[] {' '}, "10.0.0.1", "password").isPresent());
    }

    /** The configuration a cfg file with these keys gives (defaults from the annotation for the rest). */
    private static LdapRealm.Config config(Map<String, Object> p) {
        return new LdapRealm.Config() {
            @Override public Class<? extends Annotation> annotationType() { return LdapRealm.Config.class; }
            @Override public String connection_url() { return (String) p.get("connection.url"); }
            @Override public String connection_username() { return ""; }
            @Override public String connection_password() { return ""; }
            @Override public String user_base_dn() { return (String) p.get("user.base.dn"); }
            @Override public String user_filter() { return "(uid=%u)"; }
            @Override public boolean user_search_subtree() { return true; }
            @Override public String authentication() { return "simple"; }
            @Override public int connect_timeout_ms() { return 3000; }
            @Override public int read_timeout_ms() { return (Integer) p.get("read.timeout.ms"); }
            @Override public boolean portal_fallback() { return (Boolean) p.get("portal.fallback"); }
        };
    }
}
