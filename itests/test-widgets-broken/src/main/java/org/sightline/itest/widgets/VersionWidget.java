package org.sightline.itest.widgets;

import org.osgi.service.component.annotations.Component;
import org.sightline.api.view.WidgetView;
import org.sightline.api.widget.DashboardWidget;
import org.sightline.api.widget.SightlineWidget;
import org.sightline.api.widget.WidgetRequest;

/** The good build's well-behaved widget, broken: it fails on every render, as a bad release would. */
@Component(service = DashboardWidget.class)
@SightlineWidget(id = "itest-demo.version", title = "Demo version", product = DemoProduct.ID, section = "policy", order = 1,
        refreshSeconds = 0)
public class VersionWidget implements DashboardWidget {
    @Override
    public WidgetView render(WidgetRequest request) {
        throw new IllegalStateException("this release of the demo widget is broken");
    }
}
