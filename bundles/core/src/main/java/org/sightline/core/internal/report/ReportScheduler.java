package org.sightline.core.internal.report;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.sightline.api.CustomerRef;
import org.sightline.api.Viewer;
import org.sightline.api.report.ReportActivity;
import org.sightline.api.widget.PageRequest;
import org.sightline.api.widget.TimeRange;
import org.sightline.api.widget.WidgetRequest;
import org.sightline.core.ReportSchedule;
import org.sightline.core.ReportTemplate;
import org.sightline.core.Roles;
import org.sightline.core.internal.tenancy.Tenancy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs scheduled and billing reports on one thread. Each tick looks at every schedule and every customer with
 * billing reports on and runs the period that is due (weekly: the week before this one, ISO weeks, runs on Monday;
 * monthly: the month before): a {@code report_run} row per (schedule and customer, period) or (billing of a
 * customer, month), unique in the database and written in the delivery's transaction, makes each period run
 * exactly once however often the scheduler ticks, restarts or runs on several nodes. A schedule runs only for
 * periods that end after it was created. Each run is recorded as report activity with its recipients and outcome.
 */
@Component(service = ReportScheduler.class, configurationPid = ReportDeliveriesService.PID)
public class ReportScheduler {
    private static final Logger LOG = LoggerFactory.getLogger(ReportScheduler.class);
    private final ReportSchedulesService schedules;
    private final ReportTemplatesService templates;
    private final ReportDeliveriesService deliveries;
    private final Tenancy tenancy;
    private final ReportActivity activity;
    private final Clock clock;
    private final ScheduledExecutorService thread;

    @Activate
    public ReportScheduler(@Reference ReportSchedulesService schedules, @Reference ReportTemplatesService templates,
                           @Reference ReportDeliveriesService deliveries, @Reference Tenancy tenancy,
                           @Reference ReportActivity activity, ReportDeliveriesService.Config config) {
        this(schedules, templates, deliveries, tenancy, activity, Clock.systemUTC(), true, Math.max(1, config.tick_minutes()));
    }

