package org.sightline.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.sightline.core.ReportRuns;

/**
 * Runs the scheduled and billing reports that are due now (as the scheduler's next tick would, on its thread) and
 * prints what ran; audited as {@code report.run} under the shell user's name.
 */
@Service
@Command(scope = "sightline", name = "reports-run", description = "Run the scheduled and billing reports that are due now "
        + "(periods not run yet, and failed periods that may still be retried) and print what ran")
public class ReportsRunCommand implements Action {
    @Reference
    ReportRuns runs;

    @Option(name = "-q", aliases = "--quiet", description = "Print the totals only, not one row per report")
    boolean quiet;

    @Option(name = "-f", aliases = "--first-periods", description = "Also run the last complete period of schedules "
            + "created after it ended (a new schedule's first report now); each period still runs once")
    boolean firstPeriods;

    @Override
    public Object execute() {
        ReportRuns.Run run = runs.runDue(Operator.viewer(), firstPeriods);
        if (!quiet && !run.runs().isEmpty()) {
            ShellTable table = new ShellTable();
            table.column("Kind");
            table.column("Schedule").alignRight();
            table.column("Customer");
            table.column("Period");
            table.column("Outcome");
            table.column("Attempt").alignRight();
            table.column("Detail");
            for (ReportRuns.Ran r : run.runs()) {
                table.addRow().addContent(r.kind(), r.scheduleId() == null ? "-" : r.scheduleId(), r.customer(), r.period(),
                        r.outcome(), r.attempt(), r.detail());
            }
            table.print(System.out);
        }
        System.out.printf("%d report(s) sent, %d failed, in %.1f s%n", run.sent(), run.runs().size() - run.sent(),
                run.took().toMillis() / 1000.0);
        return null;
    }
}
