package org.sightline.api.usage;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

import org.sightline.api.view.Money;

/**
 * A customer's usage of one product over whole days, read from the daily roll-ups the core keeps at
 * ingestion. Days are UTC calendar days: a summary for a range covers every UTC day the range touches.
 *
 * @param firstDay first day covered
 * @param lastDay  last day covered, inclusive
 * @param currency the customer's billing currency
 * @param buckets  one bucket per day, direction and status that had usage, in day order
 */
public record UsageSummary(LocalDate firstDay, LocalDate lastDay, String currency, List<Bucket> buckets) {
    public UsageSummary {
        Objects.requireNonNull(firstDay, "firstDay");
        Objects.requireNonNull(lastDay, "lastDay");
        Objects.requireNonNull(currency, "currency");
        buckets = List.copyOf(buckets);
    }

    /**
     * The usage of one day, direction and status.
     *
     * @param day             the UTC day
     * @param direction       the direction
     * @param status          the status code
     * @param records         how many records
     * @param quantity        their billable units
     * @param durationSeconds their total duration in seconds
     * @param spend           what they cost the customer
     */
    public record Bucket(LocalDate day, Direction direction, String status, long records, long quantity,
                         long durationSeconds, BigDecimal spend) {
        public Bucket {
            Objects.requireNonNull(day, "day");
            Objects.requireNonNull(direction, "direction");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(spend, "spend");
        }
    }

    /** The number of records. */
    public long records() {
        return buckets.stream().mapToLong(Bucket::records).sum();
    }

    /** The number of records with this status. */
    public long records(String status) {
        return buckets.stream().filter(b -> b.status().equals(status)).mapToLong(Bucket::records).sum();
    }

    /** The number of records in this direction. */
    public long records(Direction direction) {
        return buckets.stream().filter(b -> b.direction() == direction).mapToLong(Bucket::records).sum();
    }

    /** The billable units. */
    public long quantity() {
        return buckets.stream().mapToLong(Bucket::quantity).sum();
    }

    /** The total duration in seconds. */
    public long durationSeconds() {
        return buckets.stream().mapToLong(Bucket::durationSeconds).sum();
    }

    /** What the usage cost the customer. */
    public Money spend() {
        return new Money(buckets.stream().map(Bucket::spend).reduce(BigDecimal.ZERO, BigDecimal::add), currency);
    }

    /** Records per day and status, every day from {@link #firstDay} to {@link #lastDay} present. */
    public SortedMap<LocalDate, Map<String, Long>> recordsByDayAndStatus() {
        SortedMap<LocalDate, Map<String, Long>> days = new TreeMap<>();
        for (LocalDate d = firstDay; !d.isAfter(lastDay); d = d.plusDays(1)) {
            days.put(d, new TreeMap<>());
        }
        for (Bucket b : buckets) {
            days.computeIfAbsent(b.day(), d -> new TreeMap<>()).merge(b.status(), b.records(), Long::sum);
        }
        return days;
    }
}
