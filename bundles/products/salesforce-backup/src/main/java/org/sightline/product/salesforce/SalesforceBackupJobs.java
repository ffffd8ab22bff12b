package org.sightline.product.salesforce;

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
@SightlineWidget(id = "salesforce-backup.backup-jobs", title = "Salesforce backup runs per day", product = SalesforceProduct.ID,
        section = Sections.BACKUP, order = 151, refreshSeconds = 300)
public class SalesforceBackupJobs implements DashboardWidget {
    private final BackupViews views;

    @Activate
    public SalesforceBackupJobs(@Reference BackupViews views) {
        this.views = views;
    }

    @Override
    public WidgetView render(WidgetRequest request) throws Exception {
        return views.jobs(SalesforceProduct.SPEC, request);
    }
}
