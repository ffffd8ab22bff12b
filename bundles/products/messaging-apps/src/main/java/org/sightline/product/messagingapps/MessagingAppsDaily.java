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

/** Messaging Apps records per day and status. */
@Component(service = DashboardWidget.class)
@SightlineWidget(id = "messaging-apps.daily", title = "App messages per day", product = MessagingAppsProduct.ID, section = Sections.USAGE,
        order = 20)
public class MessagingAppsDaily implements DashboardWidget {
    private final UsageViews views;

    @Activate
    public MessagingAppsDaily(@Reference UsageViews views) {
        this.views = views;
    }

    @Override
    public WidgetView render(WidgetRequest request) throws Exception {
        return views.dailySeries(MessagingAppsProduct.SPEC, request);
    }
}
