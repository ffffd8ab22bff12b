package org.sightline.product.voice;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sightline.api.usage.UsageViews;
import org.sightline.api.view.WidgetView;
import org.sightline.api.widget.DashboardWidget;
import org.sightline.api.widget.Sections;
import org.sightline.api.widget.SightlineWidget;
import org.sightline.api.widget.WidgetRequest;

/** Voice volume, success and failure rates and spend over the chosen range. */
@Component(service = DashboardWidget.class)
@SightlineWidget(id = "voice.kpis", title = "Voice at a glance", product = VoiceProduct.ID, section = Sections.USAGE,
        order = 10)
public class VoiceKpis implements DashboardWidget {
    private final UsageViews views;

    @Activate
    public VoiceKpis(@Reference UsageViews views) {
        this.views = views;
    }

    @Override
    public WidgetView render(WidgetRequest request) throws Exception {
        return views.kpis(VoiceProduct.SPEC, request);
    }
}
