package org.sightline.itest.widgets;

import org.osgi.service.component.annotations.Component;
import org.sightline.api.view.WidgetView;
import org.sightline.api.widget.DashboardWidget;
import org.sightline.api.widget.SightlineWidget;
import org.sightline.api.widget.WidgetRequest;

/** Hangs for a minute and ignores interruption, as a badly written widget would. */
@Component(service = DashboardWidget.class)
@SightlineWidget(id = "itest-demo.hanging", title = "Hanging", product = DemoProduct.ID, section = "policy", order = 3)
public class HangingWidget implements DashboardWidget {
    @Override
    public WidgetView render(WidgetRequest request) {
        long until = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < until) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                // ignored on purpose
            }
        }
        throw new IllegalStateException("gave up");
    }
}
