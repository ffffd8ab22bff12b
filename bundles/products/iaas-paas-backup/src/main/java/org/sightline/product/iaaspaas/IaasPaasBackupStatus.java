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

/** Backup status per workload, with the failed and partial runs and the runs per day as panels. */
@Component(service = DashboardWidget.class)
@SightlineWidget(id = "iaas-paas-backup.backup-status", title = "IaaS + PaaS backup status", product = IaasPaasProduct.ID,
        section = Sections.BACKUP, order = 130, refreshSeconds = 60)
public class IaasPaasBackupStatus implements DashboardWidget {
    private final BackupViews views;

    @Activate
    public IaasPaasBackupStatus(@Reference BackupViews views) {
        this.views = views;
    }

    @Override
    public WidgetView render(WidgetRequest request) throws Exception {
        return views.status(IaasPaasProduct.SPEC, request);
    }
}
