package org.sightline.itest.widgets;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.sightline.api.view.Cell;
import org.sightline.api.view.CellType;
import org.sightline.api.view.CustomView;
import org.sightline.api.view.Link;
import org.sightline.api.view.TableView;
import org.sightline.api.view.WidgetView;
import org.sightline.api.widget.DashboardWidget;
import org.sightline.api.widget.Placement;
import org.sightline.api.widget.SightlineWidget;
import org.sightline.api.widget.WidgetRequest;

/**
 * Puts raw personal data everywhere it can: typed phone / name / message cells, a phone number in a plain
 * text cell, in its title (with no-break spaces), in a column label and in links, an e-mail address in a
 * column label and a link. Nothing of it may leave the server unmasked; the links are dropped.
 */
@Component(service = DashboardWidget.class)
@SightlineWidget(id = "itest-demo.leaky", title = "Leaky log for +44\u00A07700\u00A0900123", product = DemoProduct.ID, section = "usage", order = 4,
        placement = {Placement.OVERVIEW, Placement.PRODUCT_PAGE})
public class LeakyWidget implements DashboardWidget {
    public static final String PHONE = "+44 7700 900123";
    public static final String NAME = "Jane Roe";
    public static final String MESSAGE = "meet me at the usual place";
    public static final String EMAIL = "jane.doe@example.com";

    @Override
    public WidgetView render(WidgetRequest request) {
        if ("custom".equals(request.panel())) {
            return new CustomView("itest-card", Map.of("who", Cell.personName(NAME), "number", Cell.phone(PHONE)), List.of());
        }
        List<TableView.Column> cols = List.of(
                new TableView.Column("at", "Time", CellType.TIMESTAMP),
                new TableView.Column("from", "From", CellType.PHONE),
                new TableView.Column("name", "Contact", CellType.PERSON_NAME),
                new TableView.Column("body", "Content", CellType.MESSAGE_CONTENT),
                new TableView.Column("note", "Note for 07700900123 / " + EMAIL, CellType.TEXT),
                new TableView.Column("price", "Price", CellType.MONEY));
        TableView.Row row = new TableView.Row(List.of(Cell.timestamp(Instant.parse("2026-11-20T10:00:00Z")),
                Cell.phone(PHONE), Cell.personName(NAME), Cell.message(MESSAGE),
                Cell.text("call back on " + PHONE), Cell.money(new BigDecimal("0.0450"), "EUR")));
        return new TableView(cols, List.of(row), null, 1L, List.of(Link.to("Dial " + PHONE, "tel:" + PHONE),
                Link.to("Mail " + EMAIL, "mailto:" + EMAIL), Link.to("Calls of 07700–900123", "https://example.com/calls/07700-900123"),
                Link.panel("Card", "custom")));
    }
}
