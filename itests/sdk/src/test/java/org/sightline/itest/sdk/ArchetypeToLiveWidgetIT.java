package org.sightline.itest.sdk;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.Test;
import org.sightline.itest.support.KarafServer;
import org.sightline.itest.support.Watchdog;

/**
 * A vendor with only the distribution: {@code archetype:generate} from the tarball's {@code sdk/repository} (through the
 * shipped {@code sdk/settings.xml}), {@code mvn install} of the generated module (its widget test runs on the test kit
 * as shipped), the jar dropped into {@code deploy/} of the running server, and the widget drawn on a subscribed
 * customer's dashboard. The vendor's Maven gets an empty local repository and, besides sdk/repository, only the
 * build's local repository as a {@code file://} mirror of everything else: no network, and no Sightline artifact
 * reaches it from anywhere but the distribution (the mirror serves no snapshots).
 */
public class ArchetypeToLiveWidgetIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PRODUCT = "acme-status";
    private static final String WIDGET = PRODUCT + ".overview";
    private static final String ADMIN = "ada";
    private static final String ADMIN_PASSWORD = "ada-secret";

    @Test
    public void archetypeToAWidgetOnARunningServer() throws Exception {
        Watchdog.startForCaller();
        Path work = Path.of(System.getProperty("work"));
        Path vendor = work.resolve("vendor");
        KarafServer.deleteTree(vendor);
        Files.createDirectories(vendor);
        long t0 = System.nanoTime();
        try (Server s = new Server(Path.of(System.getProperty("sightline.dist")), work.resolve("server"))) {
            // The server boots while the vendor generates and builds.
            CompletableFuture<Void> started = CompletableFuture.runAsync(() -> {
                try {
                    s.boot();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            Path global = vendor.resolve("global-settings.xml");
            Files.writeString(global, """
                    <settings>
                      <mirrors><mirror><id>build-cache</id><mirrorOf>*,!sightline-sdk</mirrorOf><url>%s</url></mirror></mirrors>
                    </settings>
                    """.formatted(Path.of(System.getProperty("maven.repo.local")).toUri()));
            List<String> mvn = List.of("mvn", "-B", "-gs", global.toString(), "-s", s.home.resolve("sdk/settings.xml").toString(),
                    "-Dmaven.repo.local=" + vendor.resolve("m2"));
            maven(s, vendor, vendor.resolve("generate.log"), mvn, "org.apache.maven.plugins:maven-archetype-plugin:3.2.1:generate",
                    "-DinteractiveMode=false", "-DarchetypeGroupId=org.sightline", "-DarchetypeArtifactId=sightline-product-archetype",
                    "-DarchetypeVersion=" + System.getProperty("sightline.version"), "-DgroupId=com.acme",
                    "-DartifactId=" + PRODUCT, "-Dversion=1.0.0", "-Dpackage=com.acme.status", "-DproductName=Acme Status");
            long generated = System.nanoTime();
            Path module = vendor.resolve(PRODUCT);
            maven(s, module, vendor.resolve("install.log"), mvn, "install");
            String install = Files.readString(vendor.resolve("install.log"));
            assertTrue("the widget test did not run:\n" + install, install.contains("Tests run: 2, Failures: 0, Errors: 0"));
            Path jar = module.resolve("target/" + PRODUCT + "-1.0.0.jar");
            assertTrue(Files.isRegularFile(jar));
            assertTrue(Files.isRegularFile(module.resolve("target/feature/feature.xml")));
            long built = System.nanoTime();

            started.get(240, TimeUnit.SECONDS);
            long booted = System.nanoTime();
            s.deploy(jar);
            s.awaitProduct(PRODUCT);
            long customer = s.customerId("SAMPLE-0001");
            String out = s.shell("sightline:subscribe " + customer + " " + PRODUCT + " active");
            JsonNode widget = s.awaitWidget(customer, WIDGET);
            long live = System.nanoTime();
            assertNotNull("no " + WIDGET + " on the dashboard; subscribe said: " + out, widget);
            assertEquals(widget.toString(), "SAMPLE-0001", widget.at("/view/tiles/0/value/value").asText());
            assertEquals(widget.toString(), "Acme Status at a glance", widget.path("title").asText());
            System.out.printf("[sdk] generate %d s, install %d s, server ready %d s after the start, widget live %d s after"
                            + " the drop; archetype to live widget %d s%n",
                    secs(generated - t0), secs(built - generated), secs(booted - t0), secs(live - booted), secs(live - t0));
        }
    }

    private static long secs(long nanos) {
        return TimeUnit.NANOSECONDS.toSeconds(nanos);
    }

    /** Runs the vendor's Maven in a folder within two minutes; fails with its log unless it exits with 0. */
    private static void maven(Server s, Path dir, Path log, List<String> mvn, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(mvn);
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("SIGHTLINE_HOME", s.home.toString());
        pb.environment().put("MAVEN_OPTS", "-Xmx384m");
        Process p = pb.start();
        if (!p.waitFor(150, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError("mvn " + String.join(" ", args) + " did not finish within 150 s:\n" + Files.readString(log));
        }
        assertEquals("mvn " + String.join(" ", args) + " failed:\n" + Files.readString(log), 0, p.exitValue());
    }

    /** The distribution with an operator who is admin of the sample partner. */
    static final class Server extends KarafServer {
        Server(Path tarball, Path work) throws IOException, InterruptedException {
            super(tarball, work, "sdk-shell", "sdk-shell-secret");
        }

        void boot() throws Exception {
            start("/api/v1/health/ready", Duration.ofSeconds(240));
            String out = shell("sightline:user-add --operator --password " + ADMIN_PASSWORD + " -d \"Ada Admin\" " + ADMIN + " admin");
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (System.nanoTime() < until) {
                if (getAsAdmin("/api/v1/customers?limit=1").statusCode() == 200) {
                    return;
                }
                Thread.sleep(500);
            }
            throw new IllegalStateException("the admin cannot sign in; sightline:user-add said: " + out);
        }

        HttpResponse<String> getAsAdmin(String path) throws IOException, InterruptedException {
            String basic = Base64.getEncoder().encodeToString((ADMIN + ":" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
            return http.send(HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(40))
                    .header("Authorization", "Basic " + basic).GET().build(), HttpResponse.BodyHandlers.ofString());
        }

        void awaitProduct(String id) throws Exception {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < until) {
                HttpResponse<String> r = getAsAdmin("/api/v1/products");
                if (r.statusCode() == 200 && r.body().contains("\"" + id + "\"")) {
                    return;
                }
                Thread.sleep(250);
            }
            throw new AssertionError("product " + id + " not deployed within 60 s of the drop into deploy/");
        }

        long customerId(String accountId) throws Exception {
            HttpResponse<String> r = getAsAdmin("/api/v1/customers?q=" + URLEncoder.encode(accountId, StandardCharsets.UTF_8));
            assertEquals(r.body(), 200, r.statusCode());
            for (JsonNode c : JSON.readTree(r.body()).get("items")) {
                if (accountId.equals(c.get("accountId").asText())) {
                    return c.get("id").asLong();
                }
            }
            throw new AssertionError("no customer " + accountId + " in " + r.body());
        }

        /** The widget as drawn on the customer's overview, once it has a view (within 60 s), or {@code null}. */
        JsonNode awaitWidget(long customer, String id) throws Exception {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (System.nanoTime() < until) {
                HttpResponse<String> r = getAsAdmin("/api/v1/customers/" + customer + "/dashboard");
                if (r.statusCode() == 200) {
                    for (JsonNode w : JSON.readTree(r.body()).path("widgets")) {
                        if (id.equals(w.path("id").asText()) && w.has("view")) {
                            return w;
                        }
                    }
                }
                Thread.sleep(250);
            }
            return null;
        }
    }
}
