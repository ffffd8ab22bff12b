package org.sightline.product.risk;

import java.time.LocalDate;
import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sightline.api.view.Link;
import org.sightline.api.view.WidgetView;
import org.sightline.api.widget.BadWidgetRequestException;
import org.sightline.api.widget.DashboardWidget;
import org.sightline.api.widget.Sections;
import org.sightline.api.widget.SightlineWidget;
import org.sightline.api.widget.WidgetRequest;

/**
 * The last seven days' trend of each of the five measures (high-risk, medium-risk and sensitive items, external
 * users and links, over SharePoint sites, Teams, Microsoft 365 Groups and OneDrive); "Show risk insights summary"
 * opens the latest day's counts per workspace kind, with their total.
 */
@Component(service = DashboardWidget.class)
@SightlineWidget(id = "risk.trends", title = "Risk insights", product = RiskProduct.ID, section = Sections.RISK,
        order = 10, timeRange = false)
public class RiskTrends implements DashboardWidget {
    /** The panel of counts per workspace kind. */
    static final String SUMMARY = "summary";
    static final int DAYS = 7;

    private final RiskInsights insights;

    @Activate
    public RiskTrends(@Reference RiskInsights insights) {
        this.insights = insights;
    }

    @Override
    public WidgetView render(WidgetRequest request) throws Exception {
        LocalDate last = RiskInsights.lastDay(request);
        if (request.panel() != null) {
            if (!SUMMARY.equals(request.panel())) {
                throw new BadWidgetRequestException("panel", "This widget has no panel '" + request.panel() + "'.");
            }
            return insights.summary(request.customer(), last, RiskProduct.KINDS).table();
        }
        return insights.trends(request, last.minusDays(DAYS - 1L), last,
                List.of(Link.panel("Show risk insights summary", SUMMARY)));
    }
}
