package org.sightline.core.internal.widgets;

import static org.junit.Assert.assertEquals;
import static org.sightline.core.internal.catalogue.ProductCatalogueImplTest.product;
import static org.sightline.core.internal.catalogue.ProductCatalogueImplTest.service;
import static org.sightline.core.internal.catalogue.ProductCatalogueImplTest.storage;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.sightline.api.CustomerRef;
import org.sightline.api.Product;
import org.sightline.api.Viewer;
import org.sightline.api.view.Cell;
import org.sightline.api.view.StatusListView;
import org.sightline.api.view.TableView;
import org.sightline.api.widget.PageRequest;
import org.sightline.api.widget.TimeRange;
import org.sightline.api.widget.WidgetRequest;
import org.sightline.core.internal.auth.Passwords;
import org.sightline.core.internal.auth.StaffDirectoryImpl;
import org.sightline.core.internal.cache.ChangeNotes;
import org.sightline.core.internal.catalogue.ProductCatalogueImpl;
import org.sightline.core.internal.tenancy.CustomerDirectoryImpl;
import org.sightline.core.internal.tenancy.CustomerIndex;
import org.sightline.core.internal.tenancy.PortalDb;

public class SubscriptionsWidgetTest {
    private PortalDb db;
    private CustomerDirectoryImpl customers;
    private Viewer admin;
    private CustomerRef acme;

    @Before
    public void setUp() throws Exception {
        db = new PortalDb("h2");
        ChangeNotes changes = new ChangeNotes();
        CustomerIndex index = CustomerIndex.on(db.dataSource(), changes, StaffDirectoryImpl.on(db.dataSource(), new Passwords(4), changes));
        customers = CustomerDirectoryImpl.on(db.dataSource(), index, changes);
        long partner = customers.createPartner("Partner A");
        admin = StaffDirectoryImpl.on(db.dataSource(), new Passwords(4), changes)
                .create(partner, "anna", "Anna Admin", "admin", "anna-secret-1".toCharArray()).viewer();
        acme = customers.createCustomer(partner, "ACME-1", "Acme Corp", "EUR", true);
        customers.subscribe(acme.id(), "google-workspace-backup", "not-started");
        customers.subscribe(acme.id(), "sms", "active");
        customers.subscribe(acme.id(), "never-deployed", "trial");
    }

    @After
    public void tearDown() throws Exception {
        db.close();
    }

    @Test
    public void aSubscriptionToAProductWhoseBundleIsGoneShowsTheProductsRememberedName() throws Exception {
        ProductCatalogueImpl before = new ProductCatalogueImpl(storage(db.dataSource()), new ChangeNotes());
        Product backup = product("google-workspace-backup", "Cloud Backup for Google Workspace", Product.FAMILY_BACKUP, null);
        before.bindProduct(backup, service(1));
        before.unbindProduct(backup, service(1));
        ProductCatalogueImpl catalogue = new ProductCatalogueImpl(storage(db.dataSource()), new ChangeNotes());
        catalogue.bindProduct(product("sms", "SMS", Product.FAMILY_COMMUNICATIONS, null), service(2));

        TableView table = (TableView) new SubscriptionsWidget(customers, catalogue).render(request(acme));

        Map<String, List<Cell>> rows = new java.util.TreeMap<>();
        for (TableView.Row r : table.rows()) {
            rows.put(((Cell.Text) r.cells().get(0)).value(), r.cells());
        }
        assertEquals(List.of("Cloud Backup for Google Workspace", "SMS", "never-deployed"), List.copyOf(rows.keySet()));
        // Not deployed: nothing to start, only the subscription to edit.
        assertEquals("Edit subscription", ((Cell.LinkCell) rows.get("Cloud Backup for Google Workspace").get(6)).value().label());
    }

    @Test
    public void aDeployedBackupProductNotStartedOffersToStartIt() throws Exception {
        ProductCatalogueImpl catalogue = new ProductCatalogueImpl(storage(db.dataSource()), new ChangeNotes());
        catalogue.bindProduct(product("google-workspace-backup", "Cloud Backup for Google Workspace", Product.FAMILY_BACKUP, null),
                service(1));

        TableView table = (TableView) new SubscriptionsWidget(customers, catalogue).render(request(acme));

        TableView.Row row = table.rows().stream()
                .filter(r -> ((Cell.Text) r.cells().get(0)).value().equals("Cloud Backup for Google Workspace")).findFirst().orElseThrow();
        assertEquals("Start service", ((Cell.LinkCell) row.cells().get(6)).value().label());
    }

    @Test
    public void theCardsOfAnAccessDisabledCustomerNameUndeployedProductsToo() throws Exception {
        ProductCatalogueImpl catalogue = new ProductCatalogueImpl(storage(db.dataSource()), new ChangeNotes());
        Product backup = product("google-workspace-backup", "Cloud Backup for Google Workspace", Product.FAMILY_BACKUP, null);
        catalogue.bindProduct(backup, service(1));
        catalogue.unbindProduct(backup, service(1));
        CustomerRef disabled = new CustomerRef(acme.id(), acme.partnerId(), acme.accountId(), acme.name(), acme.currency(), false);

        StatusListView cards = (StatusListView) new SubscriptionsWidget(customers, catalogue).render(request(disabled));

        assertEquals(List.of("Cloud Backup for Google Workspace", "never-deployed", "sms"),
                cards.items().stream().map(StatusListView.Item::label).sorted().toList());
    }

    private WidgetRequest request(CustomerRef c) {
        return new WidgetRequest(c, admin, TimeRange.ending(Instant.now(), Duration.ofDays(30)), ZoneId.of("UTC"),
                PageRequest.first(), Map.of("status", "all"), null);
    }
}
