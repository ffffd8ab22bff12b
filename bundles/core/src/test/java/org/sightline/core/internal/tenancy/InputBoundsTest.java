package org.sightline.core.internal.tenancy;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.sightline.api.CustomerRef;
import org.sightline.api.Viewer;
import org.sightline.core.AuditQuery;
import org.sightline.core.CustomerUpdate;
import org.sightline.core.InvalidParameterException;
import org.sightline.core.internal.audit.AuditLogImpl;
import org.sightline.core.internal.auth.Passwords;
import org.sightline.core.internal.auth.StaffDirectoryImpl;
import org.sightline.core.internal.cache.ChangeNotes;

/**
 * Input that does not fit a column or a sane time is a 400 naming the field (InvalidParameterException), never
 * a database error: lengths are checked after normalising, on H2 and PostgreSQL.
 */
@RunWith(Parameterized.class)
public class InputBoundsTest {

    @Parameterized.Parameters(name = "{0}")
    public static List<Object[]> kinds() {
        return PortalDb.kinds();
    }

    private final String kind;
    private PortalDb db;
    private CustomerDirectoryImpl customers;
    private CustomerActionsImpl actions;
    private AuditLogImpl audit;
    private long partner;
    private Viewer admin;
    private CustomerRef acme;

    public InputBoundsTest(String kind) {
        this.kind = kind;
    }

    @Before
    public void setUp() throws Exception {
        db = new PortalDb(kind);
        ChangeNotes changes = new ChangeNotes();
        CustomerIndex index = CustomerIndex.on(db.dataSource(), changes, StaffDirectoryImpl.on(db.dataSource(), new Passwords(4), changes));
        customers = CustomerDirectoryImpl.on(db.dataSource(), index, changes);
        audit = AuditLogImpl.on(db.dataSource());
        actions = new CustomerActionsImpl(customers, PortalServicesTest.storage(db.dataSource()), audit, changes, index);
        StaffDirectoryImpl staff = StaffDirectoryImpl.on(db.dataSource(), new Passwords(4), changes);
        partner = customers.createPartner("Partner A");
        admin = staff.create(partner, "anna", "Anna Admin", "admin", "anna-secret-1".toCharArray()).viewer();
        acme = customers.createCustomer(partner, "ACME-1", "Acme Corp", "EUR", true);
    }

    @After
    public void tearDown() throws Exception {
        db.close();
    }

    @Test
    public void aNameThatIsTooLongOnlyInLowerCaseIsA400AndChangesNothing() {
        String dotted = "İ".repeat(200); // 200 characters; lower case "i̇" is two each
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> actions.update(admin, acme.id(), new CustomerUpdate(dotted, null, null, null, null, null, null)));
        assertEquals("name", e.parameter());
        assertEquals("Acme Corp", customers.find(admin, acme.id()).orElseThrow().name());
        assertEquals("name", assertThrows(InvalidParameterException.class,
                () -> customers.createCustomer(partner, "DOT-1", dotted, "EUR", true)).parameter());
        // 100 of them fit: 200 characters in lower case
        String fits = "İ".repeat(100);
        assertEquals(fits, actions.update(admin, acme.id(), new CustomerUpdate(fits, null, null, null, null, null, null)).summary().name());
    }

    @Test
    public void billingRecipientsLongerThanTheirColumnTogetherAreA400() {
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            many.add("billing.department.number" + i + "@accounts.acme-corporation.example.com"); // ~60 each, 1 200 in all
        }
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> actions.update(admin, acme.id(), new CustomerUpdate(null, null, null, null, null, many, null)));
        assertEquals("billingRecipients", e.parameter());
        List<String> some = many.subList(0, 10);
        assertEquals(some, actions.update(admin, acme.id(), new CustomerUpdate(null, null, null, null, null, some, null))
                .billingRecipients());
    }

    @Test
    public void auditTimesAndCursorsOutsideTheYears1To9999AreA400() {
        Instant far = Instant.parse("+1000000000-12-31T23:59:59Z");
        assertEquals("from", assertThrows(InvalidParameterException.class,
                () -> audit.query(partner, new AuditQuery(far.minusSeconds(1), null, null, null, null, null, 10))).parameter());
        assertEquals("to", assertThrows(InvalidParameterException.class,
                () -> audit.query(partner, new AuditQuery(null, far, null, null, null, null, 10))).parameter());
        String cursor = Base64.getUrlEncoder().withoutPadding()
                .encodeToString((far + "|5").getBytes(StandardCharsets.UTF_8));
        assertEquals("cursor", assertThrows(InvalidParameterException.class,
                () -> audit.query(partner, new AuditQuery(null, null, null, null, null, cursor, 10))).parameter());
    }

}
