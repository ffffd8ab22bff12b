package org.sightline.core.internal.report;

import java.util.Locale;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sightline.api.CustomerRef;
import org.sightline.api.report.ReportActivity;
import org.sightline.api.widget.WidgetRequest;
import org.sightline.core.AuditLog;
import org.sightline.core.internal.privacy.PrivacyFilter;

/**
 * Report activity as audit entries {@code report.run}, {@code report.exported}, {@code report.generated} and
 * {@code report.sent}, with the report's name as the detail: the audit log is the one record of who did what,
 * and the core's "Report activity" widget reads these entries back for the customer.
 */
@Component(service = ReportActivity.class)
public class ReportActivityService implements ReportActivity {
    private final AuditLog audit;

    @Activate
    public ReportActivityService(@Reference AuditLog audit) {
        this.audit = audit;
    }

    @Override
    public void record(WidgetRequest request, String report, Kind kind, boolean ok) {
        CustomerRef c = request.customer();
        audit.record(request.viewer(), action(kind), c.id(), c.name() + " (" + c.accountId() + ")",
                ok ? AuditLog.OK : AuditLog.FAILED, PrivacyFilter.scrub(report == null ? "" : report));
    }

    /** The audit action of a kind of report use. */
    public static String action(Kind kind) {
        return "report." + kind.name().toLowerCase(Locale.ROOT);
    }
}
