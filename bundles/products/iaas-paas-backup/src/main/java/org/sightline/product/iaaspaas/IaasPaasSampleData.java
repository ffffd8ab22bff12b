package org.sightline.product.iaaspaas;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sightline.api.backup.BackupSampleData;
import org.sightline.api.backup.BackupStore;
import org.sightline.api.data.SampleDataProvider;

/** The family's sample backups for every workload of the product; 30 % of the sample customers subscribe. */
@Component(service = SampleDataProvider.class)
public class IaasPaasSampleData extends BackupSampleData {

    @Activate
    public IaasPaasSampleData(@Reference BackupStore store) {
        super(store, IaasPaasProduct.SPEC);
    }

    @Override
    protected int sampleShare() {
        return 30;
    }

    @Override
    protected long sampleQuotaStep() {
        return 5;
    }
}
