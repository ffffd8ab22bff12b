package org.sightline.product.m365;

import static org.mockito.Mockito.mock;

import java.nio.file.Path;
import java.util.List;

import org.junit.Test;
import org.sightline.api.Product;
import org.sightline.api.backup.BackupIngestHandler;
import org.sightline.api.backup.BackupSampleData;
import org.sightline.api.backup.BackupSpec;
import org.sightline.api.backup.BackupViews;
import org.sightline.api.widget.DashboardWidget;
import org.sightline.product.m365.activity.ActivityRecords;
import org.sightline.product.m365.activity.ActivitySample;
import org.sightline.product.m365.sharepoint.StorageRecords;
import org.sightline.product.m365.sharepoint.StorageSample;
import org.sightline.product.testkit.BackupProductContract;
import org.sightline.product.testkit.ComponentDescriptors;

public class M365Test extends BackupProductContract {
    @Override protected Product product() { return new M365Product(); }
    @Override protected BackupSpec spec() { return M365Product.SPEC; }
    @Override protected BackupIngestHandler ingestHandler() { return new M365Ingest(store, mock(ActivityRecords.class), mock(StorageRecords.class)); }
    @Override protected List<DashboardWidget> widgets(BackupViews views) {
        return List.of(new M365BackupStatus(views), new M365BackupJobs(views), new M365StorageReport(views));
    }
    @Override protected BackupSampleData sampleData() { return new M365SampleData(store, mock(ActivitySample.class), mock(StorageSample.class)); }
    @Override protected List<String> workloadIds() {
        return List.of("exchange", "onedrive", "sharepoint", "groups", "teams", "planner", "public-folders");
    }

    @Test
    public void everyComponentCanBeActivated() throws Exception {
        ComponentDescriptors.assertActivatable(Path.of("target/classes"));
    }
}
