package org.sightline.benchmark;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiPredicate;

/**
 * Measures how long after an action (copying or deleting a bundle) an HTTP endpoint reflects it.
 * Every {@code pollMs} one request per probe is <em>sent</em>, without waiting for earlier ones to
 * finish, so a slow response (a dashboard waiting for a hanging sibling widget) does not hide the
 * moment the change became visible. For each probe the first request, in order of sending, whose
 * response reflects the change gives two times after the action: when it was sent and when its
 * response arrived.
 */
final class ChangeObserver {

    /** An endpoint and the condition that means "the change is visible". */
    record Probe(String name, URI uri, BiPredicate<Integer, String> reached) {
    }

    /** Milliseconds after the action: request sent, response received. NaN if never seen. */
    record Seen(double sentMs, double receivedMs) {
        static final Seen NEVER = new Seen(Double.NaN, Double.NaN);

        boolean seen() {
            return !Double.isNaN(receivedMs);
        }
    }

    private static final class Observation {
        final long sent;
        volatile long received = -1;
        volatile boolean match;

        Observation(long sent) {
            this.sent = sent;
        }
    }

    private final HttpClient client;
    private final String authorization;
    private final long pollMs;

    ChangeObserver(HttpClient client, String authorization, long pollMs) {
        this.client = client;
        this.authorization = authorization;
        this.pollMs = pollMs;
    }

    Map<String, Seen> observe(List<Probe> probes, ThrowingRunnable action, Duration timeout) throws Exception {
        Map<Probe, List<Observation>> log = new LinkedHashMap<>();
        probes.forEach(p -> log.put(p, new ArrayList<>()));
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bench-poller");
            t.setDaemon(true);
            return t;
        });
        Map<String, Seen> result = new java.util.concurrent.ConcurrentHashMap<>();
        long t0 = System.nanoTime();
        action.run();
        try {
            ticker.scheduleAtFixedRate(() -> {
                for (Probe p : probes) {
                    if (result.containsKey(p.name())) {
                        continue;
                    }
                    HttpRequest.Builder b = HttpRequest.newBuilder(p.uri()).timeout(Duration.ofSeconds(10)).GET();
                    if (authorization != null) {
                        b.header("Authorization", authorization);
                    }
                    Observation o = new Observation(System.nanoTime());
                    List<Observation> list = log.get(p);
                    synchronized (list) {
                        list.add(o);
                    }
                    client.sendAsync(b.build(), HttpResponse.BodyHandlers.ofString()).whenComplete((r, ex) -> {
                        o.match = ex == null && p.reached().test(r.statusCode(), r.body());
                        o.received = System.nanoTime();
                    });
                }
            }, 0, pollMs, TimeUnit.MILLISECONDS);
            long deadline = t0 + timeout.toNanos();
            while (result.size() < probes.size() && System.nanoTime() < deadline) {
                Thread.sleep(5);
                for (Probe p : probes) {
                    if (result.containsKey(p.name())) {
                        continue;
                    }
                    List<Observation> list = log.get(p);
                    synchronized (list) {
                        for (Observation o : list) {
                            if (o.received < 0) {
                                break; // an earlier request is still out: it might be the first to match
                            }
                            if (o.match) {
                                result.put(p.name(), new Seen((o.sent - t0) / 1e6, (o.received - t0) / 1e6));
                                break;
                            }
                        }
                    }
                }
            }
        } finally {
            ticker.shutdownNow();
        }
        Map<String, Seen> ordered = new LinkedHashMap<>();
        probes.forEach(p -> ordered.put(p.name(), result.getOrDefault(p.name(), Seen.NEVER)));
        return ordered;
    }

    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Exception;
    }
}
