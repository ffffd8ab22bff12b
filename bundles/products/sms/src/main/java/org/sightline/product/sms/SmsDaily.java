package org.sightline.product.sms;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sightline.api.usage.UsageViews;
import org.sightline.api.view.WidgetView;
import org.sightline.api.widget.DashboardWidget;
import org.sightline.api.widget.Sections;
import org.sightline.api.widget.SightlineWidget;
import org.sightline.api.widget.WidgetRequest;

/** Messages per day and status. */
@Component(service = DashboardWidget.class)
@SightlineWidget(id = "sms.daily", title = "SMS per day", product = SmsProduct.ID, section = Sections.USAGE,
        order = 20)
public class SmsDaily implements DashboardWidget {
    private final UsageViews views;

    @Activate
    public SmsDaily(@Reference UsageViews views) {
        this.views = views;
    }

    @Override
    public WidgetView render(WidgetRequest request) throws Exception {
        return views.dailySeries(SmsProduct.SPEC, request);
    }
}
