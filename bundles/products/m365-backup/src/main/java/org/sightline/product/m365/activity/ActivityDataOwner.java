package org.sightline.product.m365.activity;

import java.sql.Connection;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sightline.api.CustomerRef;
import org.sightline.api.data.CustomerDataOwner;

/** Deletes a disconnected customer's unusual-activity findings, scans and daily rows. */
@Component(service = CustomerDataOwner.class)
public class ActivityDataOwner implements CustomerDataOwner {
    private final ActivityStore store;

    @Activate
    public ActivityDataOwner(@Reference ActivityStore store) {
        this.store = store;
    }

    @Override
    public String module() {
        return ActivityStore.MODULE;
    }

    @Override
    public void deleteCustomerData(CustomerRef customer, DataSource transaction) throws Exception {
        try (Connection c = transaction.getConnection()) {
            store.deleteCustomer(c, customer.id());
        }
    }
}
