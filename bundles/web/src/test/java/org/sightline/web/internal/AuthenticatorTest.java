package org.sightline.web.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.sightline.api.Permissions;
import org.sightline.api.Viewer;
import org.sightline.core.SignInGuard;
import org.sightline.core.StaffDirectory;
import org.sightline.core.StaffUser;
import org.sightline.core.TokenService;
import org.sightline.web.internal.auth.PortalLoginModule;

/**
 * HTTP Basic through the real JAAS login module: a remembered login saves the password hash on later
 * requests, but stops at once when the user is disabled or changes password, and follows the operator flag.
 */
public class AuthenticatorTest {
    private final AtomicInteger passwordChecks = new AtomicInteger();
    private volatile StaffUser eve = user(true, false, 0);
    private volatile String password = "eve-secret-1";
    private Configuration previous;
    private Authenticator auth;

    private static StaffUser user(boolean enabled, boolean operator, long version) {
        return new StaffUser(7, 1, "Partner", false, "eve", "Eve", "admin", enabled, true, operator, version);
    }

    @Before
    public void setUp() {
        StaffDirectory staff = mock(StaffDirectory.class);
        when(staff.find(anyString())).thenAnswer(i -> "eve".equals(i.getArgument(0)) ? Optional.of(eve) : Optional.empty());
        when(staff.checkPassword(anyString(), any())).thenAnswer(i -> {
            passwordChecks.incrementAndGet();
            boolean ok = "eve".equals(i.getArgument(0)) && Arrays.equals(password.toCharArray(), (char[]) i.getArgument(1));
            return ok && eve.enabled() ? Optional.of(eve) : Optional.empty();
        });
        previous = Configuration.getConfiguration();
        Configuration.setConfiguration(new Configuration() {
            @Override
            public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
                return "test-realm".equals(name) ? new AppConfigurationEntry[] {new AppConfigurationEntry(
                        PortalLoginModule.class.getName(), AppConfigurationEntry.LoginModuleControlFlag.REQUIRED,
                        Map.of("sightline.staff", staff))} : null;
            }
        });
        auth = new Authenticator("test-realm", mock(TokenService.class), staff, mock(SignInGuard.class), new org.sightline.core.internal.cache.CacheDirectory());
    }

    @After
    public void tearDown() {
        Configuration.setConfiguration(previous);
    }

    private Optional<Viewer> basic(String pw) {
        return auth.basic(Base64.getEncoder().encodeToString(("eve:" + pw).getBytes(StandardCharsets.UTF_8)), "127.0.0.1");
    }

    @Test
    public void aRememberedLoginIsNotHashedAgain() {
        assertTrue(basic("eve-secret-1").isPresent());
        assertTrue(basic("eve-secret-1").isPresent());
        assertTrue(basic("eve-secret-1").isPresent());
        assertEquals(1, passwordChecks.get());
        assertTrue(basic("wrong-secret-1").isEmpty());
    }

    @Test
    public void aDisabledUsersRememberedCredentialsStopOnTheNextRequest() {
        assertTrue(basic("eve-secret-1").isPresent());
        eve = user(false, false, 1);
        assertTrue(basic("eve-secret-1").isEmpty());
        eve = user(true, false, 2);
        assertTrue(basic("eve-secret-1").isPresent());
    }

    @Test
    public void theOldPasswordStopsOnTheNextRequestAfterAChange() {
        assertTrue(basic("eve-secret-1").isPresent());
        password = "eve-secret-2";
        eve = user(true, false, 1);
        assertTrue(basic("eve-secret-1").isEmpty());
        assertTrue(basic("eve-secret-2").isPresent());
    }

    @Test
    public void theNextRequestSeesTheOperatorFlagAsItIsNow() {
        assertFalse(basic("eve-secret-1").orElseThrow().can(Permissions.ADMIN));
        eve = user(true, true, 1);
        assertTrue(basic("eve-secret-1").orElseThrow().can(Permissions.ADMIN));
        eve = user(true, false, 2);
        assertFalse(basic("eve-secret-1").orElseThrow().can(Permissions.ADMIN));
    }
}
