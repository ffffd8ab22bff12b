package org.sightline.core.internal.tenancy;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.math.BigDecimal;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.sightline.api.CustomerRef;
import org.sightline.api.Permissions;
import org.sightline.api.Viewer;
import org.sightline.core.AuditEntry;
import org.sightline.core.AuditLog;
import org.sightline.core.AuditQuery;
import org.sightline.core.ConflictException;
import org.sightline.core.CustomerDetails;
import org.sightline.core.CustomerPage;
import org.sightline.core.CustomerQuery;
import org.sightline.core.CustomerSummary;
import org.sightline.core.CustomerUpdate;
import org.sightline.core.ForbiddenException;
import org.sightline.core.InvalidParameterException;
import org.sightline.core.NotFoundException;
import org.sightline.core.Roles;
import org.sightline.core.StaffAdmin;
import org.sightline.core.StaffDirectory;
import org.sightline.core.StaffUser;
import org.sightline.core.SubscriptionChange;
import org.sightline.core.TooManyRequestsException;
import org.sightline.core.WebSession;
import org.sightline.core.internal.audit.AuditLogImpl;
import org.sightline.core.internal.auth.Passwords;
import org.sightline.core.internal.auth.SignInGuardImpl;
import org.sightline.core.internal.auth.StaffAdminImpl;
import org.sightline.core.internal.auth.StaffDirectoryImpl;
import org.sightline.core.internal.auth.WebSessionStoreImpl;
import org.sightline.core.internal.cache.ChangeNotes;
import org.sightline.core.internal.storage.CoreStorage;
import org.sightline.core.internal.storage.Jdbc;
import org.sightline.core.internal.storage.Transactions;

/** Staff, scoping, the customer list, actions, audit, sign-in throttling and sessions, on H2 and PostgreSQL. */
@RunWith(Parameterized.class)
public class PortalServicesTest {

    @Parameterized.Parameters(name = "{0}")
    public static List<Object[]> kinds() {
        return PortalDb.kinds();
    }

    /** The Karaf shell's operator. */
    private static final Viewer OPERATOR = new Viewer("shell:karaf", -1, Set.of(Roles.OPERATOR), Set.of(Permissions.ADMIN));
    private final String kind;
    private PortalDb db;
    private CustomerDirectoryImpl customers;
    private StaffDirectoryImpl staff;
    private AuditLogImpl audit;
    private CustomerActionsImpl actions;
    private long partnerA;
    private long partnerB;
    private StaffUser admin;
    private StaffUser engineer;
    private StaffUser viewer;
    private CustomerRef acme;
    private CustomerRef globex;
    private CustomerRef initech;
    private CustomerRef foreign;

    public PortalServicesTest(String kind) {
        this.kind = kind;
    }

    @Before
    public void setUp() throws Exception {
        db = new PortalDb(kind);
        ChangeNotes changes = new ChangeNotes();
        CustomerIndex index = CustomerIndex.on(db.dataSource(), changes, StaffDirectoryImpl.on(db.dataSource(), new Passwords(4), changes));
        customers = CustomerDirectoryImpl.on(db.dataSource(), index, changes);
        staff = StaffDirectoryImpl.on(db.dataSource(), new Passwords(4), changes);
        audit = AuditLogImpl.on(db.dataSource());
        actions = new CustomerActionsImpl(customers, storage(db.dataSource()), audit, changes, index);
        partnerA = customers.createPartner("Partner A");
        partnerB = customers.createPartner("Partner B");
        admin = staff.create(partnerA, "Anna", "Anna Admin", "admin", "anna-secret-1".toCharArray());
        engineer = staff.create(partnerA, "eric", "Eric Engineer", "engineer", "eric-secret-1".toCharArray());
        viewer = staff.create(partnerA, "vic", "Vic Viewer", "viewer", "vic-secret-12".toCharArray());
        acme = customers.createCustomer(partnerA, "ACME-1", "Acme Corp", "EUR", true);
        globex = customers.createCustomer(partnerA, "GLX-2", "Globex", "USD", true);
        initech = customers.createCustomer(partnerA, "INI-3", "Initech", "EUR", false);
        foreign = customers.createCustomer(partnerB, "FOR-1", "Foreign Corp", "EUR", true);
        staff.assignCustomer(engineer.id(), acme.id());
        long pod = customers.createGroup(partnerA, "Pod East");
        customers.addToGroup(pod, globex.id());
        staff.assignGroup(engineer.id(), pod);
        staff.assignCustomer(viewer.id(), acme.id());
        customers.subscribe(acme.id(), "sms", "active");
        customers.subscribe(acme.id(), "m365-backup", "expired");
        customers.subscribe(globex.id(), "voice", "trial");
    }

    @After
    public void tearDown() throws Exception {
        db.close();
    }

    private static Set<Long> ids(CustomerPage p) {
        Set<Long> s = new HashSet<>();
        p.items().forEach(i -> s.add(i.id()));
        return s;
    }

