package org.sightline.core.internal.report;

import java.time.Clock;
import java.time.Duration;
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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.sightline.api.CustomerRef;
import org.sightline.api.Permissions;
import org.sightline.api.Viewer;
import org.sightline.api.report.ReportActivity;
import org.sightline.api.widget.PageRequest;
import org.sightline.api.widget.TimeRange;
import org.sightline.api.widget.WidgetRequest;
import org.sightline.core.ActionFailedException;
import org.sightline.core.AuditLog;
import org.sightline.core.ForbiddenException;
import org.sightline.core.ReportRuns;
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
@Component(service = {ReportScheduler.class, ReportRuns.class}, configurationPid = ReportDeliveriesService.PID)
public class ReportScheduler implements ReportRuns {
    private static final Logger LOG = LoggerFactory.getLogger(ReportScheduler.class);
    private final ReportSchedulesService schedules;
    private final ReportTemplatesService templates;
    private final ReportDeliveriesService deliveries;
    private final Tenancy tenancy;
    private final ReportActivity activity;
    private final AuditLog audit;
    private final Clock clock;
    private final int attempts;
    private final long pauseMs;
    private final ScheduledExecutorService thread;

    @Activate
    public ReportScheduler(@Reference ReportSchedulesService schedules, @Reference ReportTemplatesService templates,
                           @Reference ReportDeliveriesService deliveries, @Reference Tenancy tenancy,
                           @Reference ReportActivity activity, @Reference AuditLog audit,
                           ReportDeliveriesService.Config config) {
        this(schedules, templates, deliveries, tenancy, activity, audit, Clock.systemUTC(), true, Math.max(1, config.tick_minutes()),
                Math.max(1, config.retry_attempts()), Math.max(0, config.pause_ms()));
    }

