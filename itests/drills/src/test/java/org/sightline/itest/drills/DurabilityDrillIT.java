package org.sightline.itest.drills;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.Assume;
import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Durability drill: SMS records are ingested in NDJSON batches in a loop while the server's JVM is killed with
 * SIGKILL; after a restart every record that was acknowledged with 202 is in the customer's SMS log (and in its
 * volume KPI). Records are dated in January 2001, where the sample data has none, so the log holds only the
 * drill's records. Odd rounds kill right after an acknowledgement, even rounds at a random moment. On H2 (the default database) and on PostgreSQL when SIGHTLINE_TEST_PG_URL is set.
 */
public class DurabilityDrillIT {
    private static final int BATCH = 200;
    private static final int ROUNDS = 2;
    private static final Instant EPOCH = Instant.parse("2001-01-01T00:00:00Z");
    private static final String RANGE = "from=2001-01-01&to=2001-03-01";

    @Test
    public void everyAcknowledgedRecordIsStoredAfterKillNineOnH2() throws Exception {
        drill("h2", null);
    }

    @Test
    public void everyAcknowledgedRecordIsStoredAfterKillNineOnPostgres() throws Exception {
        if (Pg.testUrl().isEmpty()) {
            Drill.loud("SIGHTLINE_TEST_PG_URL is not set: the kill -9 durability drill on PostgreSQL is SKIPPED (./test sets it)");
        }
        Assume.assumeTrue("SIGHTLINE_TEST_PG_URL is not set", Pg.testUrl().isPresent());
        drill("postgres", Pg.freshDatabase(Pg.testUrl().get()));
    }

    private void drill(String name, Pg.Database db) throws Exception {
        try (Server s = Drill.serverWithProducts("durability-" + name, db, "sms")) {
            long customer = Drill.customerId(s, Drill.ACCOUNT);
            s.shell("sightline:subscribe " + customer + " sms active");
            String token = s.ingestToken("durability drill");
            long acknowledged = 0;
            long sent = 0;
            long nextId = 0;
            for (int round = 1; round <= ROUNDS; round++) {
                Ingester in = new Ingester(s, token, nextId);
                Thread t = new Thread(in, "drill-ingester");
                t.start();
                // let batches be acknowledged for a while, then kill at a random moment of a batch
                long until = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (in.acknowledged.get() < 10L * BATCH && System.nanoTime() < until && t.isAlive()) {
                    Thread.sleep(50);
                }
                assertTrue("batches were acknowledged before the kill: " + in.acknowledged.get() + "; " + in.failure,
                        in.acknowledged.get() >= BATCH);
                if (round % 2 == 1) {
                    // right after an acknowledgement: what a write-behind (H2's default WRITE_DELAY) would lose
                    long seen = in.acknowledged.get();
                    long limit = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                    while (in.acknowledged.get() == seen && t.isAlive() && System.nanoTime() < limit) {
                        Thread.onSpinWait();
                    }
                } else {
                    // at a random moment, most likely while a batch is being written
                    Thread.sleep(ThreadLocalRandom.current().nextLong(1, 300));
                }
                long before = in.acknowledged.get();
                long t0 = System.nanoTime();
                long pid = s.kill();
                t.join(60_000);
                acknowledged += in.acknowledged.get();
                sent += in.sent.get();
                nextId = in.nextId;
                Drill.say(name + " round " + round + ": killed JVM " + pid + " (SIGKILL) with " + before + " records acknowledged in this"
                        + " round, " + in.acknowledged.get() + " by the time it died, " + in.sent.get() + " sent ("
                        + in.batches.get() + " batches of " + BATCH + " answered 202)");
                s.start();
                Drill.say(name + " round " + round + ": up and ready again " + (System.nanoTime() - t0) / 1_000_000 + " ms after the kill");
                long stored = logRows(s, customer);
                long volume = kpiVolume(s, customer);
                Drill.say(name + " round " + round + ": acknowledged " + acknowledged + ", sent " + sent + ", in the SMS log "
                        + stored + ", volume KPI " + volume);
                assertTrue("every record acknowledged with 202 is stored: acknowledged " + acknowledged + ", stored " + stored,
                        stored >= acknowledged);
                assertTrue("no record is stored that was not sent: sent " + sent + ", stored " + stored, stored <= sent);
                assertEquals("a batch is stored whole or not at all", 0, stored % BATCH);
                assertEquals("the volume KPI counts what the log holds", stored, volume);
            }
        }
    }

