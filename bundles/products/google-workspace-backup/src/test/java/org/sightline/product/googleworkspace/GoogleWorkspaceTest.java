package org.sightline.product.googleworkspace;

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

public class GoogleWorkspaceTest extends BackupProductContract {
    @Override protected Product product() { return new GoogleWorkspaceProduct(); }
    @Override protected BackupSpec spec() { return GoogleWorkspaceProduct.SPEC; }
    @Override protected BackupIngestHandler ingestHandler() { return new GoogleWorkspaceIngest(store); }
    @Override protected List<DashboardWidget> widgets(BackupViews views) {
        return List.of(new GoogleWorkspaceBackupStatus(views), new GoogleWorkspaceBackupJobs(views));
    }
    @Override protected BackupSampleData sampleData() { return new GoogleWorkspaceSampleData(store); }
    @Override protected List<String> workloadIds() {
        return List.of("gmail", "drive", "shared-drives", "calendar", "contacts");
    }

    @Test
    public void everyComponentCanBeActivated() throws Exception {
        ComponentDescriptors.assertActivatable(Path.of("target/classes"));
    }
}
