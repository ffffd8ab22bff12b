package org.sightline.family.backup.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.sightline.api.CustomerRef;
import org.sightline.api.Viewer;
import org.sightline.api.backup.StoreResult;
import org.sightline.api.data.SampleDataProvider;
import org.sightline.core.CustomerDirectory;
import org.sightline.core.CustomerPage;
import org.sightline.core.CustomerQuery;
import org.sightline.core.CustomerSummary;
import org.sightline.core.Subscription;
import org.sightline.family.support.testing.FamilyTestDb;

/**
 * Sample backups of every sample customer subscribed to a product (H2, or PostgreSQL when SIGHTLINE_TEST_PG_URL is
 * set): the Sample Customer in the core's transaction, the others after it, each in its own transaction (here at
 * once, on the test's thread).
 */
public class SampleSubscribersTest {
    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    private static final int SUBSCRIBERS = 20;

    private FamilyTestDb db;
    private BackupStoreService store;
    private CustomerRef sample;
    private final List<CustomerRef> subscribers = new ArrayList<>();
    private CustomerRef notSubscribed;
    private CustomerDirectory directory;
    private CustomerRef expired;
    private CustomerRef accessOff;

    @Before
    public void setUp() throws Exception {
        db = new FamilyTestDb("backup");
        CustomerRef s = db.customer("Sample Customer", "EUR", BigDecimal.ZERO);
        sample = new CustomerRef(s.id(), 1, "SAMPLE-0001", s.name(), "EUR", true);
        Map<Long, CustomerRef> byId = new HashMap<>();
        List<CustomerSummary> listed = new ArrayList<>();
        listed.add(summary(sample)); // the directory lists it too (its account does not start with SL-)
        for (int n = 1; n <= SUBSCRIBERS + 1; n++) {
            CustomerRef c = db.customer("Customer " + n, "EUR", BigDecimal.ZERO);
            CustomerRef ref = new CustomerRef(c.id(), 1, String.format(Locale.ROOT, "SL-%06d", n), c.name(), "EUR", true);
            if (n == SUBSCRIBERS + 1) {
                notSubscribed = ref;
                continue;
            }
            subscribers.add(ref);
            byId.put(ref.id(), ref);
            listed.add(summary(ref));
        }
        CustomerRef real = db.customer("Acme", "EUR", BigDecimal.ZERO); // a real customer of the sample partner
        listed.add(summary(real));
        // generated, subscribed, but its dashboard does not show the product: its subscription expired, or access
        // to its tenant is off
        CustomerRef e = db.customer("Expired", "EUR", BigDecimal.ZERO);
        expired = new CustomerRef(e.id(), 1, "SL-000090", e.name(), "EUR", true);
        CustomerRef o = db.customer("Off", "EUR", BigDecimal.ZERO);
        accessOff = new CustomerRef(o.id(), 1, "SL-000091", o.name(), "EUR", false);
        for (CustomerRef x : List.of(expired, accessOff)) {
            byId.put(x.id(), x);
            listed.add(summary(x));
        }
        CustomerDirectory directory = mock(CustomerDirectory.class);
        when(directory.list(any(Viewer.class), any(CustomerQuery.class))).thenAnswer(a -> {
            CustomerQuery q = a.getArgument(1);
            assertEquals(BackupStoreServiceTest.SPEC.productId(), q.product());
            int from = q.cursor() == null ? 0 : Integer.parseInt(q.cursor());
            int to = Math.min(listed.size(), from + 8); // several pages
            return new CustomerPage(listed.subList(from, to), to < listed.size() ? String.valueOf(to) : null, listed.size());
        });
        when(directory.find(any(Viewer.class), anyLong())).thenAnswer(a -> Optional.ofNullable(byId.get((Long) a.getArgument(1))));
        when(directory.subscriptions(any(Viewer.class), anyLong(), any())).thenAnswer(a -> List.of(new Subscription(
                BackupStoreServiceTest.SPEC.productId(), (Long) a.getArgument(1) == expired.id() ? "expired" : "active",
                null, null, null, null)));
        this.directory = directory;
        store = new BackupStoreService(db, db.transactions(), directory, false, Runnable::run, SampleSubscribers.MAX_CUSTOMERS);
    }

    private static CustomerSummary summary(CustomerRef c) {
        return new CustomerSummary(c.id(), c.accountId(), c.name(), 0, "EUR", BigDecimal.ZERO,
                List.of(BackupStoreServiceTest.SPEC.productId()), List.of(), List.of(), false, true);
    }

    @After
    public void tearDown() throws Exception {
        store.deactivate();
        db.close();
    }

