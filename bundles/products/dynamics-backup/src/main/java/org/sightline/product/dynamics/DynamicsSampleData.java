package org.sightline.product.dynamics;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sightline.api.backup.BackupSampleData;
import org.sightline.api.backup.BackupStore;
import org.sightline.api.data.SampleDataProvider;

/** The family's sample backups for every workload of the product; 20 % of the sample customers subscribe. */
@Component(service = SampleDataProvider.class)
public class DynamicsSampleData extends BackupSampleData {

    @Activate
    public DynamicsSampleData(@Reference BackupStore store) {
        super(store, DynamicsProduct.SPEC);
    }

    @Override
    protected int sampleShare() {
        return 20;
    }

    @Override
    protected long sampleQuotaStep() {
        return 10;
    }
}
