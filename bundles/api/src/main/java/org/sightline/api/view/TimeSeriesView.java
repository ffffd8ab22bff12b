package org.sightline.api.view;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One or more time series on a shared time axis, with an optional forecast band.
 *
 * @param unit     the unit of the values, such as {@code "GB"} or {@code "messages"}
 * @param series   the measured series
 * @param forecast the forecast, or {@code null}
 * @param links    card footer links
 */
public record TimeSeriesView(String unit, List<Series> series, Forecast forecast, List<Link> links)
        implements WidgetView {
    public TimeSeriesView {
        Objects.requireNonNull(unit, "unit");
        series = List.copyOf(series);
        links = List.copyOf(links);
    }

    public TimeSeriesView(String unit, List<Series> series) {
        this(unit, series, null, List.of());
    }

    /** A named series of points in time order. */
    public record Series(String name, List<Point> points) {
        public Series {
            Objects.requireNonNull(name, "name");
            points = List.copyOf(points);
        }
    }

    /** One measured value. */
    public record Point(Instant at, double value) {
        public Point { Objects.requireNonNull(at, "at"); }
    }

    /** A forecast: an expected value with a lower and upper bound per point in time. */
    public record Forecast(String name, List<BandPoint> points) {
        public Forecast {
            Objects.requireNonNull(name, "name");
            points = List.copyOf(points);
        }
    }

    /** One forecast point. */
    public record BandPoint(Instant at, double expected, double lower, double upper) {
        public BandPoint {
            Objects.requireNonNull(at, "at");
            if (lower > upper) {
                throw new IllegalArgumentException("lower bound above upper bound");
            }
        }
    }
}
