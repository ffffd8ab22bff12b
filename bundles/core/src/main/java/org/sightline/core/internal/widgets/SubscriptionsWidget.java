package org.sightline.core.internal.widgets;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sightline.api.CustomerRef;
import org.sightline.api.Permissions;
import org.sightline.api.Product;
import org.sightline.api.view.Cell;
import org.sightline.api.view.CellType;
import org.sightline.api.view.Link;
import org.sightline.api.view.Severity;
import org.sightline.api.view.StatusListView;
import org.sightline.api.view.TableView;
import org.sightline.api.view.WidgetView;
import org.sightline.api.widget.BadWidgetRequestException;
import org.sightline.api.widget.DashboardWidget;
import org.sightline.api.widget.Placement;
import org.sightline.api.widget.Sections;
import org.sightline.api.widget.SightlineWidget;
import org.sightline.api.widget.WidgetRequest;
import org.sightline.core.CustomerDirectory;
import org.sightline.core.KnownProduct;
import org.sightline.core.ProductCatalogue;
import org.sightline.core.Subscription;
import org.sightline.core.internal.dashboard.DashboardComposer;

/**
 * "Products & subscriptions": the customer's subscriptions with status, dates, quantity and quota,
 * filterable by {@code status}. Staff who may act get an "Edit subscription" link per row and, for a backup
 * product that is not started or only partially started, a "Start service" link. When access to the
 * customer's tenant is disabled (the only widget the dashboard then shows) it is drawn as cards. Products are
 * named as the {@link ProductCatalogue} remembers them, so a product whose bundle is gone keeps its name.
 */
@Component(service = DashboardWidget.class)
@SightlineWidget(id = SubscriptionsWidget.ID, title = "Products & subscriptions", product = DashboardComposer.CORE_PRODUCT,
        section = Sections.SUBSCRIPTIONS, order = 10, placement = Placement.OVERVIEW, refreshSeconds = 300, timeRange = false)
public class SubscriptionsWidget implements DashboardWidget {
    /** The widget id. */
    public static final String ID = "core.subscriptions";
    private final CustomerDirectory customers;
    private final ProductCatalogue catalogue;

    @Activate
    public SubscriptionsWidget(@Reference CustomerDirectory customers, @Reference ProductCatalogue catalogue) {
        this.customers = customers;
        this.catalogue = catalogue;
    }

    @Override
    public WidgetView render(WidgetRequest request) throws BadWidgetRequestException {
        String status = request.filter("status").orElse(null);
        if (status != null && !status.equals("all") && !Subscription.STATUSES.contains(status)) {
            throw new BadWidgetRequestException("status", "status must be all or one of " + Subscription.STATUSES);
        }
        CustomerRef c = request.customer();
        List<Subscription> subs = customers.subscriptions(request.viewer(), c.id(), "all".equals(status) ? null : status);
        boolean act = request.viewer().can(Permissions.CUSTOMER_ACT);
        if (!c.accessEnabled()) {
            List<StatusListView.Item> cards = new ArrayList<>();
            for (Subscription s : subs) {
                cards.add(new StatusListView.Item(catalogue.displayName(s.productId()), status(s.status()), usage(s), null,
                        act ? edit(c, s) : null));
            }
            return new StatusListView(cards);
        }
        List<TableView.Column> columns = List.of(new TableView.Column("product", "Product", CellType.TEXT),
                new TableView.Column("status", "Status", CellType.STATUS),
                new TableView.Column("startsOn", "Starts", CellType.TEXT),
                new TableView.Column("endsOn", "Ends", CellType.TEXT),
                new TableView.Column("quantity", "Quantity", CellType.NUMBER),
                new TableView.Column("quota", "Quota", CellType.NUMBER),
                new TableView.Column("action", "Action", CellType.LINK));
        List<TableView.Row> rows = new ArrayList<>();
        for (Subscription s : subs) {
            Optional<KnownProduct> p = catalogue.find(s.productId());
            Cell action = Cell.empty();
            if (act && p.isPresent() && p.get().deployed() && Product.FAMILY_BACKUP.equals(p.get().family())
                    && (s.status().equals("not-started") || s.status().equals("partially-started"))) {
                action = Cell.link(Link.to("Start service", "/customers/" + c.id() + "/services/" + s.productId() + "/start"));
            } else if (act) {
                action = Cell.link(edit(c, s));
            }
            rows.add(new TableView.Row(List.of(Cell.text(p.map(KnownProduct::displayName).orElse(s.productId())), status(s.status()),
                    Cell.text(s.startsOn() == null ? null : s.startsOn().toString()),
                    Cell.text(s.endsOn() == null ? null : s.endsOn().toString()),
                    s.quantity() == null ? Cell.empty() : Cell.number(BigDecimal.valueOf(s.quantity()), null),
                    s.quota() == null ? Cell.empty() : Cell.number(BigDecimal.valueOf(s.quota()), null), action)));
        }
        List<Link> links = act ? List.of(Link.to("Add services", "/customers/" + c.id() + "/services/add")) : List.of();
        return new TableView(columns, rows, null, (long) rows.size(), links);
    }

    private static Link edit(CustomerRef c, Subscription s) {
        return Link.to("Edit subscription", "/customers/" + c.id() + "/subscriptions/" + s.productId() + "/edit");
    }

    private static Cell usage(Subscription s) {
        if (s.quantity() == null && s.quota() == null) {
            return null;
        }
        return Cell.text((s.quantity() == null ? "-" : s.quantity()) + " of " + (s.quota() == null ? "-" : s.quota()));
    }

    static Cell.Status status(String status) {
        Severity sev = switch (status) {
            case "active" -> Severity.OK;
            case "trial", "partially-started", "not-started" -> Severity.WARNING;
            case "suspended", "expired" -> Severity.CRITICAL;
            default -> Severity.INFO;
        };
        String label = Character.toUpperCase(status.charAt(0)) + status.substring(1).replace('-', ' ');
        return (Cell.Status) Cell.status(status, label, sev);
    }
}