    /** Counts the rows of the customer's SMS log in the drill's date range, page by page, as the web page would. */
    private static long logRows(Server s, long customer) throws Exception {
        long n = 0;
        String cursor = null;
        do {
            String path = "/api/v1/customers/" + customer + "/widgets/sms.log?" + RANGE + "&limit=500"
                    + (cursor == null ? "" : "&cursor=" + java.net.URLEncoder.encode(cursor, java.nio.charset.StandardCharsets.UTF_8));
            HttpResponse<String> r = s.getAsAdmin(path);
            assertEquals(r.body(), 200, r.statusCode());
            JsonNode view = Drill.json(r).path("view");
            assertEquals(r.body(), "table", view.path("type").asText());
            n += view.path("rows").size();
            cursor = view.hasNonNull("nextCursor") ? view.get("nextCursor").asText() : null;
        } while (cursor != null);
        return n;
    }

    private static long kpiVolume(Server s, long customer) throws Exception {
        HttpResponse<String> r = s.getAsAdmin("/api/v1/customers/" + customer + "/widgets/sms.kpis?" + RANGE);
        assertEquals(r.body(), 200, r.statusCode());
        for (JsonNode tile : Drill.json(r).path("view").path("tiles")) {
            if ("volume".equals(tile.path("id").asText())) {
                JsonNode v = tile.path("value");
                return v.isObject() ? v.path("value").asLong() : v.asLong();
            }
        }
        throw new AssertionError("no volume tile in " + r.body());
    }

    /** Sends batches until the server stops answering; counts the records acknowledged with 202. */
    private static final class Ingester implements Runnable {
        private final Server server;
        private final String token;
        final AtomicLong acknowledged = new AtomicLong();
        final AtomicLong sent = new AtomicLong();
        final AtomicLong batches = new AtomicLong();
        volatile long nextId;
        volatile String failure = "";

        Ingester(Server server, String token, long firstId) {
            this.server = server;
            this.token = token;
            this.nextId = firstId;
        }

        @Override
        public void run() {
            while (true) {
                StringBuilder body = new StringBuilder();
                long first = nextId;
                for (int i = 0; i < BATCH; i++) {
                    long id = first + i;
                    body.append("{\"id\":\"drill-").append(id).append("\",\"customer\":\"").append(Drill.ACCOUNT)
                            .append("\",\"time\":\"").append(EPOCH.plusSeconds(id * 7)).append("\",\"direction\":\"outbound\",")
                            .append("\"status\":\"delivered\",\"from\":\"ACME\",\"to\":\"+4915112345678\",\"segments\":1,\"country\":\"DE\"}\n");
                }
                nextId = first + BATCH;
                sent.addAndGet(BATCH);
                HttpResponse<String> r;
                try {
                    r = server.http.send(HttpRequest.newBuilder(URI.create(server.base() + "/api/v1/ingest/sms"))
                            .timeout(Duration.ofSeconds(30))
                            .header("Authorization", "Bearer " + token).header("Content-Type", "application/x-ndjson")
                            .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
                } catch (IOException | InterruptedException e) {
                    return; // the server died (or the drill is over): this batch may or may not be stored
                }
                if (r.statusCode() != 202) {
                    failure = r.statusCode() + " " + r.body();
                    return;
                }
                try {
                    JsonNode j = Drill.json(r);
                    if (j.path("stored").asInt() + j.path("duplicates").asInt() != BATCH) {
                        failure = "202 without every record stored: " + r.body();
                        return;
                    }
                } catch (IOException e) {
                    failure = "202 with a body that is not JSON: " + r.body();
                    return;
                }
                acknowledged.addAndGet(BATCH);
                batches.incrementAndGet();
            }
        }
    }
}