    ReportScheduler(ReportSchedulesService schedules, ReportTemplatesService templates, ReportDeliveriesService deliveries,
                    Tenancy tenancy, ReportActivity activity, AuditLog audit, Clock clock, boolean start, int tickMinutes,
                    int attempts, long pauseMs) {
        this.audit = audit;
        this.pauseMs = pauseMs;
        this.attempts = attempts;
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

    @Override
    public Run runDue(Viewer operator, boolean firstPeriods) {
        try {
            Roles.require(operator, Permissions.ADMIN);
        } catch (ForbiddenException e) {
            audit.record(operator, "report.run", null, null, AuditLog.DENIED, "scheduled reports");
            throw e;
        }
        long started = System.nanoTime();
        List<Ran> ran = new ArrayList<>();
        try {
            if (thread == null) {
                tick(ran, firstPeriods);
            } else {
                // on the scheduler's thread: never beside a tick, and no more threads than a tick uses
                thread.submit(() -> tick(ran, firstPeriods)).get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            audit.record(operator, "report.run", null, null, AuditLog.FAILED, "interrupted after " + ran.size() + " report(s)");
            throw new ActionFailedException("the run was interrupted after " + ran.size() + " report(s)");
        } catch (ExecutionException | RuntimeException e) {
            LOG.warn("A scheduled-reports run failed", e);
            audit.record(operator, "report.run", null, null, AuditLog.FAILED, "after " + ran.size() + " report(s): "
                    + (e instanceof ExecutionException ? e.getCause() : e).getClass().getSimpleName());
            throw new ActionFailedException("the run failed after " + ran.size() + " report(s); the details are in the server log");
        }
        Run run = new Run(Duration.ofNanos(System.nanoTime() - started), List.copyOf(ran));
        audit.record(operator, "report.run", null, null, AuditLog.OK, (firstPeriods ? "with first periods: " : "") + run.sent() + " sent, " + (run.runs().size() - run.sent())
                + " failed, in " + run.took().toMillis() + " ms");
        return run;
    }

    /** Runs every period that is due and has not run. */
    public Tick tick() {
        return tick(null, false);
    }

    /** Runs every period that is due and has not run, adding what it made or tried to {@code out} (when given). */
    Tick tick(List<Ran> out, boolean firstPeriods) {
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
            if (!firstPeriods && !periodEnd.atStartOfDay(ZoneOffset.UTC).toInstant().isAfter(stored.createdAt())) {
                continue;
            }
            for (long customerId : s.customerIds()) {
                Boolean ok = runSchedule(stored, customerId, period, out);
                if (ok != null) {
                    pause();
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
            Boolean ok = runBilling(customerId, lastMonth, out);
            if (ok != null) {
                pause();
                if (ok) {
                    sent++;
                } else {
                    failed++;
                }
            }
        }
        return new Tick(sent, failed);
    }

    /** Rests after a report, so that a long run leaves the cores to dashboards ({@code pause.ms}). */
    private void pause() {
        if (pauseMs > 0) {
            try {
                Thread.sleep(pauseMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("the report scheduler was stopped", e);
            }
        }
    }

    /** {@code true} sent, {@code false} failed, {@code null} nothing to do (ran already). */
    private Boolean runSchedule(ReportSchedulesService.Stored stored, long customerId, String period, List<Ran> out) {
        ReportSchedule s = stored.schedule();
        ReportDeliveriesService.Claim claim = new ReportDeliveriesService.Claim("schedule:" + s.id() + ":" + customerId, period);
        int tried = deliveries.due(claim);
        if (tried < 0) {
            return null;
        }
        Outcome o = new Outcome("schedule", s.id(), customerId, period, tried + 1, out);
        Viewer viewer = system("schedule:" + s.id(), stored.partnerId());
        Optional<CustomerRef> customer = tenancy.customer(customerId).filter(c -> c.partnerId() == stored.partnerId());
        Optional<ReportTemplate> template = templates.find(stored.partnerId(), s.templateId());
        if (customer.isEmpty() || template.isEmpty()) {
            return o.failed(null, deliveries.recordFailedRun(claim, stored.partnerId(), "the customer or template no longer exists", 1),
                    "the customer or template no longer exists", true);
        }
        CustomerRef c = customer.get();
        String note = " (" + s.cadence() + " schedule, " + period + (o.attempt > 1 ? ", attempt " + o.attempt + " of " + attempts : "") + ")";
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
            return o.failed(c, deliveries.recordFailedRun(claim, stored.partnerId(), "no recipient", 1), "no recipient", true);
        }
        try {
            return o.sent(c, deliveries.runTemplate(viewer, c, template.get(), s.staffIds(), addresses, claim, note) != null,
                    template.get().name());
        } catch (RuntimeException e) {
            LOG.warn("Scheduled report {} for customer {} failed (attempt {} of {})", s.id(), customerId, o.attempt, attempts, e);
            String why = e.getClass().getSimpleName();
            int recorded = deliveries.recordFailedRun(claim, stored.partnerId(), why + " (attempt " + o.attempt + " of " + attempts + ")", attempts);
            return o.failed(c, recorded, why, recorded >= attempts);
        }
    }

    private Boolean runBilling(long customerId, YearMonth month, List<Ran> out) {
        ReportDeliveriesService.Claim claim = new ReportDeliveriesService.Claim("billing:" + customerId, month.toString());
        int tried = deliveries.due(claim);
        if (tried < 0) {
            return null;
        }
        Optional<CustomerRef> customer = tenancy.customer(customerId);
        Optional<Tenancy.ReportSettings> settings = tenancy.reportSettings(customerId);
        if (customer.isEmpty() || settings.isEmpty() || !settings.get().billingSend()) {
            return null;
        }
        Outcome o = new Outcome("billing", null, customerId, month.toString(), tried + 1, out);
        Viewer viewer = system("billing", customer.get().partnerId());
        try {
            return o.sent(customer.get(), deliveries.runBilling(viewer, customer.get(), month, settings.get(), claim) != null,
                    "billing report " + month);
        } catch (RuntimeException e) {
            LOG.warn("The billing report {} of customer {} failed (attempt {} of {})", month, customerId, o.attempt, attempts, e);
            String why = e.getClass().getSimpleName();
            int recorded = deliveries.recordFailedRun(claim, customer.get().partnerId(), why + " (attempt " + o.attempt + " of "
                    + attempts + ")", attempts);
            return o.failed(customer.get(), recorded, why, recorded >= attempts);
        }
    }

    /** One report of a tick: adds what happened to the run's list, when there is one. */
    private static final class Outcome {
        private final String kind;
        private final Long scheduleId;
        private final long customerId;
        private final String period;
        private final int attempt;
        private final List<Ran> out;

        Outcome(String kind, Long scheduleId, long customerId, String period, int attempt, List<Ran> out) {
            this.kind = kind;
            this.scheduleId = scheduleId;
            this.customerId = customerId;
            this.period = period;
            this.attempt = attempt;
            this.out = out;
        }

        /** {@code true}, or {@code null} when another run took the period first. */
        Boolean sent(CustomerRef c, boolean sent, String title) {
            if (!sent) {
                return null;
            }
            add(c, "sent", attempt, title);
            return true;
        }

        /** {@code false}, or {@code null} when the failure was not recorded (the period ran meanwhile). */
        Boolean failed(CustomerRef c, int recorded, String why, boolean last) {
            if (recorded == 0) {
                return null;
            }
            add(c, last ? "failed-final" : "failed", recorded, why);
            return false;
        }

        private void add(CustomerRef c, String outcome, int n, String detail) {
            if (out != null) {
                out.add(new Ran(kind, scheduleId, customerId, c == null ? "" : c.accountId() + " " + c.name(), period, outcome, n,
                        detail));
            }
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
