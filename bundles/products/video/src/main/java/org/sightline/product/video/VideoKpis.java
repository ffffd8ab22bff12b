package org.sightline.product.video;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sightline.api.usage.UsageViews;
import org.sightline.api.view.WidgetView;
import org.sightline.api.widget.DashboardWidget;
import org.sightline.api.widget.Sections;
import org.sightline.api.widget.SightlineWidget;
import org.sightline.api.widget.WidgetRequest;

/** Video volume, success and failure rates and spend over the chosen range. */
@Component(service = DashboardWidget.class)
@SightlineWidget(id = "video.kpis", title = "Video at a glance", product = VideoProduct.ID, section = Sections.USAGE,
        order = 10)
public class VideoKpis implements DashboardWidget {
    private final UsageViews views;

    @Activate
    public VideoKpis(@Reference UsageViews views) {
        this.views = views;
    }

    @Override
    public WidgetView render(WidgetRequest request) throws Exception {
        return views.kpis(VideoProduct.SPEC, request);
    }
}
