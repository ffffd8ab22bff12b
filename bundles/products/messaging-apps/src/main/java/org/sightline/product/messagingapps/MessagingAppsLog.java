package org.sightline.product.messagingapps;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sightline.api.Permissions;
import org.sightline.api.usage.UsageViews;
import org.sightline.api.view.WidgetView;
import org.sightline.api.widget.DashboardWidget;
import org.sightline.api.widget.Placement;
import org.sightline.api.widget.Sections;
import org.sightline.api.widget.SightlineWidget;
import org.sightline.api.widget.WidgetRequest;

/** The Messaging Apps log: time, direction, status, channel, masked numbers, price; filterable and paged. */
@Component(service = DashboardWidget.class)
@SightlineWidget(id = "messaging-apps.log", title = "App message log", product = MessagingAppsProduct.ID, section = Sections.USAGE,
        order = 30,
        placement = Placement.PRODUCT_PAGE, permission = Permissions.USAGE_READ, refreshSeconds = 30)
public class MessagingAppsLog implements DashboardWidget {
    private final UsageViews views;

    @Activate
    public MessagingAppsLog(@Reference UsageViews views) {
        this.views = views;
    }

    @Override
    public WidgetView render(WidgetRequest request) throws Exception {
        return views.log(MessagingAppsProduct.SPEC, request);
    }
}
