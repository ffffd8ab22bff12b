package org.sightline.product.m365;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sightline.api.backup.BackupViews;
import org.sightline.api.view.WidgetView;
import org.sightline.api.widget.DashboardWidget;
import org.sightline.api.widget.Placement;
import org.sightline.api.widget.Sections;
import org.sightline.api.widget.SightlineWidget;
import org.sightline.api.widget.WidgetRequest;

/**
 * The Microsoft 365 backup storage report: storage by workload over time, and as an exportable table on its
 * {@code storage-table} panel. The status widget links to the same report.
 */
@Component(service = DashboardWidget.class)
@SightlineWidget(id = "m365-backup.storage-report", title = "Microsoft 365 backup storage", product = M365Product.ID,
        section = Sections.STORAGE, order = 110, placement = Placement.PRODUCT_PAGE, refreshSeconds = 300)
public class M365StorageReport implements DashboardWidget {
    private final BackupViews views;

    @Activate
    public M365StorageReport(@Reference BackupViews views) {
        this.views = views;
    }

    @Override
    public WidgetView render(WidgetRequest request) throws Exception {
        return views.storage(M365Product.SPEC, request);
    }
}