    @Test
    public void usernamesAreCaseInsensitiveAndPasswordsAreBcrypt() throws Exception {
        assertEquals("anna", admin.username());
        assertTrue(staff.checkPassword("ANNA", "anna-secret-1".toCharArray()).isPresent());
        assertTrue(staff.checkPassword("anna", "wrong-secret".toCharArray()).isEmpty());
        assertTrue(staff.checkPassword("nobody", "anna-secret-1".toCharArray()).isEmpty());
        String hash = Jdbc.one(db.dataSource(), "SELECT password_hash FROM staff_user WHERE username = 'anna'", List.of(),
                rs -> rs.getString(1)).orElseThrow();
        assertTrue(hash, hash.startsWith("$2y$04$"));
        staff.setEnabled("anna", false);
        assertTrue(staff.checkPassword("anna", "anna-secret-1".toCharArray()).isEmpty());
        assertEquals(StaffDirectoryImpl.USERNAME_UNUSABLE, assertThrows(ConflictException.class,
                () -> staff.create(partnerA, "anna", "Again", "admin", "whatever-long".toCharArray())).getMessage());
        assertEquals("password", assertThrows(InvalidParameterException.class,
                () -> staff.create(partnerA, "short", "Short", "viewer", "short".toCharArray())).parameter());
        assertEquals("role", assertThrows(InvalidParameterException.class,
                () -> staff.create(partnerA, "bad", "Bad", "owner", null)).parameter());
    }

    @Test
    public void endingAnAssignmentHidesTheCustomerAtOnce() {
        Viewer e = engineer.viewer();
        assertTrue(customers.find(e, acme.id()).isPresent());
        long pod = staff.assignments(engineer.id()).groups().get(0);
        assertEquals(new StaffDirectory.Assignments(List.of(acme.id()), List.of(pod)), staff.assignments(engineer.id()));
        assertTrue(staff.unassignCustomer(engineer.id(), acme.id()));
        assertFalse(staff.unassignCustomer(engineer.id(), acme.id()));
        assertTrue(customers.find(e, acme.id()).isEmpty());
        assertEquals(Set.of(globex.id()), ids(customers.list(e, CustomerQuery.all(50))));
        assertTrue(staff.unassignGroup(engineer.id(), pod));
        assertTrue(customers.find(e, globex.id()).isEmpty());
        assertEquals(Set.of(), ids(customers.list(e, CustomerQuery.all(50))));
        assertEquals(new StaffDirectory.Assignments(List.of(), List.of()), staff.assignments(engineer.id()));
    }

    @Test
    public void adminsSeeTheirPartnerAndStaffSeeOnlyTheirAssignedCustomers() {
        Viewer a = admin.viewer();
        Viewer e = engineer.viewer();
        Viewer v = viewer.viewer();
        assertEquals(Set.of(acme.id(), globex.id(), initech.id()), ids(customers.list(a, CustomerQuery.all(50))));
        assertEquals(Set.of(acme.id(), globex.id()), ids(customers.list(e, CustomerQuery.all(50))));
        assertEquals(Set.of(acme.id()), ids(customers.list(v, CustomerQuery.all(50))));
        for (Viewer who : List.of(a, e, v)) {
            assertTrue(customers.find(who, foreign.id()).isEmpty());
            assertThrows(NotFoundException.class, () -> customers.details(who, foreign.id()));
            assertThrows(NotFoundException.class, () -> customers.subscriptions(who, foreign.id(), null));
            assertThrows(NotFoundException.class, () -> actions.pin(who, foreign.id(), true));
            assertThrows(NotFoundException.class, () -> actions.disconnect(who, foreign.id(), "Yes"));
        }
        assertTrue(customers.find(e, initech.id()).isEmpty());
        assertThrows(NotFoundException.class, () -> actions.update(e, initech.id(), new CustomerUpdate("X", null, null, null, null, null, null)));
        assertTrue(customers.find(v, globex.id()).isEmpty());
        assertEquals(1, customers.groups(e).size());
        assertEquals(0, customers.groups(v).size());
    }

