package ${package};

import java.time.Duration;
import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.sightline.api.view.Cell;
import org.sightline.api.view.Kpi;
import org.sightline.api.view.KpiView;
import org.sightline.api.view.WidgetView;
import org.sightline.api.widget.DashboardWidget;
import org.sightline.api.widget.SightlineWidget;
import org.sightline.api.widget.WidgetRequest;

@Component(service = DashboardWidget.class)
@SightlineWidget(id = "${productId}.overview", title = "${productName} at a glance", product = "${productId}",
                 section = "${productId}", order = 10, refreshSeconds = 60)
public class OverviewWidget implements DashboardWidget {
    @Override
    public WidgetView render(WidgetRequest request) {
        long days = Duration.between(request.range().from(), request.range().to()).toDays();
        return new KpiView(List.of(
                new Kpi("account", "Account", Cell.text(request.customer().accountId())),
                new Kpi("days", "Days shown", Cell.number(days))));
    }
}
