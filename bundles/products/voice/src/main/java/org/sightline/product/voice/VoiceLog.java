package org.sightline.product.voice;

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

/** The Voice log: time, direction, status, masked numbers, country, minutes, duration, price; filterable and paged. */
@Component(service = DashboardWidget.class)
@SightlineWidget(id = "voice.log", title = "Call log", product = VoiceProduct.ID, section = Sections.USAGE,
        order = 30,
        placement = Placement.PRODUCT_PAGE, permission = Permissions.USAGE_READ, refreshSeconds = 30)
public class VoiceLog implements DashboardWidget {
    private final UsageViews views;

    @Activate
    public VoiceLog(@Reference UsageViews views) {
        this.views = views;
    }

    @Override
    public WidgetView render(WidgetRequest request) throws Exception {
        return views.log(VoiceProduct.SPEC, request);
    }
}
