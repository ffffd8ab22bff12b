package org.sightline.product.dynamics;

import java.nio.file.Path;
import java.util.List;

import org.junit.Test;
import org.sightline.api.Product;
import org.sightline.api.backup.BackupIngestHandler;
import org.sightline.api.backup.BackupSampleData;
import org.sightline.api.backup.BackupSpec;
import org.sightline.api.backup.BackupViews;
import org.sightline.api.widget.DashboardWidget;
import org.sightline.product.testkit.BackupProductContract;
import org.sightline.product.testkit.ComponentDescriptors;

public class DynamicsTest extends BackupProductContract {
    @Override protected Product product() { return new DynamicsProduct(); }
    @Override protected BackupSpec spec() { return DynamicsProduct.SPEC; }
    @Override protected BackupIngestHandler ingestHandler() { return new DynamicsIngest(store); }
    @Override protected List<DashboardWidget> widgets(BackupViews views) {
        return List.of(new DynamicsBackupStatus(views), new DynamicsBackupJobs(views));
    }
    @Override protected BackupSampleData sampleData() { return new DynamicsSampleData(store); }
    @Override protected List<String> workloadIds() {
        return List.of("environments", "entities");
    }

    @Test
    public void everyComponentCanBeActivated() throws Exception {
        ComponentDescriptors.assertActivatable(Path.of("target/classes"));
    }
}
