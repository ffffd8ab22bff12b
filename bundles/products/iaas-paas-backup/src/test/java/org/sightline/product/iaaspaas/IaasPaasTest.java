package org.sightline.product.iaaspaas;

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

public class IaasPaasTest extends BackupProductContract {
    @Override protected Product product() { return new IaasPaasProduct(); }
    @Override protected BackupSpec spec() { return IaasPaasProduct.SPEC; }
    @Override protected BackupIngestHandler ingestHandler() { return new IaasPaasIngest(store); }
    @Override protected List<DashboardWidget> widgets(BackupViews views) {
        return List.of(new IaasPaasBackupStatus(views), new IaasPaasBackupJobs(views));
    }
    @Override protected BackupSampleData sampleData() { return new IaasPaasSampleData(store); }
    @Override protected List<String> workloadIds() {
        return List.of("azure-vms", "aws-ec2", "gcp-vms", "azure-sql", "aws-rds", "azure-storage", "aws-s3", "entra-id");
    }

    @Test
    public void everyComponentCanBeActivated() throws Exception {
        ComponentDescriptors.assertActivatable(Path.of("target/classes"));
    }
}
