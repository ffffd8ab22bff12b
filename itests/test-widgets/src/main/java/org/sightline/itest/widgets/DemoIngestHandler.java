package org.sightline.itest.widgets;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sightline.api.CustomerRef;
import org.sightline.api.data.CustomerDataOwner;
import org.sightline.api.data.MigrationException;
import org.sightline.api.data.ModuleStorage;
import org.sightline.api.ingest.IngestBatch;
import org.sightline.api.ingest.IngestHandler;
import org.sightline.api.ingest.IngestRecord;
import org.sightline.api.ingest.IngestResult;
import org.sightline.api.ingest.InvalidRecordException;
import org.sightline.api.ingest.Rejection;

/** Stores demo events: {@code {"id","customer","ts","amount"}}; idempotent by record id. */
@Component(service = {IngestHandler.class, CustomerDataOwner.class})
public class DemoIngestHandler implements IngestHandler, CustomerDataOwner {

    @Activate
    public DemoIngestHandler(@Reference ModuleStorage storage) throws MigrationException {
        storage.migrate(DemoProduct.ID, DemoIngestHandler.class);
    }

    @Override
    public String productId() {
        return DemoProduct.ID;
    }

    @Override
    public String module() {
        return DemoProduct.ID;
    }

    @Override
    public IngestResult ingest(IngestBatch batch, DataSource tx) throws Exception {
        List<Rejection> rejected = new ArrayList<>();
        int stored = 0;
        int duplicates = 0;
        try (Connection c = tx.getConnection();
             PreparedStatement ps = c.prepareStatement("MERGE INTO itest_demo_event t USING (VALUES (CAST(? AS BIGINT), "
                     + "CAST(? AS VARCHAR(200)), CAST(? AS TIMESTAMP WITH TIME ZONE), CAST(? AS DECIMAL(19,4)))) "
                     + "v(customer_id, record_id, ts, amount) ON t.customer_id = v.customer_id AND t.record_id = v.record_id "
                     + "WHEN NOT MATCHED THEN INSERT (customer_id, record_id, ts, amount) VALUES (v.customer_id, v.record_id, v.ts, v.amount)")) {
            for (IngestRecord r : batch.records()) {
                Instant ts;
                BigDecimal amount;
                try {
                    ts = r.instant("ts");
                    amount = r.decimal("amount");
                } catch (InvalidRecordException e) {
                    rejected.add(e.rejection(r.line()));
                    continue;
                }
                ps.setLong(1, r.customer().id());
                ps.setString(2, r.recordId());
                ps.setTimestamp(3, Timestamp.from(ts));
                ps.setBigDecimal(4, amount);
                if (ps.executeUpdate() == 1) {
                    stored++;
                } else {
                    duplicates++;
                }
            }
        }
        return new IngestResult(stored, duplicates, rejected);
    }

    @Override
    public void deleteCustomerData(CustomerRef customer, DataSource tx) throws Exception {
        try (Connection c = tx.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM itest_demo_event WHERE customer_id = ?")) {
            ps.setLong(1, customer.id());
            ps.executeUpdate();
        }
    }
}
