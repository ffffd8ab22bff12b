package org.sightline.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * LDAP sign-in as the README sets it up: {@code etc/org.sightline.ldap.cfg} and {@code auth.realm =
 * sightline-ldap}, nothing else installed; against a real LDAP server started by the test (see
 * {@link LdapDirectory}). The directory's password signs in the portal user of that name; the portal's own
 * users (the {@code itest} admin) still sign in; a directory that never answers is 503 within the read
 * timeout and locks nobody out; each failure is one log line.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class LdapIT extends SightlineTestSupport {
    private static final int READ_TIMEOUT_MS = 2000;

    @Inject
    private BundleContext context;

    @Override
    @Configuration
    public Option[] config() {
        List<Option> o = new ArrayList<>(Arrays.asList(super.config()));
        String ldap = "ldap://127.0.0.1:" + LdapDirectory.port();
        o.add(editConfigurationFilePut("etc/org.sightline.ldap.cfg", "connection.url", ldap));
        o.add(editConfigurationFilePut("etc/org.sightline.ldap.cfg", "user.base.dn", LdapDirectory.PEOPLE));
        o.add(editConfigurationFilePut("etc/org.sightline.ldap.cfg", "user.filter", "(uid=%u)"));
        o.add(editConfigurationFilePut("etc/org.sightline.ldap.cfg", "read.timeout.ms", Integer.toString(READ_TIMEOUT_MS)));
        o.add(editConfigurationFilePut("etc/org.sightline.web.cfg", "auth.realm", "sightline-ldap"));
        o.add(systemProperty("itest.ldap.url").value(ldap));
        o.add(systemProperty("itest.ldap.silent.url").value("ldap://127.0.0.1:" + LdapDirectory.silentPort()));
        return o.toArray(new Option[0]);
    }

    /** A portal user whose password the directory checks. */
    private void external(String username, String role) throws Exception {
        ensureUser();
        if (staff.find(username).isEmpty()) {
            createUser(samplePartner(), username, role, null);
        }
    }

    private HttpResponse<String> signIn(String username, String password) throws Exception {
        return send(HttpRequest.newBuilder(uri("/api/v1/session")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}"))
                .build());
    }

    private HttpResponse<String> basicGet(String username, String password, String path) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8))).GET().build());
    }

    @Test
    public void theDirectorysPasswordSignsInAndAWrongOneDoesNot() throws Exception {
        external("lara", "engineer");
        HttpResponse<String> in = signIn("lara", "lara-ldap-pw");
        assertEquals(in.body(), 200, in.statusCode());
        assertEquals("lara", json(in).get("user").asText());
        assertEquals("engineer", json(in).at("/roles/0").asText());
        assertEquals(200, basicGet("lara", "lara-ldap-pw", "/api/v1/customers").statusCode());
        HttpResponse<String> wrong = signIn("lara", "not-the-password");
        assertProblem(wrong, 401);
        assertEquals("The username or password is not right.", json(wrong).get("detail").asText());
        assertProblem(basicGet("lara", "not-the-password", "/api/v1/customers"), 401);
    }

    @Test
    public void aDirectoryUserThePortalDoesNotKnowIsRefused() throws Exception {
        assertProblem(signIn("stranger", "stranger-ldap-pw"), 401);
    }

    @Test
    public void thePortalsOwnUsersStillSignIn() throws Exception {
        ensureUser();
        HttpResponse<String> in = signIn(USER, PASSWORD);
        assertEquals(in.body(), 200, in.statusCode());
        assertEquals(200, get("/api/v1/customers").statusCode());
    }

    @Test
    public void eachFailedSignInIsOneLogLineWithoutAStackTrace() throws Exception {
        external("wendy", "viewer");
        for (int i = 0; i < 3; i++) {
            assertProblem(signIn("wendy", "wrong-" + i), 401);
        }
        assertProblem(basicGet("wendy", "wrong-basic", "/api/v1/customers"), 401);
        assertEquals(200, signIn("wendy", "wendy-ldap-pw").statusCode());
        List<String> log = log();
        assertEquals(tail(log), 4, log.stream().filter(l -> l.contains("'wendy'")).count());
        assertEquals(tail(log), 4, log.stream().filter(l -> l.contains("Sign-in of 'wendy' from ")).count());
        assertEquals(0, log.stream().filter(l -> l.contains("at com.sun.jndi.ldap") || l.contains("AuthenticationException")).count());
    }

    private static List<String> log() throws Exception {
        return Files.readAllLines(Path.of(System.getProperty("karaf.log"), "karaf.log"), StandardCharsets.UTF_8);
    }

    private static String tail(List<String> log) {
        return String.join("\n", log.subList(Math.max(0, log.size() - 40), log.size()));
    }

    @Test
    public void aDirectoryThatNeverAnswersIs503WithinTheReadTimeoutAndLocksNobodyOut() throws Exception {
        external("sam", "engineer");
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        HttpResponse<String> before = signIn("sam", "sam-ldap-pw");
        assertEquals(before.body(), 200, before.statusCode());
        try {
            useDirectory(System.getProperty("itest.ldap.silent.url"));
            // More outage attempts than the lock-out allows (5).
            for (int i = 0; i < 6; i++) {
                long start = System.nanoTime();
                HttpResponse<String> r = signIn("sam", "sam-ldap-pw");
                long ms = (System.nanoTime() - start) / 1_000_000;
                assertProblem(r, 503);
                assertEquals("The sign-in directory is unavailable; try again later.", json(r).get("detail").asText());
                assertTrue(r.headers().firstValue("Retry-After").isPresent());
                assertTrue("took " + ms + " ms", ms < READ_TIMEOUT_MS + 2500);
            }
            assertProblem(basicGet("sam", "sam-ldap-pw", "/api/v1/customers"), 503);
            // A directory that refuses connections: as many attempts as the address throttle allows (20).
            useDirectory("ldap://127.0.0.1:" + closed);
            for (int i = 0; i < 21; i++) {
                assertProblem(signIn("sam", "sam-ldap-pw"), 503);
            }
            // The portal's own admin is not held up by the directory being down.
            assertEquals(200, signIn(USER, PASSWORD).statusCode());
        } finally {
            useDirectory(System.getProperty("itest.ldap.url"));
        }
        HttpResponse<String> back = signIn("sam", "sam-ldap-pw");
        assertEquals(back.body(), 200, back.statusCode());
        // One line per outage attempt (28), naming the cause; none of them a refused sign-in.
        List<String> log = log();
        assertEquals(tail(log), 28, log.stream().filter(l -> l.contains("LDAP sign-in of 'sam': the directory")).count());
        assertEquals(tail(log), 7, log.stream().filter(l -> l.contains("LDAP sign-in of 'sam'") && l.contains("read timed out")).count());
        assertEquals(tail(log), 0, log.stream().filter(l -> l.contains("Sign-in of 'sam' from ")).count());
    }

    /**
     * Points the realm at another directory, as an operator would: by editing {@code etc/org.sightline.ldap.cfg}.
     * Waits until the realm made from the new configuration is registered.
     */
    private void useDirectory(String url) throws Exception {
        Object before = realmId();
        Path cfg = Path.of(System.getProperty("karaf.etc"), "org.sightline.ldap.cfg");
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(cfg, StandardCharsets.UTF_8)) {
            lines.add(line.startsWith("connection.url") ? "connection.url = " + url : line);
        }
        Files.write(cfg, lines, StandardCharsets.UTF_8);
        long until = System.nanoTime() + 20_000_000_000L;
        while (System.nanoTime() < until) {
            Object now = realmId();
            if (now != null && !now.equals(before)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the sightline-ldap realm was not re-registered for " + url);
    }

    private Object realmId() throws Exception {
        ServiceReference<?>[] refs = context.getServiceReferences("org.apache.karaf.jaas.config.JaasRealm",
                "(org.sightline.realm=sightline-ldap)");
        return refs == null ? null : refs[0].getProperty("service.id");
    }
}
