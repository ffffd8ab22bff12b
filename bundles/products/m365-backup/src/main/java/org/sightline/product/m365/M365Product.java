package org.sightline.product.m365;

import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.sightline.api.Product;
import org.sightline.api.backup.BackupSpec;
import org.sightline.api.backup.Workload;

/** Microsoft 365 backup: Exchange Online, OneDrive, SharePoint Online, Microsoft 365 Groups, Teams, Planner and public folders. */
@Component(service = Product.class)
public class M365Product implements Product {

    /** The product id. */
    public static final String ID = "m365-backup";

    /** What the product protects. */
    public static final BackupSpec SPEC = new BackupSpec(ID, List.of(
                    new Workload("exchange", "Exchange Online", "mailboxes"),
                    new Workload("onedrive", "OneDrive", "accounts"),
                    new Workload("sharepoint", "SharePoint Online", "sites"),
                    new Workload("groups", "Microsoft 365 Groups", "groups"),
                    new Workload("teams", "Teams", "teams"),
                    new Workload("planner", "Planner", "plans"),
                    new Workload("public-folders", "Public folders", "folders")),
            true);

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Cloud Backup for Microsoft 365";
    }

    @Override
    public String family() {
        return FAMILY_BACKUP;
    }

    @Override
    public String iconSvg() {
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 24 24\"><path fill=\"currentColor\" d=\"M3 5l8-2v18l-8-2V5zm10-1h8v7h-8V4zm0 9h8v7h-8v-7z\"/></svg>";
    }

    @Override
    public int order() {
        return 110;
    }
}
