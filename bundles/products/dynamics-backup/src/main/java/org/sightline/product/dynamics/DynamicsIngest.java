package org.sightline.product.dynamics;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sightline.api.backup.BackupIngestHandler;
import org.sightline.api.backup.BackupStore;
import org.sightline.api.ingest.IngestHandler;

/**
 * Takes the product's job runs, protected objects and storage use ({@code POST /api/v1/ingest/dynamics-backup}), as
 * {@link BackupStore} describes them, with the workloads of {@link DynamicsProduct#SPEC}.
 */
@Component(service = IngestHandler.class)
public class DynamicsIngest extends BackupIngestHandler {

    @Activate
    public DynamicsIngest(@Reference BackupStore store) {
        super(store, DynamicsProduct.SPEC);
    }
}