    @Test
    public void theListSearchesSortsPagesAndPutsPinsFirst() {
        BigDecimal[] credits = {new BigDecimal("10"), new BigDecimal("250.5"), new BigDecimal("-3")};
        CustomerRef[] all = {acme, globex, initech};
        for (int i = 0; i < all.length; i++) {
            Jdbc.update(db.dataSource(), "UPDATE customer SET credits = ? WHERE id = ?", List.of(credits[i], all[i].id()));
        }
        for (int i = 0; i < 40; i++) {
            customers.createCustomer(partnerA, "BULK-" + i, "Bulk " + (char) ('a' + i % 26) + i, "EUR", true);
        }
        Viewer a = admin.viewer();
        assertEquals(Set.of(acme.id()), ids(customers.list(a, new CustomerQuery("aCmE", null, null, null, false, null, null, 50))));
        assertEquals(Set.of(globex.id()), ids(customers.list(a, new CustomerQuery("glx-", null, null, null, false, null, null, 50))));
        assertEquals(0, customers.list(a, new CustomerQuery("100%", null, null, null, false, null, null, 50)).total());
        // sort by credits, descending
        CustomerPage byCredits = customers.list(a, new CustomerQuery(null, null, null, null, false, "-credits", null, 2));
        assertEquals(globex.id(), byCredits.items().get(0).id());
        assertEquals(acme.id(), byCredits.items().get(1).id());
        // pinned first, then by name; walk every page
        actions.pin(a, initech.id(), true);
        List<Long> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            CustomerPage p = customers.list(a, new CustomerQuery(null, null, null, null, false, "name", cursor, 7));
            assertEquals(43, p.total());
            p.items().forEach(i -> seen.add(i.id()));
            cursor = p.nextCursor();
            pages++;
        } while (cursor != null);
        assertEquals(7, pages);
        assertEquals(43, seen.size());
        assertEquals(43, new HashSet<>(seen).size());
        assertEquals(initech.id(), (long) seen.get(0));
        assertEquals(acme.id(), (long) seen.get(1));
        CustomerPage pinned = customers.list(a, new CustomerQuery(null, null, null, null, true, null, null, 50));
        assertEquals(Set.of(initech.id()), ids(pinned));
        assertTrue(pinned.items().get(0).pinned());
        assertEquals("sort", assertThrows(InvalidParameterException.class,
                () -> customers.list(a, new CustomerQuery(null, null, null, null, false, "size", null, 50))).parameter());
        assertEquals("cursor", assertThrows(InvalidParameterException.class,
                () -> customers.list(a, new CustomerQuery(null, null, null, null, false, "name", "bm9wZQ", 50))).parameter());
    }

    @Test
    public void filtersAndHiddenExpiredServices() {
        Viewer e = engineer.viewer();
        CustomerSummary row = customers.list(e, new CustomerQuery("acme", null, null, null, false, null, null, 50)).items().get(0);
        assertEquals(List.of("m365-backup", "sms"), row.products());
        assertEquals(List.of("eric", "vic"), row.staff().stream().map(CustomerSummary.StaffRef::username).toList());
        assertEquals(Set.of(acme.id()), ids(customers.list(e, new CustomerQuery(null, "sms", null, null, false, null, null, 50))));
        assertEquals(Set.of(globex.id()), ids(customers.list(e, new CustomerQuery(null, null, "trial", null, false, null, null, 50))));
        long pod = customers.groups(e).get(0).id();
        assertEquals(Set.of(globex.id()), ids(customers.list(e, new CustomerQuery(null, null, null, pod, false, null, null, 50))));
        assertEquals(Set.of(acme.id()), ids(customers.list(e, new CustomerQuery(null, null, "expired", null, false, null, null, 50))));
        actions.hideExpired(e, acme.id(), true);
        assertEquals(List.of("sms"), customers.list(e, new CustomerQuery("acme", null, null, null, false, null, null, 50))
                .items().get(0).products());
        assertEquals(0, customers.list(e, new CustomerQuery(null, null, "expired", null, false, null, null, 50)).total());
        assertEquals(1, customers.subscriptions(e, acme.id(), null).size());
        assertTrue(customers.details(e, acme.id()).hideExpired());
    }

    @Test
    public void viewersAndViewOnlyPartnersMayNotAct() {
        Viewer v = viewer.viewer();
        List<Supplier<Object>> calls = List.of(
                () -> actions.update(v, acme.id(), new CustomerUpdate("New", null, null, null, null, null, null)),
                () -> actions.setLogo(v, acme.id(), new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, 0}),
                () -> { actions.pin(v, acme.id(), true); return null; },
                () -> { actions.hideExpired(v, acme.id(), true); return null; },
                () -> actions.addSubscriptions(v, acme.id(), List.of(new SubscriptionChange("video", null, null, null, null, null))),
                () -> actions.editSubscription(v, acme.id(), "sms", new SubscriptionChange(null, "suspended", null, null, null, null)),
                () -> actions.disconnect(v, acme.id(), "Yes"),
                () -> actions.openEnvironment(v, acme.id()));
        for (Supplier<Object> call : calls) {
            assertThrows(ForbiddenException.class, call::get);
        }
        long denied = audit.query(partnerA, new AuditQuery(null, null, "vic", null, null, null, 100)).items().stream()
                .filter(x -> x.outcome().equals(AuditLog.DENIED)).count();
        assertEquals(calls.size(), denied);
        Jdbc.update(db.dataSource(), "UPDATE partner SET view_only = TRUE WHERE id = ?", List.of(partnerA));
        StaffUser viewOnlyAdmin = staff.find("anna").orElseThrow();
        assertThrows(ForbiddenException.class, () -> actions.pin(viewOnlyAdmin.viewer(), acme.id(), true));
    }

    @Test
    public void editsAreValidatedAndAudited() {
        Viewer e = engineer.viewer();
        assertEquals("environmentUrl", assertThrows(InvalidParameterException.class, () -> actions.update(e, acme.id(),
                new CustomerUpdate(null, null, "javascript:alert(1)", null, null, null, null))).parameter());
        assertEquals("billingRecipients", assertThrows(InvalidParameterException.class, () -> actions.update(e, acme.id(),
                new CustomerUpdate(null, null, null, null, null, List.of("not-an-address"), null))).parameter());
        assertEquals("billingRecipients", assertThrows(InvalidParameterException.class, () -> actions.update(e, acme.id(),
                new CustomerUpdate(null, null, null, null, true, null, null))).parameter());
        assertEquals("currency", assertThrows(InvalidParameterException.class, () -> actions.update(e, acme.id(),
                new CustomerUpdate(null, "euro", null, null, null, null, null))).parameter());
        assertThrows(ForbiddenException.class, () -> actions.update(e, acme.id(),
                new CustomerUpdate(null, null, null, false, null, null, null)));
        var d = actions.update(e, acme.id(), new CustomerUpdate("Acme Europe", null, "https://acme.example.com/", null, true,
                List.of("billing@acme.example.com"), "Standard"));
        assertEquals("Acme Europe", d.summary().name());
        assertEquals(List.of("billing@acme.example.com"), d.billingRecipients());
        assertTrue(d.billingSend());
        assertEquals("https://acme.example.com/", actions.openEnvironment(e, acme.id()));
        CustomerRef locked = initech;
        assertThrows(org.sightline.core.ConflictException.class, () -> actions.openEnvironment(admin.viewer(), locked.id()));
        List<AuditEntry> log = audit.query(partnerA, new AuditQuery(null, null, "eric", acme.id(), "customer.", null, 100)).items();
        assertEquals("customer.environment", log.get(0).action());
        assertTrue(log.stream().anyMatch(x -> x.action().equals("customer.edit") && x.outcome().equals(AuditLog.OK)
                && x.detail().contains("billingRecipients")));
        assertTrue(log.stream().anyMatch(x -> x.outcome().equals(AuditLog.FAILED) && x.detail().startsWith("environmentUrl")));
    }

    @Test
    public void logosMustBeImagesByTheirBytes() {
        Viewer e = engineer.viewer();
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0};
        assertEquals("image/png", actions.setLogo(e, acme.id(), png));
        assertEquals("image/png", customers.logo(e, acme.id()).contentType());
        assertEquals(1, customers.logo(e, acme.id()).version());
        byte[] html = "<html><script>alert(1)</script></html>".getBytes();
        assertEquals("logo", assertThrows(InvalidParameterException.class, () -> actions.setLogo(e, acme.id(), html)).parameter());
        byte[] big = new byte[256 * 1024 + 1];
        big[0] = (byte) 0xff;
        big[1] = (byte) 0xd8;
        big[2] = (byte) 0xff;
        assertThrows(InvalidParameterException.class, () -> actions.setLogo(e, acme.id(), big));
        byte[] webp = {'R', 'I', 'F', 'F', 0, 0, 0, 0, 'W', 'E', 'B', 'P'};
        assertEquals("image/webp", actions.setLogo(e, acme.id(), webp));
        assertEquals(2, customers.list(e, new CustomerQuery("acme", null, null, null, false, null, null, 5)).items().get(0).logoVersion());
    }

    @Test
    public void thePartnersLogoIsForItsAdminsAndChecked() {
        PartnerLogosImpl logos = new PartnerLogosImpl(storage(db.dataSource()), audit);
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0};
        assertThrows(org.sightline.core.ForbiddenException.class, () -> logos.setLogo(engineer.viewer(), png));
        assertThrows(org.sightline.core.ForbiddenException.class, () -> logos.removeLogo(viewer.viewer()));
        assertThrows(org.sightline.core.NotFoundException.class, () -> logos.logo(viewer.viewer()));
        Viewer a = admin.viewer();
        assertEquals("image/png", logos.setLogo(a, png));
        assertEquals(1, logos.logo(viewer.viewer()).version());
        byte[] html = "<svg onload=alert(1)>".getBytes();
        assertEquals("logo", assertThrows(InvalidParameterException.class, () -> logos.setLogo(a, html)).parameter());
        assertEquals("logo", assertThrows(InvalidParameterException.class, () -> logos.setLogo(a, new byte[0])).parameter());
        byte[] big = new byte[256 * 1024 + 1];
        big[0] = (byte) 0xff;
        big[1] = (byte) 0xd8;
        big[2] = (byte) 0xff;
        assertThrows(InvalidParameterException.class, () -> logos.setLogo(a, big));
        byte[] jpeg = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, 0};
        assertEquals("image/jpeg", logos.setLogo(a, jpeg));
        assertEquals(2, logos.logo(engineer.viewer()).version());
        assertEquals("image/jpeg", logos.logo(engineer.viewer()).contentType());
        // another partner's staff never see it
        StaffUser other = staff.create(partnerB, "otto", "Otto Other", "admin", "otto-secret-12".toCharArray());
        assertThrows(org.sightline.core.NotFoundException.class, () -> logos.logo(other.viewer()));
        logos.removeLogo(a);
        assertThrows(org.sightline.core.NotFoundException.class, () -> logos.logo(a));
        List<AuditEntry> log = audit.query(partnerA, new AuditQuery(null, null, null, null, "partner.logo", null, 100)).items();
        assertEquals(1, log.stream().filter(x -> x.outcome().equals(AuditLog.DENIED) && x.actor().equals("eric")).count());
        assertEquals(3, log.stream().filter(x -> x.outcome().equals(AuditLog.FAILED)).count());
        assertEquals(3, log.stream().filter(x -> x.outcome().equals(AuditLog.OK)).count());
    }

    @Test
    public void subscriptionsAreAddedAndEdited() {
        Viewer e = engineer.viewer();
        var added = actions.addSubscriptions(e, acme.id(), List.of(new SubscriptionChange("video", null, null, null, null, 100L)));
        assertEquals("not-started", added.get(0).status());
        assertEquals(Long.valueOf(100), added.get(0).quota());
        assertEquals("productId", assertThrows(InvalidParameterException.class, () -> actions.addSubscriptions(e, acme.id(),
                List.of(new SubscriptionChange("sms", null, null, null, null, null)))).parameter());
        var edited = actions.editSubscription(e, acme.id(), "video", new SubscriptionChange(null, "partially-started", null, null, 40L, null));
        assertEquals("partially-started", edited.status());
        assertEquals(Long.valueOf(40), edited.quantity());
        assertEquals(Long.valueOf(100), edited.quota());
        assertEquals("status", assertThrows(InvalidParameterException.class, () -> actions.editSubscription(e, acme.id(), "video",
                new SubscriptionChange(null, "paused", null, null, null, null))).parameter());
        assertThrows(NotFoundException.class, () -> actions.editSubscription(e, acme.id(), "nothing",
                new SubscriptionChange(null, "active", null, null, null, null)));
        assertEquals(1, customers.subscriptions(e, acme.id(), "partially-started").size());
    }

    @Test
    public void disconnectIsAllOrNothing() throws Exception {
        Viewer a = admin.viewer();
        actions.pin(a, acme.id(), true);
        List<Long> deleted = new ArrayList<>();
        actions.addOwner(1, new org.sightline.api.data.CustomerDataOwner() {
            public String module() { return "alpha"; }
            public void deleteCustomerData(CustomerRef c, javax.sql.DataSource tx) throws Exception {
                try (Connection conn = tx.getConnection()) {
                    Jdbc.update(conn, "DELETE FROM subscription WHERE customer_id = ?", List.of(c.id()));
                }
                deleted.add(c.id());
            }
        });
        actions.addOwner(2, new org.sightline.api.data.CustomerDataOwner() {
            public String module() { return "broken"; }
            public void deleteCustomerData(CustomerRef c, javax.sql.DataSource tx) throws Exception {
                throw new java.sql.SQLException("disk on fire");
            }
        });
        assertEquals("confirm", assertThrows(InvalidParameterException.class, () -> actions.disconnect(a, acme.id(), "yes")).parameter());
        org.sightline.core.ActionFailedException e = assertThrows(org.sightline.core.ActionFailedException.class, () -> actions.disconnect(a, acme.id(), "Yes"));
        assertTrue(e.getMessage(), e.getMessage().contains("broken"));
        assertEquals(List.of(acme.id()), deleted);
        assertTrue(customers.find(a, acme.id()).isPresent());
        assertEquals(2, customers.subscriptions(a, acme.id(), null).size());
        AuditEntry failed = audit.query(partnerA, new AuditQuery(null, null, null, acme.id(), "customer.disconnect", null, 5)).items().get(0);
        assertEquals(AuditLog.FAILED, failed.outcome());

        actions.addOwner(2, new org.sightline.api.data.CustomerDataOwner() {
            public String module() { return "beta"; }
            public void deleteCustomerData(CustomerRef c, javax.sql.DataSource tx) { }
        });
        assertEquals(List.of("alpha", "beta"), actions.disconnect(a, acme.id(), "Yes"));
        assertTrue(customers.find(a, acme.id()).isEmpty());
        assertEquals(0L, (long) Jdbc.one(db.dataSource(), "SELECT COUNT(*) FROM customer_pin", List.of(), rs -> rs.getLong(1)).get());
        AuditEntry ok = audit.query(partnerA, new AuditQuery(null, null, null, acme.id(), "customer.disconnect", null, 5)).items().get(0);
        assertEquals(AuditLog.OK, ok.outcome());
        assertEquals("Acme Corp (ACME-1)", ok.customer());
    }

    @Test
    public void failedSignInsAreThrottledPerUserAndPerAddress() {
        SignInGuardImpl guard = new SignInGuardImpl(db.dataSource(), audit, 3, 60, 5, 600);
        guard.check("eric", "10.0.0.1");
        for (int i = 0; i < 3; i++) {
            guard.failed("eric", "10.0.0.1", "password");
        }
        TooManyRequestsException user = assertThrows(TooManyRequestsException.class, () -> guard.check("eric", "10.0.0.2"));
        assertTrue(user.retryAfterSeconds() > 30);
        guard.check("anna", "10.0.0.2");
        guard.failed("nobody", "10.0.0.1", "password");
        guard.failed("nobody", "10.0.0.1", "password");
        assertThrows(TooManyRequestsException.class, () -> guard.check("anna", "10.0.0.1"));
        guard.succeeded(admin, "10.0.0.3", "password");
        List<AuditEntry> signIns = audit.query(partnerA, new AuditQuery(null, null, null, null, "session.signin", null, 100)).items();
        assertEquals(4, signIns.size());
        assertEquals(AuditLog.OK, signIns.get(0).outcome());
        assertEquals("10.0.0.3", signIns.get(0).address());
    }

    @Test
    public void anOperatorSubscribesAnyPartnersCustomerAndIsAuditedByName() {
        actions.subscribeAsOperator(OPERATOR, foreign.id(), "voice", "trial");
        assertTrue(customers.subscribedProducts(foreign.id()).contains("voice"));
        List<AuditEntry> log = audit.query(foreign.partnerId(), new AuditQuery(null, null, "shell:karaf", foreign.id(),
                "subscription.", null, 10)).items();
        assertEquals(1, log.size());
        assertEquals("voice (trial)", log.get(0).detail());
        assertThrows(NotFoundException.class, () -> actions.subscribeAsOperator(OPERATOR, 999_999, "voice", "trial"));
        assertThrows(InvalidParameterException.class, () -> actions.subscribeAsOperator(OPERATOR, acme.id(), "Voice!", "trial"));
        assertThrows(InvalidParameterException.class, () -> actions.subscribeAsOperator(OPERATOR, acme.id(), "voice", "bogus"));
    }

    @Test
    public void sessionsExpireWhenIdleAndEndWhenTheUserIsDisabled() throws Exception {
        WebSessionStoreImpl sessions = WebSessionStoreImpl.on(db.dataSource(), Duration.ofMinutes(30), Duration.ofHours(12), audit);
        WebSession s = sessions.create(engineer, "127.0.0.1");
        assertNotNull(s.secret());
        WebSession found = sessions.find(s.secret()).orElseThrow();
        assertEquals(s.csrfToken(), found.csrfToken());
        assertEquals("eric", found.user().username());
        assertNull(found.secret());
        assertTrue(sessions.find(s.secret() + "x").isEmpty());
        String stored = Jdbc.one(db.dataSource(), "SELECT id_hash FROM web_session", List.of(), rs -> rs.getString(1)).orElseThrow();
        assertFalse(stored.contains(s.secret()));
        staff.setEnabled("eric", false);
        assertTrue(sessions.find(s.secret()).isEmpty());
        // Idle for 2 s: long enough that a busy machine (seen: > 200 ms between two statements under load)
        // does not end the session before it is first looked up.
        WebSessionStoreImpl quick = WebSessionStoreImpl.on(db.dataSource(), Duration.ofSeconds(2), Duration.ofHours(12), audit);
        WebSession v = quick.create(viewer, null);
        assertTrue(quick.find(v.secret()).isPresent());
        Thread.sleep(2_500);
        assertTrue(quick.find(v.secret()).isEmpty());
        WebSession w = sessions.create(admin, null);
        assertTrue(sessions.signOut(w.secret()));
        assertTrue(sessions.find(w.secret()).isEmpty());
        assertFalse("an ended session cannot sign out again", sessions.signOut(w.secret()));
        List<AuditEntry> signOuts = audit.query(partnerA, new AuditQuery(null, null, null, null, "session.signout", null, 100)).items();
        assertEquals("one sign-out, under the session's user", List.of("anna"), signOuts.stream().map(AuditEntry::actor).toList());
    }
    private StaffAdminImpl staffAdmin(TokenServiceImpl tokens) {
        return new StaffAdminImpl(staff, tokens, audit, customers);
    }

    private TokenServiceImpl tokens() {
        CoreStorage storage = org.mockito.Mockito.mock(CoreStorage.class);
        org.mockito.Mockito.when(storage.dataSource()).thenReturn(db.dataSource());
        return new TokenServiceImpl(storage, audit);
    }

    @Test
    public void aTakenUsernameGetsTheSameAnswerWhicheverPartnerHoldsIt() throws Exception {
        staff.create(partnerB, "bert", "Bert of B", "admin", "bert-secret-12".toCharArray());
        StaffAdminImpl admins = staffAdmin(tokens());
        ConflictException other = assertThrows(ConflictException.class,
                () -> admins.create(admin.viewer(), "bert", "Someone", "viewer", "someone-secret-1".toCharArray()));
        ConflictException own = assertThrows(ConflictException.class,
                () -> admins.create(admin.viewer(), "eric", "Someone", "viewer", "someone-secret-1".toCharArray()));
        assertEquals("That username cannot be used.", other.getMessage());
        assertEquals(own.getMessage(), other.getMessage());
        assertEquals(own.status(), other.status());
        assertEquals(409, other.status());
        assertFalse(other.getMessage().contains("partner"));
    }

    @Test
    public void partnerAdminsDoNotOperateTheServerOperatorsDo() {
        assertFalse(admin.viewer().can(Permissions.ADMIN));
        assertTrue(admin.viewer().can(Roles.PARTNER_ADMIN));
        staff.setOperator("anna", true);
        StaffUser op = staff.find("anna").orElseThrow();
        assertTrue(op.operator());
        assertTrue(op.viewer().can(Permissions.ADMIN));
        assertTrue(op.viewer().can(Roles.PARTNER_ADMIN));
        assertFalse(staff.find("eric").orElseThrow().viewer().can(Permissions.ADMIN));
        staff.setOperator("anna", false);
        assertFalse(staff.find("anna").orElseThrow().viewer().can(Permissions.ADMIN));
    }

    @Test
    public void disablingChangesTheCredentialVersionAndEnablingAgainDoesToo() {
        long v0 = staff.find("eric").orElseThrow().credentialVersion();
        staff.setEnabled("eric", false);
        long v1 = staff.find("eric").orElseThrow().credentialVersion();
        staff.setEnabled("eric", true);
        long v2 = staff.find("eric").orElseThrow().credentialVersion();
        staff.setPassword("eric", "eric-secret-new".toCharArray());
        long v3 = staff.find("eric").orElseThrow().credentialVersion();
        staff.setOperator("eric", true);
        long v4 = staff.find("eric").orElseThrow().credentialVersion();
        assertTrue(v0 < v1 && v1 < v2 && v2 < v3 && v3 < v4);
        assertTrue(staff.checkPassword("eric", "eric-secret-1".toCharArray()).isEmpty());
    }

    @Test
    public void aPartnerAdminDisablesAUserEndingSessionsAndTokensAtOnceAndEnablesThemAgain() throws Exception {
        TokenServiceImpl tokens = tokens();
        StaffAdminImpl admins = staffAdmin(tokens);
        WebSessionStoreImpl sessions = WebSessionStoreImpl.on(db.dataSource(), Duration.ofMinutes(30), Duration.ofHours(12), audit);
        WebSession s = sessions.create(engineer, "127.0.0.1");
        String ericsToken = tokens.create(partnerA, "eric's ingester", "ingest", "eric");
        String annasToken = tokens.create(partnerA, "anna's reader", "read", "anna");
        assertTrue(tokens.authenticate(ericsToken).isPresent());

        StaffUser off = admins.setEnabled(admin.viewer(), "eric", false);
        assertFalse(off.enabled());
        assertTrue(sessions.find(s.secret()).isEmpty());
        assertTrue(tokens.authenticate(ericsToken).isEmpty());
        assertTrue(tokens.authenticate(annasToken).isPresent());
        assertTrue(staff.checkPassword("eric", "eric-secret-1".toCharArray()).isEmpty());
        AuditEntry e = audit.query(partnerA, new AuditQuery(null, null, null, null, "staff.disable", null, 10)).items().get(0);
        assertEquals("anna", e.actor());
        assertEquals(AuditLog.OK, e.outcome());
        assertTrue(e.detail(), e.detail().contains("eric") && e.detail().contains("1 API token"));

        assertTrue(admins.setEnabled(admin.viewer(), "eric", true).enabled());
        assertTrue(staff.checkPassword("eric", "eric-secret-1".toCharArray()).isPresent());
        assertEquals(1, audit.query(partnerA, new AuditQuery(null, null, null, null, "staff.enable", null, 10)).items().size());
    }

    @Test
    public void disablingIsScopedToThePartnerAndNeedsAPartnerAdmin() throws Exception {
        StaffAdminImpl admins = staffAdmin(tokens());
        StaffUser bert = staff.create(partnerB, "bert", "Bert of B", "admin", "bert-secret-12".toCharArray());
        assertThrows(NotFoundException.class, () -> admins.setEnabled(admin.viewer(), "bert", false));
        assertThrows(NotFoundException.class, () -> admins.setEnabled(admin.viewer(), "nobody", false));
        assertTrue(staff.find("bert").orElseThrow().enabled());
        assertThrows(ForbiddenException.class, () -> admins.setEnabled(engineer.viewer(), "vic", false));
        assertTrue(staff.find("vic").orElseThrow().enabled());
        assertThrows(ForbiddenException.class, () -> admins.setEnabled(admin.viewer(), "anna", false));
        assertEquals(AuditLog.DENIED, audit.query(partnerA, new AuditQuery(null, null, "eric", null, "staff.disable", null, 10))
                .items().get(0).outcome());
        // The shell's operator reaches any partner, audited there.
        assertFalse(admins.setEnabledAsOperator(OPERATOR, "bert", false).enabled());
        assertEquals("shell:karaf", audit.query(partnerB, new AuditQuery(null, null, null, null, "staff.disable", null, 10))
                .items().get(0).actor());
        assertEquals(bert.id(), staff.find("bert").orElseThrow().id());
    }

    @Test
    public void theShellsUserCommandsNeedAnOperatorAndAreAuditedInTheUsersPartner() throws Exception {
        StaffAdminImpl admins = staffAdmin(tokens());
        assertThrows(ForbiddenException.class, () -> admins.createAsOperator(admin.viewer(), partnerB, "olga", "Olga",
                "admin", "olga-secret-12".toCharArray(), true));
        assertTrue(staff.find("olga").isEmpty());

        StaffUser olga = admins.createAsOperator(OPERATOR, partnerB, "olga", "Olga", "admin", "olga-secret-12".toCharArray(), true);
        assertTrue(olga.operator());
        admins.setPasswordAsOperator(OPERATOR, "olga", "olga-new-secret-1".toCharArray());
        assertTrue(staff.checkPassword("olga", "olga-new-secret-1".toCharArray()).isPresent());
        admins.setServerOperator(OPERATOR, "olga", false);
        assertFalse(staff.find("olga").orElseThrow().operator());
        assertThrows(NotFoundException.class, () -> admins.setPasswordAsOperator(OPERATOR, "nobody", "x-secret-123".toCharArray()));
        assertThrows(ForbiddenException.class, () -> admins.setServerOperator(admin.viewer(), "olga", true));

        assertEquals(List.of("staff.operator", "staff.password", "staff.create"), actions(audit.query(partnerB,
                new AuditQuery(null, null, "shell:karaf", null, "staff.", null, 10)).items()));
    }

    @Test
    public void aPartnerAdminCreatesACustomerWithTheEditsRules() {
        Viewer a = admin.viewer();
        CustomerDetails d = actions.create(a, "NEW-1", new CustomerUpdate("  New Co ", "CHF", "https://new.example.com",
                null, true, List.of("billing@new.example.com"), null));
        assertEquals("New Co", d.summary().name());
        assertEquals("NEW-1", d.summary().accountId());
        assertEquals("CHF", d.summary().currency());
        assertEquals("https://new.example.com", d.environmentUrl());
        assertTrue(d.billingSend());
        assertTrue(customers.find(a, d.summary().id()).isPresent());
        assertTrue(customers.find(engineer.viewer(), d.summary().id()).isEmpty());
        assertTrue(customers.find(staff.create(partnerB, "bert", "Bert", "admin", "bert-secret-12".toCharArray()).viewer(),
                d.summary().id()).isEmpty());
        AuditEntry e = audit.query(partnerA, new AuditQuery(null, null, null, null, "customer.create", null, 10)).items().get(0);
        assertEquals(AuditLog.OK, e.outcome());
        assertEquals(Long.valueOf(d.summary().id()), e.customerId());

        assertEquals("currency", assertThrows(InvalidParameterException.class, () -> actions.create(a, "NEW-2",
                new CustomerUpdate("X", "eur", null, null, null, null, null))).parameter());
        assertEquals("currency", assertThrows(InvalidParameterException.class, () -> actions.create(a, "NEW-2",
                new CustomerUpdate("X", null, null, null, null, null, null))).parameter());
        assertEquals("name", assertThrows(InvalidParameterException.class, () -> actions.create(a, "NEW-2",
                new CustomerUpdate("   ", "EUR", null, null, null, null, null))).parameter());
        assertEquals("environmentUrl", assertThrows(InvalidParameterException.class, () -> actions.create(a, "NEW-2",
                new CustomerUpdate("X", "EUR", "http://plain.example.com", null, null, null, null))).parameter());
        assertEquals("accountId", assertThrows(InvalidParameterException.class, () -> actions.create(a, "no spaces",
                new CustomerUpdate("X", "EUR", null, null, null, null, null))).parameter());
        assertEquals("billingRecipients", assertThrows(InvalidParameterException.class, () -> actions.create(a, "NEW-2",
                new CustomerUpdate("X", "EUR", null, null, true, null, null))).parameter());
        assertThrows(ConflictException.class, () -> actions.create(a, "ACME-1",
                new CustomerUpdate("Again", "EUR", null, null, null, null, null)));
        // Another partner's account id is free here.
        assertEquals("FOR-1", actions.create(a, "FOR-1", new CustomerUpdate("Mine", "EUR", null, null, null, null, null))
                .summary().accountId());
        assertThrows(ForbiddenException.class, () -> actions.create(engineer.viewer(), "NEW-3",
                new CustomerUpdate("X", "EUR", null, null, null, null, null)));
        assertTrue(customers.findByAccount(partnerA, "NEW-2").isEmpty());
        assertTrue(customers.findByAccount(partnerA, "NEW-3").isEmpty());
    }

    @Test
    public void theCoreChecksScopeAndPermissionAndAuditsTokensAssignmentsAndAuditExports() {
        TokenServiceImpl tokens = tokens();
        StaffAdminImpl admins = staffAdmin(tokens);
        Viewer anna = admin.viewer();
        Viewer eric = engineer.viewer();
        // tokens: partner admins only, audited, and a token's permissions come from its scope
        assertThrows(ForbiddenException.class, () -> tokens.create(eric, "ci", null));
        org.sightline.core.TokenService.NewToken t = tokens.create(anna, "ci", null);
        assertEquals("read", t.scope());
        Viewer token = tokens.authenticate(t.secret()).orElseThrow().viewer();
        assertEquals("token:ci", token.user());
        assertTrue(token.can(Permissions.CUSTOMER_READ));
        assertFalse(token.can(Permissions.CUSTOMER_ACT));
        assertEquals(Set.of(Permissions.INGEST), Roles.tokenPermissions("ingest"));
        long id = tokens.list(anna).get(0).id();
        assertThrows(NotFoundException.class, () -> tokens.revoke(new Viewer("bea", partnerB, Set.of(Roles.ADMIN),
                Roles.permissions(Roles.ADMIN, false, false)), id));
        tokens.revoke(anna, id);
        assertThrows(NotFoundException.class, () -> tokens.revoke(anna, id));
        assertEquals(List.of("token.revoke", "token.create"), actions(audit.query(anna, new AuditQuery(null, null, "anna", null,
                "token.", null, 10)).items()));
        // assignments: a customer outside the admin's partner is 404, an assignment is audited
        assertThrows(ForbiddenException.class, () -> admins.assign(eric, "vic", StaffAdmin.Target.CUSTOMER, globex.id(), true));
        assertThrows(NotFoundException.class, () -> admins.assign(anna, "vic", StaffAdmin.Target.CUSTOMER, foreign.id(), true));
        admins.assign(anna, "vic", StaffAdmin.Target.CUSTOMER, globex.id(), true);
        assertTrue(admins.assignments(anna, "vic").customers().contains(globex.id()));
        admins.assign(anna, "vic", StaffAdmin.Target.CUSTOMER, globex.id(), false);
        assertThrows(NotFoundException.class, () -> admins.assign(anna, "vic", StaffAdmin.Target.CUSTOMER, globex.id(), false));
        assertEquals(List.of("staff.unassign", "staff.assign"), actions(audit.query(anna, new AuditQuery(null, null, "anna",
                globex.id(), "staff.", null, 10)).items()));
        // the audit log: audit.read only; an export is itself audited before its rows are read
        assertThrows(ForbiddenException.class, () -> audit.query(eric, new AuditQuery(null, null, null, null, null, null, 10)));
        assertThrows(ForbiddenException.class, () -> audit.export(eric, new AuditQuery(null, null, null, null, null, null, 10), 10, "csv"));
        AuditLog.Export export = audit.export(anna, new AuditQuery(null, null, "anna", null, null, null, 10), 100, "csv");
        List<String> rows = new java.util.ArrayList<>();
        export.forEach(e -> rows.add(e.action()));
        assertEquals("audit.export", rows.get(0));
    }

    private static List<String> actions(List<AuditEntry> entries) {
        return entries.stream().map(AuditEntry::action).toList();
    }

    @Test
    public void operatorsCreateViewOnlyPartners() {
        long hub = customers.createPartner("  Hub  ", true);
        StaffUser h = staff.create(hub, "hubby", "Hub Admin", "admin", "hubby-secret-1".toCharArray());
        assertTrue(h.partnerViewOnly());
        assertEquals("Hub", h.partnerName());
        assertFalse(h.viewer().can(Permissions.CUSTOMER_ACT));
        assertFalse(customers.find(admin.viewer(), 0).isPresent());
    }

    /** The core's storage on the test database. */
    static org.sightline.core.internal.storage.CoreStorage storage(javax.sql.DataSource ds) {
        org.sightline.core.internal.storage.CoreStorage storage = org.mockito.Mockito.mock(org.sightline.core.internal.storage.CoreStorage.class);
        org.mockito.Mockito.when(storage.dataSource()).thenReturn(ds);
        org.mockito.Mockito.when(storage.transactions()).thenReturn(new Transactions(ds));
        return storage;
    }
}
