package org.sightline.product.m365.sharepoint;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.Test;

public class StorageForecastTest {
    private static final LocalDate START = LocalDate.of(2026, 9, 3);

    private static double line(int x) {
        return 1000 + 2.5 * x;
    }

    @Test
    public void onLinearGrowthWithNoiseTheBandHoldsTheTrueContinuation() {
        int inside = 0;
        for (long seed = 1; seed <= 20; seed++) {
            Random random = new Random(seed);
            List<LocalDate> days = new ArrayList<>();
            List<Double> values = new ArrayList<>();
            for (int x = 0; x < 90; x++) {
                days.add(START.plusDays(x));
                values.add(line(x) + 8 * random.nextGaussian());
            }
            List<StorageForecast.Band> f = StorageForecast.forecast(days, values, 90, 0.95);
            assertEquals(90, f.size());
            assertEquals(START.plusDays(90), f.get(0).day());
            for (int h = 0; h < 90; h++) {
                StorageForecast.Band b = f.get(h);
                int x = 90 + h;
                assertTrue("seed " + seed + " day " + x + ": " + line(x) + " outside " + b,
                        b.lower() <= line(x) && line(x) <= b.upper());
                double measured = line(x) + 8 * random.nextGaussian();
                if (b.lower() <= measured && measured <= b.upper()) {
                    inside++;
                }
                assertEquals(line(x), b.expected(), 12);
            }
            assertTrue("the band widens with the horizon",
                    f.get(89).upper() - f.get(89).lower() > f.get(0).upper() - f.get(0).lower());
        }
        // each day's band is a 95 % prediction interval: over 20 series, about 95 % of the noisy days fall inside
        assertTrue(inside + " of 1800 noisy days inside their band", inside >= 0.92 * 1800);
    }

    @Test
    public void anExactLineHasANarrowBandOnIt() {
        List<LocalDate> days = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (int x = 0; x < 10; x++) {
            days.add(START.plusDays(x));
            values.add(line(x));
        }
        StorageForecast.Band b = StorageForecast.forecast(days, values, 5, 0.95).get(4);
        assertEquals(line(14), b.expected(), 1e-6);
        assertEquals(line(14), b.lower(), 1e-6);
        assertEquals(line(14), b.upper(), 1e-6);
    }

    @Test
    public void tooFewDaysGiveNoForecast() {
        assertTrue(StorageForecast.forecast(List.of(START, START.plusDays(1)), List.of(1.0, 2.0), 90, 0.95).isEmpty());
    }
}
