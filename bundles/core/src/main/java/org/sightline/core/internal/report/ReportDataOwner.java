package org.sightline.core.internal.report;

import java.sql.Connection;
import java.util.List;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Component;
import org.sightline.api.CustomerRef;
import org.sightline.api.data.CustomerDataOwner;
import org.sightline.core.internal.storage.Jdbc;

/**
 * Deletes a disconnected customer's generated reports, deliveries, verified addresses and verification links in
 * the disconnection's transaction. Templates and schedules that name the customer keep their other customers (a
 * schedule's run for a customer that is gone is recorded as failed).
 */
@Component(service = CustomerDataOwner.class)
public class ReportDataOwner implements CustomerDataOwner {

    @Override
    public String module() {
        return "reports";
    }

    @Override
    public void deleteCustomerData(CustomerRef customer, DataSource transaction) throws Exception {
        try (Connection c = transaction.getConnection()) {
            List<Long> id = List.of(customer.id());
            Jdbc.update(c, "DELETE FROM report_delivery WHERE customer_id = ?", id);
            Jdbc.update(c, "DELETE FROM report_file WHERE customer_id = ?", id);
            Jdbc.update(c, "DELETE FROM report_address WHERE customer_id = ?", id);
            Jdbc.update(c, "DELETE FROM report_verification WHERE customer_id = ?", id);
        }
    }
}
