package org.sightline.product.m365;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sightline.api.backup.BackupIngestHandler;
import org.sightline.api.backup.BackupStore;
import org.sightline.api.backup.Stored;
import org.sightline.api.ingest.IngestHandler;
import org.sightline.api.ingest.IngestRecord;
import org.sightline.product.m365.activity.ActivityRecords;
import org.sightline.product.m365.activity.ActivityStore;
import org.sightline.product.m365.sharepoint.StorageRecords;

/**
 * Takes the product's job runs, protected objects and storage use ({@code POST /api/v1/ingest/m365-backup}), as
 * {@link BackupStore} describes them, with the workloads of {@link M365Product#SPEC}; and the product's own kinds:
 * unusual-activity findings and daily scans ({@link ActivityRecords}), SharePoint storage and the app profile's
 * permissions ({@link StorageRecords}).
 */
@Component(service = IngestHandler.class)
public class M365Ingest extends BackupIngestHandler {
    private final ActivityRecords activity;
    private final StorageRecords sharepoint;

    @Activate
    public M365Ingest(@Reference BackupStore store, @Reference ActivityRecords activity,
                      @Reference StorageRecords sharepoint) {
        super(store, M365Product.SPEC);
        this.activity = activity;
        this.sharepoint = sharepoint;
    }

    // --- unusual activity and SharePoint storage (helper-m365): the record kinds of those two packages ---
    @Override
    protected Stored ingestOther(String kind, IngestRecord record, DataSource transaction) throws Exception {
        if (ActivityRecords.KINDS.contains(kind)) {
            return activity.store(kind, record, transaction) == ActivityStore.Stored.UNCHANGED
                    ? Stored.DUPLICATE : Stored.STORED;
        }
        if (StorageRecords.KINDS.contains(kind)) {
            return sharepoint.store(kind, record, transaction) ? Stored.STORED : Stored.DUPLICATE;
        }
        return super.ingestOther(kind, record, transaction);
    }
}
