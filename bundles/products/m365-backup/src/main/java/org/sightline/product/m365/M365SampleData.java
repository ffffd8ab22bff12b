package org.sightline.product.m365;

import java.sql.Connection;
import java.time.LocalDate;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sightline.api.backup.BackupSampleData;
import org.sightline.api.backup.BackupStore;
import org.sightline.api.data.SampleDataProvider;
import org.sightline.product.m365.activity.ActivitySample;
import org.sightline.product.m365.sharepoint.StorageSample;

/**
 * The family's sample backups for every workload of the product; 60 % of the sample customers subscribe. Then the
 * product's own: unusual activity (the Sample Customer with a ransomware-like incident on two OneDrives last week)
 * and SharePoint storage (the Sample Customer's tenant heading over its quota; some customers without the
 * Reports.Read.All permission).
 */
@Component(service = SampleDataProvider.class)
public class M365SampleData extends BackupSampleData {
    private final ActivitySample activity;
    private final StorageSample sharepoint;

    @Activate
    public M365SampleData(@Reference BackupStore store, @Reference ActivitySample activity,
                          @Reference StorageSample sharepoint) {
        super(store, M365Product.SPEC);
        this.activity = activity;
        this.sharepoint = sharepoint;
    }

    @Override
    protected int sampleShare() {
        return 60;
    }

    @Override
    protected long sampleQuotaStep() {
        return 25;
    }

    // --- unusual activity and SharePoint storage (helper-m365) ---
    @Override
    protected void writeMoreSample(Request request, DataSource transaction) throws Exception {
        LocalDate today = LocalDate.ofInstant(request.now(), request.zone());
        try (Connection c = transaction.getConnection()) {
            activity.write(c, request.customer().id(), request.seed(), today, ActivitySample.incident(request.customer()));
            sharepoint.write(c, request.customer().id(), request.seed(), today, request.now(),
                    StorageSample.shape(request.customer(), request.seed()));
        }
    }
}
