package org.sightline.product.salesforce;

import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.sightline.api.Product;
import org.sightline.api.backup.BackupSpec;
import org.sightline.api.backup.Workload;

/** Salesforce backup: orgs, objects, metadata and files. */
@Component(service = Product.class)
public class SalesforceProduct implements Product {

    /** The product id. */
    public static final String ID = "salesforce-backup";

    /** What the product protects. */
    public static final BackupSpec SPEC = new BackupSpec(ID, List.of(
                    new Workload("orgs", "Orgs", "orgs"),
                    new Workload("objects", "Objects", "objects"),
                    new Workload("metadata", "Metadata", "components"),
                    new Workload("files", "Files", "files")),
            false);

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Cloud Backup for Salesforce";
    }

    @Override
    public String family() {
        return FAMILY_BACKUP;
    }

    @Override
    public String iconSvg() {
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 24 24\"><path fill=\"currentColor\" d=\"M7 18a5 5 0 0 1-1-9.9A6 6 0 0 1 17.2 7 4.5 4.5 0 1 1 18 18H7z\"/></svg>";
    }

    @Override
    public int order() {
        return 150;
    }
}
