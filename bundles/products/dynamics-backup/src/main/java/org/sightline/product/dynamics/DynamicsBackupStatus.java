package org.sightline.product.dynamics;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sightline.api.backup.BackupViews;
import org.sightline.api.view.WidgetView;
import org.sightline.api.widget.DashboardWidget;
import org.sightline.api.widget.Sections;
import org.sightline.api.widget.SightlineWidget;
import org.sightline.api.widget.WidgetRequest;

/** Backup status per workload, with the failed and partial runs and the runs per day as panels. */
@Component(service = DashboardWidget.class)
@SightlineWidget(id = "dynamics-backup.backup-status", title = "Dynamics 365 backup status", product = DynamicsProduct.ID,
        section = Sections.BACKUP, order = 140, refreshSeconds = 60)
public class DynamicsBackupStatus implements DashboardWidget {
    private final BackupViews views;

    @Activate
    public DynamicsBackupStatus(@Reference BackupViews views) {
        this.views = views;
    }

    @Override
    public WidgetView render(WidgetRequest request) throws Exception {
        return views.status(DynamicsProduct.SPEC, request);
    }
}
