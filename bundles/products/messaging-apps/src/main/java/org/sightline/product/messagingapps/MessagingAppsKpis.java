package org.sightline.product.messagingapps;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sightline.api.usage.UsageViews;
import org.sightline.api.view.WidgetView;
import org.sightline.api.widget.DashboardWidget;
import org.sightline.api.widget.Sections;
import org.sightline.api.widget.SightlineWidget;
import org.sightline.api.widget.WidgetRequest;

/** Messaging Apps volume, success and failure rates and spend over the chosen range. */
@Component(service = DashboardWidget.class)
@SightlineWidget(id = "messaging-apps.kpis", title = "Messaging apps at a glance", product = MessagingAppsProduct.ID, section = Sections.USAGE,
        order = 10)
public class MessagingAppsKpis implements DashboardWidget {
    private final UsageViews views;

    @Activate
    public MessagingAppsKpis(@Reference UsageViews views) {
        this.views = views;
    }

    @Override
    public WidgetView render(WidgetRequest request) throws Exception {
        return views.kpis(MessagingAppsProduct.SPEC, request);
    }
}
