package org.sightline.itest.widgets;

import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.sightline.api.view.Cell;
import org.sightline.api.view.CustomView;
import org.sightline.api.view.WidgetView;
import org.sightline.api.widget.DashboardWidget;
import org.sightline.api.widget.Placement;
import org.sightline.api.widget.SightlineWidget;
import org.sightline.api.widget.WidgetRequest;

/**
 * A view drawn by the product's own element ({@code web-components/itest-card.js} in this bundle), on the
 * product page; its phone cell is masked by the core like any other.
 */
@Component(service = DashboardWidget.class)
@SightlineWidget(id = "itest-demo.card", title = "Demo card", product = DemoProduct.ID, section = "policy", order = 5,
        placement = Placement.PRODUCT_PAGE)
public class CardWidget implements DashboardWidget {
    @Override
    public WidgetView render(WidgetRequest request) {
        return new CustomView("itest-card", Map.of("account", Cell.text(request.customer().accountId()),
                "hotline", Cell.phone(LeakyWidget.PHONE)), List.of());
    }
}
