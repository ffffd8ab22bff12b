package org.sightline.core.internal.cache;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.Test;
import org.sightline.core.CacheStats;
import org.sightline.core.Changes;
import org.sightline.core.Changes.Change;

public class ChangeNotesTest {
    private final ChangeNotes changes = new ChangeNotes();

    @Test
    public void subscribersHearEveryChangeUntilTheyUnsubscribe() throws Exception {
        List<Change> heard = new CopyOnWriteArrayList<>();
        AutoCloseable s = changes.subscribe(heard::add);
        changes.announce(new Changes.Customer(7));
        changes.announce(new Changes.Product("sms"));
        s.close();
        changes.announce(new Changes.Partner(1));
        assertEquals(List.of(new Changes.Customer(7), new Changes.Product("sms")), heard);
    }

    @Test
    public void aFailingSubscriberDoesNotKeepTheChangeFromTheOthers() {
        List<Change> heard = new CopyOnWriteArrayList<>();
        changes.subscribe(c -> {
            throw new IllegalStateException("broken cache");
        });
        changes.subscribe(heard::add);
        changes.announce(new Changes.WidgetGone(42));
        assertEquals(List.of(new Changes.WidgetGone(42)), heard);
    }

    @Test
    public void onlyAChangeAnnouncedAfterTheNotedSequenceAndAffectingTheValueCounts() {
        changes.announce(new Changes.Customer(7)); // before: does not count
        long noted = changes.sequence();
        assertFalse(changes.changedSince(noted, c -> true));
        changes.announce(new Changes.Customer(8));
        assertFalse(changes.changedSince(noted, c -> c.equals(new Changes.Customer(7))));
        assertTrue(changes.changedSince(noted, c -> c.equals(new Changes.Customer(8))));
    }

    @Test
    public void whenMoreChangesCameThanAreRememberedAnyValueIsTakenAsChanged() {
        long noted = changes.sequence();
        for (int i = 0; i <= ChangeNotes.REMEMBERED; i++) {
            changes.announce(new Changes.Customer(1000 + i));
        }
        assertTrue(changes.changedSince(noted, c -> false));
        // A sequence noted within the remembered window is still answered exactly.
        long recent = changes.sequence();
        changes.announce(new Changes.Customer(5));
        assertFalse(changes.changedSince(recent, c -> c.equals(new Changes.Customer(7))));
    }

    @Test
    public void theDirectoryListsEachRegisteredCacheByNameUntilItIsClosed() throws Exception {
        CacheDirectory directory = new CacheDirectory();
        AutoCloseable views = directory.register(() -> new CacheStats("core.views", 3, 10, 3, 1, 0));
        directory.register(() -> new CacheStats("core.dashboards", 0, 10, 0, 0, 0));
        assertEquals(List.of("core.dashboards", "core.views"), directory.caches().stream().map(CacheStats::name).toList());
        assertEquals(0.75, directory.caches().get(1).hitRatio(), 1e-9);
        views.close();
        assertEquals(List.of("core.dashboards"), directory.caches().stream().map(CacheStats::name).toList());
    }
}
