package org.sightline.family.backup.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.sightline.api.CustomerRef;
import org.sightline.api.backup.BackupRecord;
import org.sightline.api.backup.BackupSpec;
import org.sightline.api.backup.JobRun;
import org.sightline.api.backup.JobStatus;
import org.sightline.api.backup.ProtectedObjects;
import org.sightline.api.backup.StorageUse;
import org.sightline.api.backup.Workload;
import org.sightline.api.data.SampleDataProvider;

/**
 * Deterministic sample backups of one customer and product: for every workload, one nightly run a day over the 90
 * days up to the request's {@code now} (about 91 % succeeded, 6 % partially, 2.5 % failed, 0.5 % not run; a run still
 * going at {@code now} is running), protected objects growing slowly, and storage growing with noise. About one
 * customer in {@value #BAD_WEEK_ONE_IN} of each product has a bad week: four to seven days in a row on which the runs of
 * some of its workloads (at least one, never all of several) fail or only partly succeed. The random source is seeded
 * by the sample seed, the customer's account id (its number among the sample customers, not its database id) and the
 * product, so the same customer looks the same on every server. Job ids are derived from the day and workload, so
 * writing the same request again stores nothing twice.
 */
final class SampleBackups {
    static final int DAYS = 90;
    /** One customer in this many (per product) has a bad week. */
    static final int BAD_WEEK_ONE_IN = 6;
    /** The shortest bad week, in days; the longest is three days more. */
    static final int BAD_DAYS_MIN = 4;
    private static final GenericReason[] REASONS = {
        new GenericReason("Throttled by the service", "Throttled while reading the mailbox of %s (%s)"),
        new GenericReason("Authentication token expired", "The app token for %s <%s> has expired; consent again"),
        new GenericReason("Item too large", "An item of %s (%s) is over the size limit and was skipped"),
        new GenericReason("Network timeout", "Timed out after 300 s reading data owned by %s, %s"),
        new GenericReason("Service unavailable", "The service returned 503 for the account of %s (%s)"),
    };
    private static final String[] PEOPLE = {"Adele Vance", "Megan Bowen", "Lee Gu", "Nestor Wilke", "Alex Wilber",
        "Isaiah Langer", "Joni Sherman", "Lidia Holloway"};

    private record GenericReason(String reason, String error) {
    }

    private SampleBackups() {
    }

    static List<BackupRecord> of(SampleDataProvider.Request request, BackupSpec spec) {
        CustomerRef customer = request.customer();
        SplittableRandom base = new SplittableRandom(request.seed() * 31 + customer.accountId().hashCode() * 1_000_003L
                + spec.productId().hashCode());
        int workloads = spec.workloads().size();
        boolean badWeek = base.nextInt(BAD_WEEK_ONE_IN) == 0;
        int badStart = 10 + base.nextInt(DAYS - 20);
        int badDays = BAD_DAYS_MIN + base.nextInt(4);
        boolean[] badWorkload = new boolean[workloads];
        if (badWeek) {
            badWorkload[base.nextInt(workloads)] = true;
            for (int i = 0; i < workloads; i++) {
                badWorkload[i] |= base.nextInt(100) < 30;
            }
            if (workloads > 1 && allTrue(badWorkload)) {
                badWorkload[base.nextInt(workloads)] = false;
            }
        }
        LocalDate today = request.now().atOffset(ZoneOffset.UTC).toLocalDate();
        LocalDate first = today.minusDays(DAYS - 1L);
        List<BackupRecord> out = new ArrayList<>();
        int w = 0;
        for (Workload workload : spec.workloads()) {
            SplittableRandom r = base.split();
            long objects0 = (long) (10 + r.nextInt(400)) * request.scale();
            double gbPerObject = 0.2 + r.nextDouble() * 4;
            double growth = 0.05 + r.nextDouble() * 0.25;
            for (int d = 0; d < DAYS; d++) {
                LocalDate day = first.plusDays(d);
                double progress = (double) d / DAYS;
                long objects = Math.round(objects0 * (1 + growth * progress * 0.5));
                Instant started = day.atStartOfDay().toInstant(ZoneOffset.UTC).plus(Duration.ofMinutes(60 + w * 7L + r.nextInt(20)));
                if (started.isAfter(request.now())) {
                    continue;
                }
                Instant finished = started.plus(Duration.ofMinutes(8 + r.nextInt(80)));
                boolean bad = badWorkload[w] && d >= badStart && d < badStart + badDays;
                int roll = r.nextInt(1000);
                JobStatus status = bad ? (roll < 650 ? JobStatus.FAILED : JobStatus.PARTIALLY_SUCCEEDED)
                        : roll < 910 ? JobStatus.SUCCEEDED : roll < 970 ? JobStatus.PARTIALLY_SUCCEEDED
                        : roll < 995 ? JobStatus.FAILED : JobStatus.NOT_RUN;
                if (finished.isAfter(request.now())) {
                    status = JobStatus.RUNNING;
                }
                long failedObjects = switch (status) {
                    case PARTIALLY_SUCCEEDED -> 1 + r.nextInt((int) Math.max(1, objects / 20));
                    case FAILED -> objects;
                    default -> 0;
                };
                String reason = null;
                String error = null;
                if (status.problem()) {
                    GenericReason g = REASONS[r.nextInt(REASONS.length)];
                    String person = PEOPLE[r.nextInt(PEOPLE.length)];
                    String mail = person.toLowerCase(java.util.Locale.ROOT).replace(' ', '.') + "@contoso.example";
                    reason = g.reason();
                    error = String.format(g.error(), person, mail);
                }
                long bytes = status == JobStatus.FAILED || status == JobStatus.NOT_RUN ? 0
                        : (long) (objects * gbPerObject * 1e9 * (0.002 + r.nextDouble() * 0.01));
                out.add(new JobRun(customer, "sample-" + workload.id() + "-" + day, workload.id(), started,
                        status == JobStatus.RUNNING || status == JobStatus.NOT_RUN ? null : finished, status,
                        status == JobStatus.FAILED || status == JobStatus.NOT_RUN || status == JobStatus.RUNNING ? 0 : objects - failedObjects,
                        failedObjects, bytes, reason, error));
                out.add(new ProtectedObjects(customer, workload.id(), day, objects));
                double noise = 1 + (r.nextDouble() - 0.5) * 0.03;
                out.add(new StorageUse(customer, workload.id(), day,
                        (long) (objects0 * gbPerObject * 1e9 * (1 + growth * progress) * noise)));
            }
            w++;
        }
        return out;
    }

    private static boolean allTrue(boolean[] values) {
        for (boolean v : values) {
            if (!v) {
                return false;
            }
        }
        return true;
    }
}
