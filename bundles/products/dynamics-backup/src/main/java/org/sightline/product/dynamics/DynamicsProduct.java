package org.sightline.product.dynamics;

import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.sightline.api.Product;
import org.sightline.api.backup.BackupSpec;
import org.sightline.api.backup.Workload;

/** Dynamics 365 backup: environments and their entities. */
@Component(service = Product.class)
public class DynamicsProduct implements Product {

    /** The product id. */
    public static final String ID = "dynamics-backup";

    /** What the product protects. */
    public static final BackupSpec SPEC = new BackupSpec(ID, List.of(
                    new Workload("environments", "Environments", "environments"),
                    new Workload("entities", "Entities", "entities")),
            false);

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Cloud Backup for Dynamics 365";
    }

    @Override
    public String family() {
        return FAMILY_BACKUP;
    }

    @Override
    public String iconSvg() {
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 24 24\"><path fill=\"currentColor\" d=\"M5 3l14 6-6 3 6 3-14 6V3z\"/></svg>";
    }

    @Override
    public int order() {
        return 140;
    }
}
