package org.sightline.itest.drills;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.Assume;
import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Database outage drill (PostgreSQL): the distribution runs on a throwaway cluster that the drill stops and starts.
 * While it is down, an API request is answered 503 problem+json with Retry-After within the pool's connection
 * timeout (5 s, not Hikari's 30 s), liveness stays 200 and fast, readiness is 503; after the database is back,
 * requests succeed again without a restart. Needs the Debian PostgreSQL server binaries; it runs where
 * SIGHTLINE_TEST_PG_URL is set (as ./test does), else it is skipped with a loud line.
 */
public class OutageDrillIT {
    /** What a user may wait for a 503 while the database is down: the 5 s pool timeout and slack for a busy machine. */
    private static final long MAX_OUTAGE_ANSWER_MS = 9_000;

    @Test
    public void aDatabaseOutageIsAnswered503QuicklyAndRecoveredFromWithoutARestart() throws Exception {
        if (Pg.testUrl().isEmpty()) {
            Drill.loud("SIGHTLINE_TEST_PG_URL is not set: the PostgreSQL outage drill is SKIPPED (./test sets it)");
        }
        Assume.assumeTrue("SIGHTLINE_TEST_PG_URL is not set", Pg.testUrl().isPresent());
        try (Pg.Cluster pg = new Pg.Cluster(); Server s = Drill.serverWithProducts("outage", pg.database())) {
            assertEquals(200, s.getAsAdmin("/api/v1/customers?limit=5").statusCode());

            pg.stop();
            long down = System.nanoTime();
            Drill.say("PostgreSQL stopped (immediate)");

            // one request at a time
            for (int i = 0; i < 3; i++) {
                long t0 = System.nanoTime();
                HttpResponse<String> r = s.getAsAdmin("/api/v1/customers?limit=5");
                long ms = ms(t0);
                Drill.say("outage: GET /api/v1/customers -> " + r.statusCode() + " in " + ms + " ms");
                assertUnavailable(r, ms);
            }
            // many at once: none waits much longer than one (no request holds another's worker)
            ExecutorService pool = Executors.newFixedThreadPool(12);
            try {
                List<Future<long[]>> answers = new ArrayList<>();
                for (int i = 0; i < 12; i++) {
                    answers.add(pool.submit(() -> {
                        long t0 = System.nanoTime();
                        HttpResponse<String> r = s.getAsAdmin("/api/v1/customers?limit=5");
                        long ms = ms(t0);
                        assertUnavailable(r, ms);
                        return new long[] {r.statusCode(), ms};
                    }));
                }
                long worst = 0;
                for (Future<long[]> f : answers) {
                    worst = Math.max(worst, f.get(60, TimeUnit.SECONDS)[1]);
                }
                Drill.say("outage: 12 concurrent GET /api/v1/customers -> all 503, slowest " + worst + " ms");
            } finally {
                pool.shutdownNow();
            }
            long t0 = System.nanoTime();
            HttpResponse<String> live = s.get("/api/v1/health");
            long liveMs = ms(t0);
            Drill.say("outage: GET /api/v1/health -> " + live.statusCode() + " in " + liveMs + " ms");
            assertEquals(live.body(), 200, live.statusCode());
            assertTrue("liveness answers at once during the outage: " + liveMs + " ms", liveMs < 2_000);
            HttpResponse<String> ready = await(s, "/api/v1/health/ready", 503, 20);
            Drill.say("outage: GET /api/v1/health/ready -> " + ready.statusCode() + " " + ready.body());
            assertTrue(ready.headers().firstValue("Content-Type").orElse(""), ready.headers().firstValue("Content-Type").orElse("")
                    .startsWith("application/problem+json"));
            assertEquals(ready.body(), "down", Drill.json(ready).path("checks").path("database").asText());
            assertTrue("Retry-After on readiness", ready.headers().firstValue("Retry-After").isPresent());

            pg.start();
            long up = System.nanoTime();
            Drill.say("PostgreSQL started again after " + (up - down) / 1_000_000 + " ms down");
            HttpResponse<String> back = await(s, "/api/v1/customers?limit=5", 200, 60);
            Drill.say("recovered: GET /api/v1/customers -> 200 " + ms(up) + " ms after the database came back");
            assertTrue(back.body(), Drill.json(back).path("items").size() > 0);
            HttpResponse<String> readyAgain = await(s, "/api/v1/health/ready", 200, 20);
            assertEquals(readyAgain.body(), "up", Drill.json(readyAgain).path("checks").path("database").asText());
            Drill.say("recovered: GET /api/v1/health/ready -> 200 " + ms(up) + " ms after the database came back");
        }
    }

    private static void assertUnavailable(HttpResponse<String> r, long ms) throws Exception {
        assertEquals(r.body(), 503, r.statusCode());
        String type = r.headers().firstValue("Content-Type").orElse("");
        assertTrue(type, type.startsWith("application/problem+json"));
        assertTrue("Retry-After on a 503", r.headers().firstValue("Retry-After").isPresent());
        JsonNode p = Drill.json(r);
        assertEquals(r.body(), "The database is unavailable.", p.path("detail").asText());
        assertTrue("answered within the pool's connection timeout, not Hikari's 30 s: " + ms + " ms", ms < MAX_OUTAGE_ANSWER_MS);
    }

    /** Polls a path (as the admin) until it answers the status, for at most the given seconds. */
    private static HttpResponse<String> await(Server s, String path, int status, int seconds) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        HttpResponse<String> r = s.getAsAdmin(path);
        while (r.statusCode() != status && System.nanoTime() < until) {
            Thread.sleep(250);
            r = s.getAsAdmin(path);
        }
        assertEquals(path + ": " + r.body(), status, r.statusCode());
        return r;
    }

    private static long ms(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
