package org.sightline.product.m365;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sightline.api.backup.BackupViews;
import org.sightline.api.view.WidgetView;
import org.sightline.api.widget.DashboardWidget;
import org.sightline.api.widget.Sections;
import org.sightline.api.widget.SightlineWidget;
import org.sightline.api.widget.WidgetRequest;

/** Backup status per workload, with the failed and partial runs, the runs per day and the storage report as panels. */
@Component(service = DashboardWidget.class)
@SightlineWidget(id = "m365-backup.backup-status", title = "Microsoft 365 backup status", product = M365Product.ID,
        section = Sections.BACKUP, order = 110, refreshSeconds = 60)
public class M365BackupStatus implements DashboardWidget {
    private final BackupViews views;

    @Activate
    public M365BackupStatus(@Reference BackupViews views) {
        this.views = views;
    }

    @Override
    public WidgetView render(WidgetRequest request) throws Exception {
        return views.status(M365Product.SPEC, request);
    }
}
