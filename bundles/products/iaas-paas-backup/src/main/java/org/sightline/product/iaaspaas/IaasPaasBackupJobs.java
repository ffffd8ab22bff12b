package org.sightline.product.iaaspaas;

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
@SightlineWidget(id = "iaas-paas-backup.backup-jobs", title = "IaaS + PaaS backup runs per day", product = IaasPaasProduct.ID,
        section = Sections.BACKUP, order = 131, refreshSeconds = 300)
public class IaasPaasBackupJobs implements DashboardWidget {
    private final BackupViews views;

    @Activate
    public IaasPaasBackupJobs(@Reference BackupViews views) {
        this.views = views;
    }

    @Override
    public WidgetView render(WidgetRequest request) throws Exception {
        return views.jobs(IaasPaasProduct.SPEC, request);
    }
}
