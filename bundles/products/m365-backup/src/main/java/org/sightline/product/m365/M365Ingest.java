package org.sightline.product.m365;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sightline.api.backup.BackupIngestHandler;
import org.sightline.api.backup.BackupStore;
import org.sightline.api.ingest.IngestHandler;

/**
 * Takes the product's job runs, protected objects and storage use ({@code POST /api/v1/ingest/m365-backup}), as
 * {@link BackupStore} describes them, with the workloads of {@link M365Product#SPEC}.
 */
@Component(service = IngestHandler.class)
public class M365Ingest extends BackupIngestHandler {

    @Activate
    public M365Ingest(@Reference BackupStore store) {
        super(store, M365Product.SPEC);
    }
}
