package org.sightline.itest.widgets;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.osgi.service.component.annotations.Component;
import org.sightline.api.Permissions;
import org.sightline.api.view.LinksView;
import org.sightline.api.view.WidgetView;
import org.sightline.api.widget.ActionResult;
import org.sightline.api.widget.BadWidgetRequestException;
import org.sightline.api.widget.DashboardWidget;
import org.sightline.api.widget.Placement;
import org.sightline.api.widget.SightlineWidget;
import org.sightline.api.widget.WidgetActions;
import org.sightline.api.widget.WidgetRequest;

/**
 * A widget with actions, on the product page: "Run check" counts its runs per customer (the label shows the
 * count, so a test sees the view refreshed), "Reset" asks for a typed "Yes", "Call back" answers with a full
 * phone number (which must reach the user masked), "Refuse" rejects the request.
 */
@Component(service = DashboardWidget.class)
@SightlineWidget(id = "itest-demo.actions", title = "Demo actions", product = DemoProduct.ID, section = "policy", order = 5,
        placement = Placement.PRODUCT_PAGE, refreshSeconds = 300)
public class ActionsWidget implements DashboardWidget, WidgetActions {
    private final Map<Long, AtomicInteger> runs = new ConcurrentHashMap<>();

    @Override
    public WidgetView render(WidgetRequest request) {
        int n = runs.computeIfAbsent(request.customer().id(), k -> new AtomicInteger()).get();
        return new LinksView(List.of(), List.of(
                new LinksView.Action("check", "Run check (" + n + " so far)", Permissions.CUSTOMER_ACT, null),
                new LinksView.Action("reset", "Reset", Permissions.CUSTOMER_ACT, "Yes"),
                new LinksView.Action("call-back", "Call back", Permissions.CUSTOMER_ACT, null),
                new LinksView.Action("refuse", "Refuse", Permissions.CUSTOMER_ACT, null)));
    }

    @Override
    public ActionResult run(WidgetRequest request, String actionId) throws BadWidgetRequestException {
        AtomicInteger n = runs.computeIfAbsent(request.customer().id(), k -> new AtomicInteger());
        return switch (actionId) {
            case "check" -> new ActionResult("Check " + n.incrementAndGet() + " done.");
            case "reset" -> {
                n.set(0);
                yield new ActionResult("Reset.");
            }
            case "call-back" -> new ActionResult("Calling back +44 20 7946 0123.");
            default -> throw new BadWidgetRequestException("action", "this demo refuses '" + actionId + "'");
        };
    }
}
