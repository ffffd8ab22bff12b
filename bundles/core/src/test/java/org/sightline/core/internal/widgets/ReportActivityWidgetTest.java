package org.sightline.core.internal.widgets;

import static org.junit.Assert.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.sightline.api.CustomerRef;
import org.sightline.api.Viewer;
import org.sightline.api.report.ReportActivity;
import org.sightline.api.view.Cell;
import org.sightline.api.view.TableView;
import org.sightline.api.widget.PageRequest;
import org.sightline.api.widget.TimeRange;
import org.sightline.api.widget.WidgetRequest;
import org.sightline.core.internal.audit.AuditLogImpl;
import org.sightline.core.internal.auth.Passwords;
import org.sightline.core.internal.auth.StaffDirectoryImpl;
import org.sightline.core.internal.cache.ChangeNotes;
import org.sightline.core.internal.report.ReportActivityService;
import org.sightline.core.internal.tenancy.CustomerDirectoryImpl;
import org.sightline.core.internal.tenancy.CustomerIndex;
import org.sightline.core.internal.tenancy.PortalDb;

public class ReportActivityWidgetTest {
    private PortalDb db;
    private Viewer anna;
    private CustomerRef acme;
    private CustomerRef other;

    @Before
    public void setUp() throws Exception {
        db = new PortalDb("h2");
        ChangeNotes changes = new ChangeNotes();
        CustomerIndex index = CustomerIndex.on(db.dataSource(), changes, StaffDirectoryImpl.on(db.dataSource(), new Passwords(4), changes));
        CustomerDirectoryImpl customers = CustomerDirectoryImpl.on(db.dataSource(), index, changes);
        long partner = customers.createPartner("Partner A");
        anna = StaffDirectoryImpl.on(db.dataSource(), new Passwords(4), changes)
                .create(partner, "anna", "Anna Admin", "admin", "anna-secret-1".toCharArray()).viewer();
        acme = customers.createCustomer(partner, "ACME-1", "Acme Corp", "EUR", true);
        other = customers.createCustomer(partner, "OTHER-1", "Other Corp", "EUR", true);
    }

    @After
    public void tearDown() throws Exception {
        db.close();
    }

    @Test
    public void aRecordedReportRunAndExportAreListedForTheirCustomerOnlyNewestFirstWithTheirUser() throws Exception {
        AuditLogImpl audit = AuditLogImpl.on(db.dataSource());
        ReportActivity activity = new ReportActivityService(audit);
        activity.record(request(acme), "SharePoint storage report", ReportActivity.Kind.RUN, true);
        Thread.sleep(5);
        activity.record(request(acme), "Unusual activity for jane.doe@example.com", ReportActivity.Kind.EXPORTED, false);
        activity.record(request(other), "Risk report", ReportActivity.Kind.GENERATED, true);

        TableView table = (TableView) new ReportActivityWidget(audit).render(request(acme));

        assertEquals(2, table.rows().size());
        List<Cell> newest = table.rows().get(0).cells();
        assertEquals("Exported", ((Cell.Text) newest.get(1)).value());
        assertEquals("anna", ((Cell.Text) newest.get(2)).value());
        assertEquals("the report name passes the privacy filter", "Unusual activity for j…@example.com",
                ((Cell.Text) newest.get(3)).value());
        assertEquals("Failed", ((Cell.Status) newest.get(4)).label());
        List<Cell> first = table.rows().get(1).cells();
        assertEquals("Run", ((Cell.Text) first.get(1)).value());
        assertEquals("SharePoint storage report", ((Cell.Text) first.get(3)).value());
        assertEquals("Done", ((Cell.Status) first.get(4)).label());
    }

    private WidgetRequest request(CustomerRef c) {
        return new WidgetRequest(c, anna, TimeRange.ending(Instant.now(), Duration.ofDays(30)), ZoneId.of("UTC"),
                PageRequest.first(), Map.of(), null);
    }
}
