package org.sightline.product.m365.sharepoint;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.regression.SimpleRegression;

/**
 * The estimated trend of storage use: a least-squares line through the measured days and, for each future day,
 * its prediction interval (Student's t, {@code n - 2} degrees of freedom), the range a day's measured value is
 * expected to fall in with the given confidence. Regression and quantiles come from Apache Commons Math.
 */
public final class StorageForecast {
    /** The fewest measured days a forecast is made from. */
    public static final int MIN_DAYS = 7;

    private StorageForecast() {
    }

    /** One forecast day: the expected value and the band around it (never below zero). */
    public record Band(LocalDate day, double expected, double lower, double upper) {
        public Band {
            Objects.requireNonNull(day, "day");
        }
    }

    /**
     * The forecast of the {@code horizon} days after the last measured day.
     *
     * @param days       measured days (at most one value per day), in any order
     * @param values     the value of each day, as {@code days}
     * @param horizon    how many days to forecast
     * @param confidence the band's confidence, such as 0.95
     * @return the forecast, empty when fewer than {@link #MIN_DAYS} days were measured
     */
    public static List<Band> forecast(List<LocalDate> days, List<Double> values, int horizon, double confidence) {
        if (days.size() != values.size()) {
            throw new IllegalArgumentException("one value per day");
        }
        if (!(confidence > 0 && confidence < 1) || horizon < 0) {
            throw new IllegalArgumentException("confidence must be between 0 and 1, horizon not negative");
        }
        if (days.size() < MIN_DAYS) {
            return List.of();
        }
        LocalDate origin = days.stream().min(LocalDate::compareTo).orElseThrow();
        LocalDate last = days.stream().max(LocalDate::compareTo).orElseThrow();
        SimpleRegression regression = new SimpleRegression();
        double sumX = 0;
        for (int i = 0; i < days.size(); i++) {
            double x = days.get(i).toEpochDay() - origin.toEpochDay();
            sumX += x;
            regression.addData(x, values.get(i));
        }
        long n = regression.getN();
        double meanX = sumX / n;
        double sxx = regression.getXSumSquares();
        double s = Math.sqrt(Math.max(0, regression.getMeanSquareError()));
        double t = new TDistribution(null, n - 2).inverseCumulativeProbability(1 - (1 - confidence) / 2);
        List<Band> out = new ArrayList<>(horizon);
        for (int h = 1; h <= horizon; h++) {
            LocalDate day = last.plusDays(h);
            double x = day.toEpochDay() - origin.toEpochDay();
            double expected = regression.predict(x);
            double half = t * s * Math.sqrt(1 + 1d / n + (x - meanX) * (x - meanX) / sxx);
            out.add(new Band(day, Math.max(0, expected), Math.max(0, expected - half), Math.max(0, expected + half)));
        }
        return out;
    }
}
