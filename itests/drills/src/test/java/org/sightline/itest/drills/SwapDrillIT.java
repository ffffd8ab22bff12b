package org.sightline.itest.drills;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Hot-swap drill: with SMS and Voice deployed, client threads read a customer's overview and SMS product page
 * continuously while the operator runs {@code bundle:update} of SMS several times. A swap may turn SMS's own
 * widgets into error cards for a moment (or leave them off an overview composed meanwhile), but never another
 * product's or the core's, Voice's widgets stay on the overview, and the SMS product page always answers 200.
 */
public class SwapDrillIT {
    private static final int CLIENTS = 4;
    private static final int SWAPS = 5;

    @Test
    public void swappingSmsUnderLoadFailsNoOtherWidgetAndNoSmsPage() throws Exception {
        try (Server s = Drill.serverWithProducts("swap", null, "sms", "voice")) {
            long customer = Drill.customerId(s, Drill.ACCOUNT);
            s.shell("sightline:subscribe " + customer + " sms active");
            s.shell("sightline:subscribe " + customer + " voice active");
            String overview = "/api/v1/customers/" + customer + "/dashboard";
            String smsPage = overview + "?product=sms";
            awaitWidgets(s, overview, "sms.", "voice.");

            AtomicBoolean running = new AtomicBoolean(true);
            AtomicLong requests = new AtomicLong();
            AtomicLong smsErrorCards = new AtomicLong();
            AtomicLong overviewsWithoutSms = new AtomicLong();
            AtomicLong overviewsWithoutVoice = new AtomicLong();
            Map<String, String> otherErrorCards = new ConcurrentHashMap<>();
            Map<String, String> badPages = new ConcurrentHashMap<>();
            List<Thread> clients = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                Thread t = new Thread(() -> {
                    while (running.get()) {
                        for (String path : List.of(overview, smsPage)) {
                            try {
                                HttpResponse<String> r = s.http.send(HttpRequest.newBuilder(URI.create(s.base() + path))
                                        .timeout(Duration.ofSeconds(30)).header("Authorization", Server.basic()).GET().build(),
                                        HttpResponse.BodyHandlers.ofString());
                                requests.incrementAndGet();
                                if (r.statusCode() != 200) {
                                    badPages.putIfAbsent(path + " -> " + r.statusCode(), r.body());
                                    continue;
                                }
                                JsonNode widgets = Drill.json(r).path("widgets");
                                if (path.equals(overview)) {
                                    if (!has(widgets, "voice")) {
                                        overviewsWithoutVoice.incrementAndGet();
                                    }
                                    if (!has(widgets, "sms")) {
                                        overviewsWithoutSms.incrementAndGet(); // composed while SMS was away: allowed
                                    }
                                }
                                for (JsonNode w : widgets) {
                                    if (!w.has("error")) {
                                        continue;
                                    }
                                    if ("sms".equals(w.path("product").asText())) {
                                        smsErrorCards.incrementAndGet();
                                    } else {
                                        otherErrorCards.putIfAbsent(w.path("id").asText(), w.path("error").toString());
                                    }
                                }
                            } catch (Exception e) {
                                badPages.putIfAbsent(path + " -> " + e, String.valueOf(e.getMessage()));
                            }
                        }
                    }
                }, "drill-client-" + i);
                t.start();
                clients.add(t);
            }
            long t0 = System.nanoTime();
            try {
                Thread.sleep(2_000);
                for (int i = 1; i <= SWAPS; i++) {
                    long t1 = System.nanoTime();
                    s.shell("bundle:update org.sightline.product.sms");
                    Drill.say("swap " + i + ": bundle:update org.sightline.product.sms took " + (System.nanoTime() - t1) / 1_000_000
                            + " ms (with the shell's SSH login)");
                    Thread.sleep(1_500);
                }
                Thread.sleep(2_000);
            } finally {
                running.set(false);
                for (Thread t : clients) {
                    t.join(60_000);
                }
            }
            long seconds = Math.max(1, (System.nanoTime() - t0) / 1_000_000_000);
            Drill.say(SWAPS + " swaps of sms under " + CLIENTS + " clients: " + requests.get() + " requests in " + seconds + " s ("
                    + requests.get() / seconds + "/s), sms error cards " + smsErrorCards.get() + ", other products' error cards "
                    + otherErrorCards.size() + ", non-200 pages " + badPages.size() + ", overviews without sms widgets "
                    + overviewsWithoutSms.get() + ", without voice widgets " + overviewsWithoutVoice.get());
            assertTrue("the clients were served: " + requests.get(), requests.get() > 0);
            assertEquals("no widget of another product or of the core failed during the swaps: " + otherErrorCards,
                    Map.of(), otherErrorCards);
            assertEquals("Voice's widgets stayed on the overview through SMS's swaps", 0, overviewsWithoutVoice.get());
            assertEquals("every overview and SMS product page was 200 during the swaps: " + badPages, Map.of(), badPages);
            // and SMS is back whole after the last swap
            awaitWidgets(s, smsPage, "sms.");
        }
    }

    private static boolean has(JsonNode widgets, String product) {
        for (JsonNode w : widgets) {
            if (product.equals(w.path("product").asText())) {
                return true;
            }
        }
        return false;
    }

    /** Waits until the dashboard shows widgets of each prefix, none of them an error card. */
    private static void awaitWidgets(Server s, String path, String... prefixes) throws Exception {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String last = "";
        while (System.nanoTime() < until) {
            HttpResponse<String> r = s.getAsAdmin(path);
            last = r.statusCode() + " " + r.body();
            if (r.statusCode() == 200) {
                boolean all = true;
                for (String p : prefixes) {
                    boolean seen = false;
                    for (JsonNode w : Drill.json(r).path("widgets")) {
                        if (w.path("id").asText().startsWith(p)) {
                            seen = true;
                            all &= !w.has("error");
                        }
                    }
                    all &= seen;
                }
                if (all) {
                    return;
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError(path + " did not show " + List.of(prefixes) + " widgets without errors: " + last);
    }
}
