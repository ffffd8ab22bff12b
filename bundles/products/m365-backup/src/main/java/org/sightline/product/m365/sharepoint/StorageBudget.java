package org.sightline.product.m365.sharepoint;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The monthly storage budget over a forecast: for each month the forecast reaches, the storage above the tenant's
 * quota at the month's highest expected use, in whole GB (extra storage is bought by the GB for a whole month),
 * and its cost at the price per GB; also the cost at the band's upper bound, the month's cost if use grows as fast
 * as the band allows.
 */
public final class StorageBudget {
    private StorageBudget() {
    }

    /**
     * One month of the budget.
     *
     * @param month        the month
     * @param expectedGb   the month's highest expected use
     * @param quotaGb      the tenant's quota
     * @param aboveQuotaGb whole GB above the quota at the expected use
     * @param cost         their monthly cost
     * @param upperCost    the cost at the band's upper bound
     */
    public record Month(YearMonth month, double expectedGb, double quotaGb, long aboveQuotaGb, BigDecimal cost,
                        BigDecimal upperCost) {
        public Month {
            Objects.requireNonNull(month, "month");
            Objects.requireNonNull(cost, "cost");
            Objects.requireNonNull(upperCost, "upperCost");
        }
    }

    /**
     * The budget, month by month over the forecast's days.
     *
     * @param forecast   the forecast, in GB
     * @param quotaGb    the tenant's quota in GB
     * @param pricePerGb the monthly price of one GB above the quota, in the customer's currency
     */
    public static List<Month> monthly(List<StorageForecast.Band> forecast, double quotaGb, BigDecimal pricePerGb) {
        Objects.requireNonNull(pricePerGb, "pricePerGb");
        if (pricePerGb.signum() < 0) {
            throw new IllegalArgumentException("the price per GB must not be negative");
        }
        Map<YearMonth, double[]> peaks = new LinkedHashMap<>();
        for (StorageForecast.Band b : forecast) {
            double[] p = peaks.computeIfAbsent(YearMonth.from(b.day()), m -> new double[] {0, 0});
            p[0] = Math.max(p[0], b.expected());
            p[1] = Math.max(p[1], b.upper());
        }
        List<Month> out = new ArrayList<>();
        peaks.forEach((month, p) -> {
            long above = aboveQuota(p[0], quotaGb);
            long aboveUpper = aboveQuota(p[1], quotaGb);
            out.add(new Month(month, p[0], quotaGb, above, cost(above, pricePerGb), cost(aboveUpper, pricePerGb)));
        });
        return out;
    }

    /** Whole GB above the quota (rounded up), or 0. */
    static long aboveQuota(double usedGb, double quotaGb) {
        return usedGb <= quotaGb ? 0 : (long) Math.ceil(usedGb - quotaGb - 1e-9);
    }

    private static BigDecimal cost(long gb, BigDecimal price) {
        return price.multiply(BigDecimal.valueOf(gb)).setScale(2, RoundingMode.HALF_UP);
    }
}
