package org.sightline.core.internal.dashboard;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.Test;
import org.sightline.api.view.Cell;
import org.sightline.api.view.KpiView;
import org.sightline.api.view.Kpi;
import org.sightline.api.view.WidgetView;
import org.sightline.core.CacheStats;
import org.sightline.core.Changes;
import org.sightline.core.internal.cache.CacheDirectory;
import org.sightline.core.internal.cache.ChangeNotes;

public class ViewCacheTest {
    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final WidgetView VIEW = new KpiView(List.of(new Kpi("n", "Sent", Cell.number(42))));
    private final ChangeNotes changes = new ChangeNotes();
    private final CacheDirectory caches = new CacheDirectory();
    private final ViewCache cache = new ViewCache(changes, caches);

    private static ViewCache.Key key(long widget, String product, long customer) {
        return new ViewCache.Key(widget, product, customer, "overview", Set.of("customer.read"));
    }

    private CacheStats stats() {
        return caches.caches().stream().filter(s -> s.name().equals("core.views")).findFirst().orElseThrow();
    }

    @Test
    public void hitsAndMissesAreCountedForOperators() {
        assertNull(cache.entry(key(1, "sms", 7)));
        cache.put(key(1, "sms", 7), VIEW, MINUTE);
        assertEquals(VIEW, cache.entry(key(1, "sms", 7)).view());
        assertEquals(VIEW, cache.entry(key(1, "sms", 7)).view());
        CacheStats s = stats();
        assertEquals(2, s.hits());
        assertEquals(1, s.misses());
        assertEquals(2 / 3.0, s.hitRatio(), 1e-9);
        assertEquals(1, s.size());
        assertEquals(ViewCache.MAX_ENTRIES, s.maximumSize());
    }

    @Test
    public void theCacheHoldsAtMostItsBoundAndCountsWhatItEvicted() throws Exception {
        for (int i = 0; i < ViewCache.MAX_ENTRIES + 500; i++) {
            cache.put(key(i, "sms", i), VIEW, MINUTE);
        }
        long until = System.nanoTime() + 5_000_000_000L;
        while (stats().size() > ViewCache.MAX_ENTRIES && System.nanoTime() < until) {
            cache.entry(key(0, "sms", 0)); // lets the cache do its upkeep
            Thread.sleep(10);
        }
        assertTrue(stats().size() + " entries", stats().size() <= ViewCache.MAX_ENTRIES);
        assertTrue(stats().evictions() >= 500);
    }

    @Test
    public void aViewIsGoneWhenItsRefreshIntervalIsOver() throws Exception {
        cache.put(key(1, "sms", 7), VIEW, Duration.ofMillis(50));
        Thread.sleep(120);
        assertNull(cache.entry(key(1, "sms", 7)));
        cache.put(key(1, "sms", 7), VIEW, Duration.ZERO);
        assertNull("a widget that is never cached", cache.entry(key(1, "sms", 7)));
    }

    @Test
    public void aChangeAnnouncedThroughTheChangeServiceDropsExactlyTheViewsItAffects() {
        cache.put(key(1, "sms", 7), VIEW, MINUTE);
        cache.put(key(2, "voice", 7), VIEW, MINUTE);
        cache.put(key(1, "sms", 8), VIEW, MINUTE);
        cache.put(key(3, "core", 8), VIEW, MINUTE);

        changes.announce(new Changes.CustomerData(7, "sms"));
        assertNull(cache.entry(key(1, "sms", 7)));
        assertNotNull(cache.entry(key(2, "voice", 7)));
        assertNotNull(cache.entry(key(1, "sms", 8)));

        changes.announce(new Changes.Customer(7));
        assertNull(cache.entry(key(2, "voice", 7)));

        changes.announce(new Changes.WidgetGone(1));
        assertNull(cache.entry(key(1, "sms", 8)));
        assertNotNull(cache.entry(key(3, "core", 8)));

        // A catalogue entry changed: the core's subscriptions card shows it.
        changes.announce(new Changes.Product("voice"));
        assertNull(cache.entry(key(3, "core", 8)));
    }

    @Test
    public void aTenancyChangeLeavesTheViewsAlone() {
        cache.put(key(1, "sms", 7), VIEW, MINUTE);
        changes.announce(new Changes.Partner(1));
        changes.announce(new Changes.AllPartners());
        assertNotNull(cache.entry(key(1, "sms", 7)));
        changes.announce(new Changes.Everything());
        assertNull(cache.entry(key(1, "sms", 7)));
    }

    @Test
    public void aViewRenderedWhileItsDataChangedIsNotKept() {
        long noted = changes.sequence(); // the render starts
        changes.announce(new Changes.CustomerData(7, "sms")); // ingestion commits and announces meanwhile
        cache.put(key(1, "sms", 7), VIEW, MINUTE, noted);
        cache.put(key(2, "voice", 7), VIEW, MINUTE, noted);
        assertNull("rendered from data older than the change", cache.entry(key(1, "sms", 7)));
        assertNotNull("another product's view is unaffected", cache.entry(key(2, "voice", 7)));
        // Rendered again after the change: kept.
        long again = changes.sequence();
        cache.put(key(1, "sms", 7), VIEW, MINUTE, again);
        assertNotNull(cache.entry(key(1, "sms", 7)));
    }
}
