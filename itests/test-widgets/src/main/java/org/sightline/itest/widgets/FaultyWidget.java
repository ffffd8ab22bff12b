package org.sightline.itest.widgets;

import org.osgi.service.component.annotations.Component;
import org.sightline.api.view.WidgetView;
import org.sightline.api.widget.DashboardWidget;
import org.sightline.api.widget.SightlineWidget;
import org.sightline.api.widget.WidgetRequest;

/** Always throws, with personal data in its message (which must not reach the client). */
@Component(service = DashboardWidget.class)
@SightlineWidget(id = "itest-demo.faulty", title = "Faulty", product = DemoProduct.ID, section = "policy", order = 2)
public class FaultyWidget implements DashboardWidget {
    @Override
    public WidgetView render(WidgetRequest request) {
        throw new IllegalStateException("cannot reach contact Jane Roe at +44 7700 900123");
    }
}
