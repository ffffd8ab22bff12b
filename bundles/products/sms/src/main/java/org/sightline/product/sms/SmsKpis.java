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

/** Messages, delivery and failure rates, segments and spend over the chosen range. */
@Component(service = DashboardWidget.class)
@SightlineWidget(id = "sms.kpis", title = "SMS at a glance", product = SmsProduct.ID, section = Sections.USAGE,
        order = 10)
public class SmsKpis implements DashboardWidget {
    private final UsageViews views;

    @Activate
    public SmsKpis(@Reference UsageViews views) {
        this.views = views;
    }

    @Override
    public WidgetView render(WidgetRequest request) throws Exception {
        return views.kpis(SmsProduct.SPEC, request);
    }
}
