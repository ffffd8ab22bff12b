package org.sightline.core.internal.sample;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import javax.sql.DataSource;

import org.junit.After;
import org.junit.Test;
import org.sightline.api.data.SampleDataProvider;
import org.sightline.core.SampleDataLoader;
import org.sightline.core.internal.auth.Passwords;
import org.sightline.core.internal.auth.StaffDirectoryImpl;
import org.sightline.core.internal.cache.ChangeNotes;
import org.sightline.core.internal.storage.Jdbc;
import org.sightline.core.internal.tenancy.CustomerDirectoryImpl;
import org.sightline.core.internal.tenancy.CustomerIndex;
import org.sightline.core.internal.tenancy.PortalDb;

public class SamplePartnerLoaderTest {
    private final List<PortalDb> dbs = new ArrayList<>();

    @After
    public void tearDown() throws Exception {
        for (PortalDb db : dbs) {
            db.close();
        }
    }

    /** A product's sample data that only says which sample customers subscribe to it. */
    private static class Provider implements SampleDataProvider {
        final String product;
        final List<SampleCustomer> asked = new ArrayList<>();

        Provider(String product) {
            this.product = product;
        }

        @Override
        public String productId() {
            return product;
        }

        @Override
        public void writeSample(Request request, DataSource transaction) {
        }

        @Override
        public Optional<SampleSubscription> sampleSubscription(SampleCustomer customer) {
            asked.add(customer);
            return customer.random().nextInt(2) == 0
                    ? Optional.of(SampleSubscription.drawn(customer, List.of("active", "trial", "suspended"), 10))
                    : Optional.empty();
        }
    }

    /** A product that says nothing about sample subscriptions (written against the 1.0 API). */
    private static class Silent implements SampleDataProvider {
        @Override
        public String productId() {
            return "silent";
        }

        @Override
        public void writeSample(Request request, DataSource transaction) {
        }
    }

    private SamplePartnerLoader portal(PortalDb db) {
        ChangeNotes changes = new ChangeNotes();
        CustomerIndex index = CustomerIndex.on(db.dataSource(), changes, StaffDirectoryImpl.on(db.dataSource(), new Passwords(4), changes));
        CustomerDirectoryImpl customers = CustomerDirectoryImpl.on(db.dataSource(), index, changes);
        return SamplePartnerLoader.on(db.dataSource(), customers, StaffDirectoryImpl.on(db.dataSource(), new Passwords(4), changes), changes);
    }

    private PortalDb db() throws Exception {
        PortalDb db = new PortalDb("h2");
        dbs.add(db);
        return db;
    }

    /** Every subscription as account, product, status, dates, quantity and quota. */
    private static Set<String> subscriptions(PortalDb db) {
        return new TreeSet<>(Jdbc.list(db.dataSource(), "SELECT c.account_id, s.product_id, s.status, s.starts_on, s.ends_on, "
                + "s.quantity, s.quota FROM subscription s JOIN customer c ON c.id = s.customer_id", List.of(),
                rs -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getObject(4) + ".."
                        + rs.getObject(5) + " " + rs.getLong(6) + "/" + rs.getLong(7)));
    }

    @Test
    public void theSampleCustomersSubscribeOnlyToWhatTheDeployedProductsAskFor() throws Exception {
        PortalDb db = db();
        SamplePartnerLoader portal = portal(db);
        Provider sms = new Provider("sms");
        portal.bindProvider(sms);
        portal.bindProvider(new Silent());

        SampleDataLoader.Result r = portal.load(40, 42, null);

        assertEquals(40, r.created());
        assertEquals(4, r.logins().size());
        assertEquals(40, sms.asked.size());
        assertEquals(SamplePartnerLoader.TODAY, sms.asked.get(0).today());
        Set<String> subs = subscriptions(db);
        assertTrue("some customers subscribe to sms, not all: " + subs.size(), subs.size() > 5 && subs.size() < 35);
        for (String s : subs) {
            assertTrue(s, s.matches("SL-0000\\d\\d sms (active|trial|suspended) .*"));
        }
        assertEquals(Set.of("sms"), new TreeSet<>(Jdbc.list(db.dataSource(), "SELECT DISTINCT product_id FROM subscription",
                List.of(), rs -> rs.getString(1))));
    }

    @Test
    public void theSameSeedGivesTheSameSubscriptionsWhicheverProductCameFirst() throws Exception {
        PortalDb together = db();
        SamplePartnerLoader a = portal(together);
        a.bindProvider(new Provider("sms"));
        a.bindProvider(new Provider("voice"));
        a.load(60, 7, null);

        PortalDb later = db();
        SamplePartnerLoader b = portal(later);
        b.bindProvider(new Provider("voice"));
        b.load(60, 7, null);
        int added = b.subscribe(new Provider("sms"), 7);

        assertEquals(subscriptions(together), subscriptions(later));
        assertTrue(added > 0);
        assertEquals("subscribing again adds nothing", 0, b.subscribe(new Provider("sms"), 7));

        PortalDb otherSeed = db();
        SamplePartnerLoader c = portal(otherSeed);
        c.bindProvider(new Provider("sms"));
        c.bindProvider(new Provider("voice"));
        c.load(60, 8, null);
        assertTrue(!subscriptions(together).equals(subscriptions(otherSeed)));
    }

    @Test
    public void loadingMoreCustomersKeepsTheFirstOnesAsTheyWere() throws Exception {
        PortalDb db = db();
        SamplePartnerLoader portal = portal(db);
        portal.bindProvider(new Provider("sms"));
        portal.load(30, 42, null);
        Set<String> first = subscriptions(db);

        SampleDataLoader.Result r = portal.load(50, 42, null);

        assertEquals(20, r.created());
        assertEquals(30, r.existing());
        Set<String> all = subscriptions(db);
        assertTrue(all.containsAll(first));
        assertTrue(all.size() > first.size());
    }
}
