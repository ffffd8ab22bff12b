package org.sightline.product.iaaspaas;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sightline.api.backup.BackupIngestHandler;
import org.sightline.api.backup.BackupStore;
import org.sightline.api.ingest.IngestHandler;

/**
 * Takes the product's job runs, protected objects and storage use ({@code POST /api/v1/ingest/iaas-paas-backup}), as
 * {@link BackupStore} describes them, with the workloads of {@link IaasPaasProduct#SPEC}.
 */
@Component(service = IngestHandler.class)
public class IaasPaasIngest extends BackupIngestHandler {

    @Activate
    public IaasPaasIngest(@Reference BackupStore store) {
        super(store, IaasPaasProduct.SPEC);
    }
}
