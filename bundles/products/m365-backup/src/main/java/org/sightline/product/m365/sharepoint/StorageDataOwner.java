package org.sightline.product.m365.sharepoint;

import java.sql.Connection;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sightline.api.CustomerRef;
import org.sightline.api.data.CustomerDataOwner;

/** Deletes a disconnected customer's SharePoint storage days and app-profile permission. */
@Component(service = CustomerDataOwner.class)
public class StorageDataOwner implements CustomerDataOwner {
    private final StorageStore store;

    @Activate
    public StorageDataOwner(@Reference StorageStore store) {
        this.store = store;
    }

    @Override
    public String module() {
        return StorageStore.MODULE;
    }

    @Override
    public void deleteCustomerData(CustomerRef customer, DataSource transaction) throws Exception {
        try (Connection c = transaction.getConnection()) {
            store.deleteCustomer(c, customer.id());
        }
    }
}
