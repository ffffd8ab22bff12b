package org.sightline.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Requests a dashboard over and over on a thread of its own while a test changes the server (installs, updates or
 * removes a product module), and remembers every request that was not answered 200: what a user with the page
 * open would have seen fail.
 */
final class DashboardPoller {
    private final AtomicBoolean polling = new AtomicBoolean(true);
    private final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger polls = new AtomicInteger();
    private final Thread thread;

    /**
     * Starts polling.
     *
     * @param request the dashboard request
     * @param answered what to look at in each 200 answer (such as counting error cards)
     */
    DashboardPoller(Callable<HttpResponse<String>> request, Answered answered) {
        thread = new Thread(() -> {
            while (polling.get()) {
                try {
                    HttpResponse<String> r = request.call();
                    polls.incrementAndGet();
                    if (r.statusCode() != 200) {
                        failures.add(r.statusCode() + " " + r.body());
                    } else {
                        answered.accept(r);
                    }
                } catch (Exception e) {
                    failures.add(e.toString());
                }
            }
        }, "dashboard-poller");
        thread.start();
    }

    /** What a test looks at in an answer; what it throws counts as a failed request. */
    interface Answered {
        void accept(HttpResponse<String> response) throws Exception;
    }

    /** How many requests were answered so far. */
    int polls() {
        return polls.get();
    }

    /** Stops polling and fails the test unless the dashboard was requested and every request was answered 200. */
    void stopAndCheck(String while_) throws InterruptedException {
        polling.set(false);
        thread.join(10_000);
        assertTrue("the dashboard was requested " + while_, polls.get() > 0);
        assertEquals("failed dashboard requests " + while_ + ": " + failures, 0, failures.size());
    }
}
