package org.sightline.core;

import java.time.Duration;
import java.util.List;

import org.osgi.annotation.versioning.ProviderType;
import org.sightline.api.Viewer;

/**
 * Scheduled and billing reports run on demand: what the scheduler would run at its next tick (every period that is
 * due and has not run, and every failed period that may still be retried), run now on the scheduler's own thread,
 * so a run never overlaps a tick. For server operators (the Karaf shell's {@code sightline:reports-run}).
 *
 * @since 4.2
 */
@ProviderType
public interface ReportRuns {
    /**
     * One report the run made or tried.
     *
     * @param kind       {@code schedule} or {@code billing}
     * @param scheduleId the schedule, or {@code null} for a billing report
     * @param customerId the customer
     * @param customer   the customer's account id and name
     * @param period     {@code 2026-W49} or {@code 2026-11}
     * @param outcome    {@code sent}, {@code failed} (retried at a later tick) or {@code failed-final}
     * @param attempt    the attempt this was in the period (1 for the first)
     * @param detail     the report's title, or why it failed
     */
    record Ran(String kind, Long scheduleId, long customerId, String customer, String period, String outcome, int attempt,
               String detail) {
    }

    /**
     * A run.
     *
     * @param took how long it took
     * @param runs what it made or tried, in order
     */
    record Run(Duration took, List<Ran> runs) {
        public long sent() {
            return runs.stream().filter(r -> r.outcome().equals("sent")).count();
        }
    }

    /**
     * Runs every scheduled and billing report that is due now and waits for the run to end; audited as
     * {@code report.run}.
     *
     * @param firstPeriods also run the last complete period of schedules created after it ended (a new schedule's
     *                     first report now, instead of after its next period); each period still runs once
     * @throws ForbiddenException without {@code server.admin}
     */
    Run runDue(Viewer operator, boolean firstPeriods);
}
