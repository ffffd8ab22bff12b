package org.sightline.core.internal.report;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import org.sightline.api.report.ChargesSource;
import org.sightline.api.report.ReportDocument;
import org.sightline.api.view.Cell;
import org.sightline.api.view.CellType;
import org.sightline.api.view.KpiView;
import org.sightline.api.view.Kpi;
import org.sightline.api.view.Severity;
import org.sightline.api.view.TableView;

/**
 * A customer's monthly billing report: one row per product with its quantity and charge in the customer's
 * currency, the total, and the billing profile it is billed under. A charge in another currency (a price list
 * that no longer matches the customer's currency) is not added up: it is named in a notice instead.
 */
final class BillingDocument {
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMMM yyyy", Locale.ENGLISH);

    private BillingDocument() {
    }

    static String title(YearMonth month) {
        return "Billing report " + MONTH.format(month);
    }

    static ReportDocument of(YearMonth month, String currency, String profile, List<ChargesSource.Charge> charges,
                             Function<String, String> productName) {
        List<ChargesSource.Charge> sorted = new ArrayList<>(charges);
        sorted.sort(Comparator.comparing(ChargesSource.Charge::productId));
        List<TableView.Row> rows = new ArrayList<>();
        List<String> foreign = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        for (ChargesSource.Charge c : sorted) {
            if (!c.amount().currency().equals(currency)) {
                foreign.add(productName.apply(c.productId()) + " (" + c.amount().currency() + ")");
                continue;
            }
            total = total.add(c.amount().amount());
            rows.add(new TableView.Row(List.of(Cell.text(productName.apply(c.productId())), Cell.number(c.quantity()),
                    Cell.money(c.amount())), null));
        }
        List<ReportDocument.Block> blocks = new ArrayList<>();
        blocks.add(new ReportDocument.Paragraph("Charges for " + MONTH.format(month) + " in " + currency
                + (profile == null || profile.isBlank() ? "" : ", billing profile " + profile) + "."));
        blocks.add(new ReportDocument.ViewBlock("Total", new KpiView(List.of(new Kpi("total", "Total charges",
                Cell.money(total, currency))))));
        if (rows.isEmpty()) {
            blocks.add(new ReportDocument.Paragraph("There were no charges in " + MONTH.format(month) + "."));
        } else {
            blocks.add(new ReportDocument.ViewBlock("Charges per product", new TableView(List.of(
                    new TableView.Column("product", "Product", CellType.TEXT),
                    new TableView.Column("quantity", "Quantity", CellType.NUMBER),
                    new TableView.Column("charge", "Charge", CellType.MONEY)), rows, null, (long) rows.size())));
        }
        if (!foreign.isEmpty()) {
            blocks.add(new ReportDocument.Notice("Not in " + currency, "Priced in another currency and not added up: "
                    + String.join(", ", foreign) + ".", Severity.WARNING));
        }
        return new ReportDocument(title(month), blocks);
    }
}
