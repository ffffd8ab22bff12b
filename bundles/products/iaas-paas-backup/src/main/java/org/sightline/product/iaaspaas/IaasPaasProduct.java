package org.sightline.product.iaaspaas;

import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.sightline.api.Product;
import org.sightline.api.backup.BackupSpec;
import org.sightline.api.backup.Workload;

/** IaaS and PaaS backup on Microsoft Azure, Amazon Web Services and Google Cloud: virtual machines, SQL databases, storage accounts and directory objects. */
@Component(service = Product.class)
public class IaasPaasProduct implements Product {

    /** The product id. */
    public static final String ID = "iaas-paas-backup";

    /** What the product protects. */
    public static final BackupSpec SPEC = new BackupSpec(ID, List.of(
                    new Workload("azure-vms", "Azure virtual machines", "virtual machines"),
                    new Workload("aws-ec2", "AWS EC2 instances", "instances"),
                    new Workload("gcp-vms", "Google Compute Engine VMs", "virtual machines"),
                    new Workload("azure-sql", "Azure SQL databases", "databases"),
                    new Workload("aws-rds", "Amazon RDS databases", "databases"),
                    new Workload("azure-storage", "Azure storage accounts", "storage accounts"),
                    new Workload("aws-s3", "Amazon S3 buckets", "buckets"),
                    new Workload("entra-id", "Microsoft Entra ID", "directory objects")),
            false);

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Cloud Backup for IaaS + PaaS";
    }

    @Override
    public String family() {
        return FAMILY_BACKUP;
    }

    @Override
    public String iconSvg() {
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 24 24\"><path fill=\"currentColor\" d=\"M6 19a5 5 0 0 1-.6-10A7 7 0 0 1 19 9.5a4.5 4.5 0 0 1-.5 9.5H6zm3-7v4h6v-4H9z\"/></svg>";
    }

    @Override
    public int order() {
        return 130;
    }
}
