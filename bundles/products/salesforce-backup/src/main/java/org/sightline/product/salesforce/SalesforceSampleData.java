package org.sightline.product.salesforce;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sightline.api.backup.BackupSampleData;
import org.sightline.api.backup.BackupStore;
import org.sightline.api.data.SampleDataProvider;

/** The family's sample backups for every workload of the product; 25 % of the sample customers subscribe. */
@Component(service = SampleDataProvider.class)
public class SalesforceSampleData extends BackupSampleData {

    @Activate
    public SalesforceSampleData(@Reference BackupStore store) {
        super(store, SalesforceProduct.SPEC);
    }

    @Override
    protected int sampleShare() {
        return 25;
    }

    @Override
    protected long sampleQuotaStep() {
        return 10;
    }
}