    @Test
    public void everySubscribedSampleCustomerGets90DaysSomeABadWeekAndWritingAgainAddsNothing() throws Exception {
        SampleDataProvider.Request request = new SampleDataProvider.Request(sample, 42, 1, NOW, ZoneId.of("UTC"));
        StoreResult first = db.inTransaction(tx -> store.writeSample(request, BackupStoreServiceTest.SPEC, tx));
        int workloads = BackupStoreServiceTest.SPEC.workloads().size();
        assertEquals("the Sample Customer's, in the caller's transaction", SampleBackups.DAYS * workloads * 3, first.stored());
        store.applyPendingRollUps();

        int badWeeks = 0;
        List<CustomerRef> all = new ArrayList<>(subscribers);
        all.add(0, sample);
        for (CustomerRef c : all) {
            assertEquals(c.accountId(), SampleBackups.DAYS * workloads,
                    db.count("SELECT COUNT(*) FROM backup_job WHERE customer_id = ?", c.id()));
            assertEquals(c.accountId(), SampleBackups.DAYS * workloads,
                    db.count("SELECT COUNT(*) FROM backup_daily WHERE customer_id = ? AND run_day BETWEEN ? AND ?", c.id(),
                            LocalDate.parse("2026-09-02"), LocalDate.parse("2026-11-30")));
            assertEquals(c.accountId(), SampleBackups.DAYS * workloads, db.count("SELECT SUM(succeeded + partial + failed "
                    + "+ running + not_run) FROM backup_daily WHERE customer_id = ?", c.id()));
            assertEquals(c.accountId(), SampleBackups.DAYS * workloads, db.count("SELECT COUNT(*) FROM backup_daily "
                    + "WHERE customer_id = ? AND protected_objects > 0 AND storage_bytes > 0", c.id()));
            if (hasBadWeek(c)) {
                badWeeks++;
            }
        }
        assertTrue("a few customers have a bad week: " + badWeeks, badWeeks > 0 && badWeeks < all.size() / 2);
        assertEquals("a customer that does not subscribe gets nothing", 0,
                db.count("SELECT COUNT(*) FROM backup_job WHERE customer_id = ?", notSubscribed.id()));
        assertEquals("nor one whose subscription expired", 0,
                db.count("SELECT COUNT(*) FROM backup_job WHERE customer_id = ?", expired.id()));
        assertEquals("nor one whose tenant access is off", 0,
                db.count("SELECT COUNT(*) FROM backup_job WHERE customer_id = ?", accessOff.id()));
        assertEquals((long) all.size() * SampleBackups.DAYS * workloads, db.count("SELECT COUNT(*) FROM backup_job"));

        long rollUps = db.count("SELECT COUNT(*) FROM backup_daily");
        StoreResult again = db.inTransaction(tx -> store.writeSample(request, BackupStoreServiceTest.SPEC, tx));
        assertEquals(0, again.stored());
        assertEquals("nothing stored twice", (long) all.size() * SampleBackups.DAYS * workloads,
                db.count("SELECT COUNT(*) FROM backup_job"));
        assertEquals("no roll-up change pending", 0, db.count("SELECT COUNT(*) FROM backup_pending"));
        assertEquals(rollUps, db.count("SELECT COUNT(*) FROM backup_daily"));
    }

    @Test
    public void atMostTheConfiguredNumberOfOtherSampleCustomersGetSampleBackups() throws Exception {
        store.deactivate();
        store = new BackupStoreService(db, db.transactions(), directory, false, Runnable::run, 5);
        db.inTransaction(tx -> store.writeSample(new SampleDataProvider.Request(sample, 42, 1, NOW, ZoneId.of("UTC")),
                BackupStoreServiceTest.SPEC, tx));
        assertEquals("the Sample Customer and the first five by account id", 6,
                db.count("SELECT COUNT(DISTINCT customer_id) FROM backup_job"));
        assertEquals(0, db.count("SELECT COUNT(*) FROM backup_job WHERE customer_id = ?", subscribers.get(5).id()));
    }

    @Test
    public void theSameCustomerLooksTheSameWhateverItsDatabaseId() {
        SampleDataProvider.Request a = new SampleDataProvider.Request(subscribers.get(3), 42, 1, NOW, ZoneId.of("UTC"));
        CustomerRef moved = new CustomerRef(9999, 1, subscribers.get(3).accountId(), "Elsewhere", "EUR", true);
        SampleDataProvider.Request b = new SampleDataProvider.Request(moved, 42, 1, NOW, ZoneId.of("UTC"));
        List<String> statusesA = SampleBackups.of(a, BackupStoreServiceTest.SPEC).stream()
                .filter(r -> r instanceof org.sightline.api.backup.JobRun).map(r -> ((org.sightline.api.backup.JobRun) r).status().code())
                .toList();
        List<String> statusesB = SampleBackups.of(b, BackupStoreServiceTest.SPEC).stream()
                .filter(r -> r instanceof org.sightline.api.backup.JobRun).map(r -> ((org.sightline.api.backup.JobRun) r).status().code())
                .toList();
        assertEquals(statusesA, statusesB);
    }

    /**
     * Whether one of the customer's workloads has at least {@link SampleBackups#BAD_DAYS_MIN} days in a row without a
     * success and more than one failure, read from the roll-ups (ordinary days, 9 % of them without a success, rarely
     * make such a streak).
     */
    private boolean hasBadWeek(CustomerRef c) throws Exception {
        try (Connection conn = db.dataSource().getConnection(); PreparedStatement ps = conn.prepareStatement(
                "SELECT workload, succeeded, failed FROM backup_daily WHERE customer_id = ? ORDER BY workload, run_day")) {
            ps.setLong(1, c.id());
            try (ResultSet rs = ps.executeQuery()) {
                String workload = null;
                int streak = 0;
                int failed = 0;
                while (rs.next()) {
                    if (!rs.getString(1).equals(workload)) {
                        workload = rs.getString(1);
                        streak = 0;
                        failed = 0;
                    }
                    if (rs.getInt(2) == 0) {
                        streak++;
                        failed += rs.getInt(3);
                    } else {
                        streak = 0;
                        failed = 0;
                    }
                    if (streak >= SampleBackups.BAD_DAYS_MIN && failed > 1) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
