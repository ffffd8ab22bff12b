package org.sightline.family.usage.internal;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.sightline.api.data.SampleDataProvider;
import org.sightline.api.usage.Outcome;
import org.sightline.api.usage.UsageRecord;
import org.sightline.api.usage.UsageSampleFactory;
import org.sightline.api.usage.UsageSpec;

/**
 * Plausible usage over the 90 days before the request's {@code now}, hour by hour in the request's zone:
 * weekdays busier than weekends, office hours busier than nights, a failure burst of a few hours on
 * about one day in thirty, volume proportional to the request's scale.
 * <p>
 * Every hour draws from its own random source, seeded by (seed, customer, product, hour), and names its
 * records after the hour: the same hour always yields the same records, so writing the sample again, even
 * with a later {@code now}, stores nothing twice.
 */
final class SampleTraffic {
    static final int DAYS = 90;
    /** Share of a day's traffic per hour of the day: quiet nights, a morning and an afternoon peak. */
    private static final double[] HOURS = normalise(new double[] {
        0.6, 0.4, 0.3, 0.3, 0.4, 0.8, 1.5, 3.0, 6.0, 8.5, 9.0, 8.5, 7.0, 7.5, 8.5, 8.5, 7.5, 6.0, 4.0, 3.0, 2.5,
        2.0, 1.5, 1.0});

    private final SampleDataProvider.Request request;
    private final UsageSpec spec;
    private final UsageSampleFactory factory;
    private final List<String> success;
    private final List<String> failure;
    private final List<String> other;
    private final Instant end;
    private ZonedDateTime hour;
    private LocalDate burstDay;
    private int burstFrom;
    private int burstTo;

    SampleTraffic(SampleDataProvider.Request request, UsageSpec spec, UsageSampleFactory factory) {
        this.request = request;
        this.spec = spec;
        this.factory = factory;
        this.success = codes(Outcome.SUCCESS);
        this.failure = codes(Outcome.FAILURE);
        this.other = codes(Outcome.OTHER);
        this.end = request.now();
        this.hour = request.now().atZone(request.zone()).toLocalDate().minusDays(DAYS - 1L)
                .atStartOfDay(request.zone());
    }

    /** The next records, at least {@code atLeast} unless the period ends first; empty at the end. */
    List<UsageRecord> next(int atLeast) {
        List<UsageRecord> out = new ArrayList<>();
        while (out.size() < atLeast && hour.toInstant().isBefore(end)) {
            emitHour(out);
            hour = hour.plusHours(1);
        }
        return out;
    }

    private void emitHour(List<UsageRecord> out) {
        LocalDate day = hour.toLocalDate();
        if (!day.equals(burstDay)) {
            planDay(day);
        }
        long epochHour = hour.toEpochSecond() / 3600;
        SplittableRandom random = new SplittableRandom(mix(request.seed(), request.customer().id(),
                spec.productId().hashCode(), epochHour));
        double dayFactor = switch (day.getDayOfWeek()) {
            case SATURDAY -> 0.3;
            case SUNDAY -> 0.2;
            case MONDAY -> 1.05;
            case FRIDAY -> 0.9;
            default -> 1.0;
        };
        double noise = 0.8 + 0.4 * new SplittableRandom(mix(request.seed(), request.customer().id(), 7,
                day.toEpochDay())).nextDouble();
        double expected = factory.weekdayVolume() * (double) request.scale() * dayFactor * noise
                * HOURS[hour.getHour()];
        int count = (int) expected + (random.nextDouble() < expected - (int) expected ? 1 : 0);
        boolean burst = hour.getHour() >= burstFrom && hour.getHour() < burstTo;
        Instant start = hour.toInstant();
        for (int n = 0; n < count; n++) {
            Instant t = start.plusMillis(random.nextLong(3_600_000L));
            String status = status(random, burst);
            String id = "sample-" + Long.toHexString(request.seed()) + "-" + epochHour + "-" + n;
            UsageRecord r = factory.create(new UsageSampleFactory.Event(request.customer(), id, t, status, random));
            if (t.isBefore(end)) { // drawn all the same, so a later "now" yields the same records
                out.add(r);
            }
        }
    }

    /** About one day in thirty has a failure burst of two to six hours. */
    private void planDay(LocalDate day) {
        SplittableRandom r = new SplittableRandom(mix(request.seed(), request.customer().id(),
                spec.productId().hashCode() + 31, day.toEpochDay()));
        burstDay = day;
        boolean weekday = day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY;
        if (weekday && r.nextInt(30) < 1 + (request.scale() > 1 ? 1 : 0)) {
            burstFrom = 8 + r.nextInt(9);
            burstTo = burstFrom + 2 + r.nextInt(5);
        } else {
            burstFrom = burstTo = -1;
        }
    }

    private String status(SplittableRandom r, boolean burst) {
        double p = r.nextDouble();
        double failP = burst ? 0.40 : 0.04;
        double otherP = burst ? 0.05 : 0.03;
        List<String> pool = p < failP ? failure : p < failP + otherP ? other : success;
        if (pool.isEmpty()) {
            pool = success.isEmpty() ? spec.statuses().stream().map(UsageSpec.StatusSpec::code).toList() : success;
        }
        // the first status of an outcome is the common one
        return pool.size() == 1 || r.nextDouble() < 0.7 ? pool.get(0) : pool.get(1 + r.nextInt(pool.size() - 1));
    }

    private List<String> codes(Outcome outcome) {
        return spec.statuses().stream().filter(s -> s.outcome() == outcome).map(UsageSpec.StatusSpec::code).toList();
    }

    private static long mix(long a, long b, long c, long d) {
        long h = a * 0x9E3779B97F4A7C15L;
        h = (h ^ b) * 0xBF58476D1CE4E5B9L;
        h = (h ^ c) * 0x94D049BB133111EBL;
        return (h ^ d) * 0x9E3779B97F4A7C15L;
    }

    private static double[] normalise(double[] w) {
        double sum = 0;
        for (double x : w) {
            sum += x;
        }
        double[] out = new double[w.length];
        for (int i = 0; i < w.length; i++) {
            out[i] = w[i] / sum;
        }
        return out;
    }
}
