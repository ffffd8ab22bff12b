package org.sightline.product.googleworkspace;

import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.sightline.api.Product;
import org.sightline.api.backup.BackupSpec;
import org.sightline.api.backup.Workload;

/** Google Workspace backup: Gmail, Drive, shared drives, Calendar and Contacts. */
@Component(service = Product.class)
public class GoogleWorkspaceProduct implements Product {

    /** The product id. */
    public static final String ID = "google-workspace-backup";

    /** What the product protects. */
    public static final BackupSpec SPEC = new BackupSpec(ID, List.of(
                    new Workload("gmail", "Gmail", "mailboxes"),
                    new Workload("drive", "Drive", "accounts"),
                    new Workload("shared-drives", "Shared drives", "drives"),
                    new Workload("calendar", "Calendar", "calendars"),
                    new Workload("contacts", "Contacts", "address books")),
            false);

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Cloud Backup for Google Workspace";
    }

    @Override
    public String family() {
        return FAMILY_BACKUP;
    }

    @Override
    public String iconSvg() {
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 24 24\"><path fill=\"currentColor\" d=\"M12 3a9 9 0 1 0 8.9 10.4H12v-3h8.6A9 9 0 0 0 12 3z\"/></svg>";
    }

    @Override
    public int order() {
        return 120;
    }
}
