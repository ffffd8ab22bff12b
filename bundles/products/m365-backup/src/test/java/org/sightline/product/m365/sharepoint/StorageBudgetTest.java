package org.sightline.product.m365.sharepoint;

import static org.junit.Assert.assertEquals;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

import org.junit.Test;

public class StorageBudgetTest {

    @Test
    public void eachMonthCostsItsPeakAboveTheQuotaInWholeGbAtThePrice() {
        // 1 GB a day from 90 GB on 2027-01-30, quota 100 GB: January peaks at 91, February at 119, March 1 at 120
        List<StorageForecast.Band> f = new ArrayList<>();
        LocalDate day = LocalDate.of(2027, 1, 30);
        for (int i = 0; i < 31; i++) {
            double expected = 90 + i;
            f.add(new StorageForecast.Band(day.plusDays(i), expected, expected - 5, expected + 5.5));
        }
        List<StorageBudget.Month> m = StorageBudget.monthly(f, 100, new BigDecimal("0.20"));
        assertEquals(List.of(YearMonth.of(2027, 1), YearMonth.of(2027, 2), YearMonth.of(2027, 3)),
                m.stream().map(StorageBudget.Month::month).toList());
        assertEquals(0, m.get(0).aboveQuotaGb());
        assertEquals(new BigDecimal("0.00"), m.get(0).cost());
        assertEquals(19, m.get(1).aboveQuotaGb());
        assertEquals(new BigDecimal("3.80"), m.get(1).cost());
        assertEquals(new BigDecimal("5.00"), m.get(1).upperCost()); // 124.5 GB -> 25 GB
        assertEquals(20, m.get(2).aboveQuotaGb());
        assertEquals(new BigDecimal("4.00"), m.get(2).cost());
    }

    @Test
    public void aFractionOfAGbAboveTheQuotaIsAWholeGb() {
        assertEquals(0, StorageBudget.aboveQuota(100, 100));
        assertEquals(1, StorageBudget.aboveQuota(100.01, 100));
        assertEquals(2, StorageBudget.aboveQuota(102, 100));
    }

    @Test(expected = IllegalArgumentException.class)
    public void aNegativePriceIsRefused() {
        StorageBudget.monthly(List.of(), 1, new BigDecimal("-1"));
    }
}
