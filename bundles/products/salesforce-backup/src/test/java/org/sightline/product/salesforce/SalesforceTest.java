package org.sightline.product.salesforce;

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

public class SalesforceTest extends BackupProductContract {
    @Override protected Product product() { return new SalesforceProduct(); }
    @Override protected BackupSpec spec() { return SalesforceProduct.SPEC; }
    @Override protected BackupIngestHandler ingestHandler() { return new SalesforceIngest(store); }
    @Override protected List<DashboardWidget> widgets(BackupViews views) {
        return List.of(new SalesforceBackupStatus(views), new SalesforceBackupJobs(views));
    }
    @Override protected BackupSampleData sampleData() { return new SalesforceSampleData(store); }
    @Override protected List<String> workloadIds() {
        return List.of("orgs", "objects", "metadata", "files");
    }

    @Test
    public void everyComponentCanBeActivated() throws Exception {
        ComponentDescriptors.assertActivatable(Path.of("target/classes"));
    }
}
