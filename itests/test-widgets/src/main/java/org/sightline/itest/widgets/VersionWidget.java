package org.sightline.itest.widgets;

import java.util.List;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.sightline.api.view.Cell;
import org.sightline.api.view.Kpi;
import org.sightline.api.view.KpiView;
import org.sightline.api.view.WidgetView;
import org.sightline.api.widget.DashboardWidget;
import org.sightline.api.widget.SightlineWidget;
import org.sightline.api.widget.WidgetRequest;

/** A well-behaved widget that shows which version of its bundle rendered it. */
@Component(service = DashboardWidget.class)
@SightlineWidget(id = "itest-demo.version", title = "Demo version", product = DemoProduct.ID, section = "policy", order = 1,
        refreshSeconds = 0)
public class VersionWidget implements DashboardWidget {
    private final String version;

    @Activate
    public VersionWidget(BundleContext ctx) {
        this.version = ctx.getBundle().getVersion().toString();
    }

    @Override
    public WidgetView render(WidgetRequest request) {
        return new KpiView(List.of(new Kpi("version", "Rendered by version", Cell.text("v" + version)),
                new Kpi("customer", "Customer", Cell.text(request.customer().accountId()))));
    }
}
