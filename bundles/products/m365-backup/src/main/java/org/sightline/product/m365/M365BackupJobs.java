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

/** Backup runs per day by status. */
@Component(service = DashboardWidget.class)
@SightlineWidget(id = "m365-backup.backup-jobs", title = "Microsoft 365 backup runs per day", product = M365Product.ID,
        section = Sections.BACKUP, order = 111, refreshSeconds = 300)
public class M365BackupJobs implements DashboardWidget {
    private final BackupViews views;

    @Activate
    public M365BackupJobs(@Reference BackupViews views) {
        this.views = views;
    }

    @Override
    public WidgetView render(WidgetRequest request) throws Exception {
        return views.jobs(M365Product.SPEC, request);
    }
}
