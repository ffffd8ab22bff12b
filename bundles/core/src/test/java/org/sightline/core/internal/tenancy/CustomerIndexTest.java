package org.sightline.core.internal.tenancy;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotSame;
import static org.junit.Assert.assertSame;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.sightline.core.internal.auth.StaffDirectoryImpl;
import org.sightline.core.internal.auth.Passwords;
import org.sightline.core.Changes;
import org.sightline.core.internal.cache.ChangeNotes;

/** The customer-list snapshots are dropped through the change service, and never kept when built across a change. */
public class CustomerIndexTest {
    private PortalDb db;
    private final ChangeNotes changes = new ChangeNotes();
    /** When set, the next connection announces a change of partner {@link #a}: a write committed mid-build. */
    private final AtomicBoolean commitWhileReading = new AtomicBoolean();
    private CustomerIndex index;
    private long a;
    private long b;

    @Before
    public void setUp() throws Exception {
        db = new PortalDb("h2");
        DataSource real = db.dataSource();
        DataSource racing = (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getConnection") && commitWhileReading.getAndSet(false)) {
                        changes.announce(new Changes.Partner(a));
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        index = CustomerIndex.on(racing, changes, StaffDirectoryImpl.on(racing, new Passwords(4), changes));
        CustomerDirectoryImpl customers = CustomerDirectoryImpl.on(real, index, changes);
        a = customers.createPartner("Partner A");
        b = customers.createPartner("Partner B");
        customers.createCustomer(a, "A-1", "Alpha", "EUR", true);
        customers.createCustomer(b, "B-1", "Beta", "EUR", true);
    }

    @After
    public void tearDown() throws Exception {
        db.close();
    }

    @Test
    public void aPartnersChangeDropsItsCustomerListAndNoOtherPartners() {
        CustomerIndex.Snapshot first = index.snapshot(a);
        CustomerIndex.Snapshot other = index.snapshot(b);
        assertSame(first, index.snapshot(a));
        changes.announce(new Changes.Partner(a));
        assertNotSame(first, index.snapshot(a));
        assertSame(other, index.snapshot(b));
        changes.announce(new Changes.AllPartners());
        assertNotSame(other, index.snapshot(b));
    }

    @Test
    public void aListBuiltWhileThePartnerChangedServesThatRequestButIsNotKept() {
        commitWhileReading.set(true);
        CustomerIndex.Snapshot built = index.snapshot(a);
        assertEquals(1, built.byName.length);
        CustomerIndex.Snapshot next = index.snapshot(a);
        assertNotSame("built from data older than the change", built, next);
        assertSame(next, index.snapshot(a));
    }
}