    ReportScheduler(ReportSchedulesService schedules, ReportTemplatesService templates, ReportDeliveriesService deliveries,
                    Tenancy tenancy, ReportActivity activity, Clock clock, boolean start, int tickMinutes) {
        this.schedules = schedules;
        this.templates = templates;
        this.deliveries = deliveries;
        this.tenancy = tenancy;
        this.activity = activity;
        this.clock = clock;
        if (start) {
            thread = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "sightline-report-scheduler");
                t.setDaemon(true);
                return t;
            });
            thread.scheduleWithFixedDelay(this::tickQuietly, 1, tickMinutes, TimeUnit.MINUTES);
        } else {
            thread = null;
        }
    }

    @Deactivate
    void stop() {
        if (thread != null) {
            thread.shutdownNow();
        }
    }

    private void tickQuietly() {
        try {
            tick();
        } catch (RuntimeException e) {
            LOG.warn("The report scheduler's run failed; it tries again at its next tick", e);
        }
    }

    /** The outcome of one tick: the runs it made (one per schedule and customer, or billing of a customer). */
    public record Tick(int sent, int failed) {
    }

    /** Runs every period that is due and has not run. */
    public Tick tick() {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        int sent = 0;
        int failed = 0;
        for (ReportSchedulesService.Stored stored : schedules.all()) {
            ReportSchedule s = stored.schedule();
            LocalDate periodEnd;
            String period;
            if ("weekly".equals(s.cadence())) {
                periodEnd = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
                LocalDate start = periodEnd.minusWeeks(1);
                period = String.format(Locale.ROOT, "%d-W%02d", start.get(IsoFields.WEEK_BASED_YEAR),
                        start.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            } else {
                periodEnd = YearMonth.from(today).atDay(1);
                period = YearMonth.from(today).minusMonths(1).toString();
            }
            if (!periodEnd.atStartOfDay(ZoneOffset.UTC).toInstant().isAfter(stored.createdAt())) {
                continue;
            }
            for (long customerId : s.customerIds()) {
                Boolean ok = runSchedule(stored, customerId, period);
                if (ok != null) {
                    if (ok) {
                        sent++;
                    } else {
                        failed++;
                    }
                }
            }
        }
        YearMonth lastMonth = YearMonth.from(today).minusMonths(1);
        for (long customerId : tenancy.billingCustomers()) {
            Boolean ok = runBilling(customerId, lastMonth);
            if (ok != null) {
                if (ok) {
                    sent++;
                } else {
                    failed++;
                }
            }
        }
        return new Tick(sent, failed);
    }

    /** {@code true} sent, {@code false} failed, {@code null} nothing to do (ran already). */
    private Boolean runSchedule(ReportSchedulesService.Stored stored, long customerId, String period) {
        ReportSchedule s = stored.schedule();
        ReportDeliveriesService.Claim claim = new ReportDeliveriesService.Claim("schedule:" + s.id() + ":" + customerId, period);
        if (deliveries.ran(claim)) {
            return null;
        }
        Viewer viewer = system("schedule:" + s.id(), stored.partnerId());
        Optional<CustomerRef> customer = tenancy.customer(customerId).filter(c -> c.partnerId() == stored.partnerId());
        Optional<ReportTemplate> template = templates.find(stored.partnerId(), s.templateId());
        if (customer.isEmpty() || template.isEmpty()) {
            return deliveries.recordFailedRun(claim, stored.partnerId(), "the customer or template no longer exists") ? false : null;
        }
        CustomerRef c = customer.get();
        String note = " (" + s.cadence() + " schedule, " + period + ")";
        List<String> addresses = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        Tenancy.ReportSettings settings = tenancy.reportSettings(c.id()).orElse(null);
        for (String a : s.addresses()) {
            boolean allowed = settings != null && settings.reportSend()
                    && settings.reportRecipients().stream().anyMatch(r -> r.equalsIgnoreCase(a));
            (allowed ? addresses : skipped).add(a);
        }
        if (!skipped.isEmpty()) {
            note += ", " + skipped.size() + " customer recipient(s) left out: the customer's 'send reports' is off or they are not its report recipients";
        }
        if (s.staffIds().isEmpty() && addresses.isEmpty()) {
            record(viewer, c, template.get().name() + note + ": no recipient", false);
            return deliveries.recordFailedRun(claim, stored.partnerId(), "no recipient") ? false : null;
        }
        try {
            return deliveries.runTemplate(viewer, c, template.get(), s.staffIds(), addresses, claim, note) == null ? null : true;
        } catch (RuntimeException e) {
            LOG.warn("Scheduled report {} for customer {} failed", s.id(), customerId, e);
            return deliveries.recordFailedRun(claim, stored.partnerId(), e.getClass().getSimpleName()) ? false : null;
        }
    }

    private Boolean runBilling(long customerId, YearMonth month) {
        ReportDeliveriesService.Claim claim = new ReportDeliveriesService.Claim("billing:" + customerId, month.toString());
        if (deliveries.ran(claim)) {
            return null;
        }
        Optional<CustomerRef> customer = tenancy.customer(customerId);
        Optional<Tenancy.ReportSettings> settings = tenancy.reportSettings(customerId);
        if (customer.isEmpty() || settings.isEmpty() || !settings.get().billingSend()) {
            return null;
        }
        Viewer viewer = system("billing", customer.get().partnerId());
        try {
            return deliveries.runBilling(viewer, customer.get(), month, settings.get(), claim) == null ? null : true;
        } catch (RuntimeException e) {
            LOG.warn("The billing report {} of customer {} failed", month, customerId, e);
            return deliveries.recordFailedRun(claim, customer.get().partnerId(), e.getClass().getSimpleName()) ? false : null;
        }
    }

    private void record(Viewer viewer, CustomerRef c, String what, boolean ok) {
        Instant now = clock.instant();
        activity.record(new WidgetRequest(c, viewer, new TimeRange(now.minusSeconds(1), now), ZoneOffset.UTC, PageRequest.first(),
                Map.of(), null), what, ReportActivity.Kind.SENT, ok);
    }

    /** The scheduler acting for a partner: partner-wide, as an admin would, named in the audit log. */
    static Viewer system(String name, long partnerId) {
        return new Viewer(name, partnerId, Set.of(Roles.ADMIN), Roles.permissions(Roles.ADMIN, false, false));
    }
}
