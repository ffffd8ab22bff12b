package org.sightline.family.usage.internal;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sightline.api.CustomerRef;
import org.sightline.api.report.ChargesSource;
import org.sightline.api.data.ModuleStorage;
import org.sightline.api.usage.UsageLog;
import org.sightline.api.view.Money;

/**
 * The communications products' charges for the core's monthly billing report: per product, the month's quantity and
 * spend from the daily roll-ups ({@code usage_daily}, UTC days), in the customer's currency (spend is priced by the
 * customer's own price list when the records are stored). Batches stored in the last seconds and not yet applied by
 * the roll-up applier are not counted; a month that is over has none left by the time its report is made.
 */
@Component(service = ChargesSource.class)
public class UsageCharges implements ChargesSource {
    private static final String SQL = "SELECT product_id, SUM(quantity), SUM(spend) FROM usage_daily WHERE customer_id = ? "
            + "AND usage_day >= ? AND usage_day < ? GROUP BY product_id HAVING SUM(record_count) > 0 ORDER BY product_id";
    private final DataSource ds;

    /**
     * @param storage the server's database
     * @param log     the usage log, which migrates the usage tables (a reference so this starts after it)
     */
    @Activate
    public UsageCharges(@Reference ModuleStorage storage, @Reference UsageLog log) {
        this.ds = storage.dataSource();
    }

    @Override
    public List<Charge> charges(CustomerRef customer, YearMonth month) throws Exception {
        List<Charge> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(SQL)) {
            ps.setLong(1, customer.id());
            ps.setDate(2, Date.valueOf(month.atDay(1)));
            ps.setDate(3, Date.valueOf(month.plusMonths(1).atDay(1)));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Charge(rs.getString(1), rs.getLong(2), new Money(rs.getBigDecimal(3), customer.currency())));
                }
            }
        }
        return out;
    }
}
