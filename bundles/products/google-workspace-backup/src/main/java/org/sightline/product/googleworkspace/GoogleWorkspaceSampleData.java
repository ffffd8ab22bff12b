package org.sightline.product.googleworkspace;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sightline.api.backup.BackupSampleData;
import org.sightline.api.backup.BackupStore;
import org.sightline.api.data.SampleDataProvider;

/** The family's sample backups for every workload of the product; 35 % of the sample customers subscribe. */
@Component(service = SampleDataProvider.class)
public class GoogleWorkspaceSampleData extends BackupSampleData {

    @Activate
    public GoogleWorkspaceSampleData(@Reference BackupStore store) {
        super(store, GoogleWorkspaceProduct.SPEC);
    }

    @Override
    protected int sampleShare() {
        return 35;
    }

    @Override
    protected long sampleQuotaStep() {
        return 25;
    }
}
