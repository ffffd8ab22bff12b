package org.sightline.product.m365;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sightline.api.backup.BackupSampleData;
import org.sightline.api.backup.BackupStore;
import org.sightline.api.data.SampleDataProvider;

/** The family's sample backups for every workload of the product; 60 % of the sample customers subscribe. */
@Component(service = SampleDataProvider.class)
public class M365SampleData extends BackupSampleData {

    @Activate
    public M365SampleData(@Reference BackupStore store) {
        super(store, M365Product.SPEC);
    }

    @Override
    protected int sampleShare() {
        return 60;
    }

    @Override
    protected long sampleQuotaStep() {
        return 25;
    }
}
