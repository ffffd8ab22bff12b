package org.sightline.core;

import java.util.function.Consumer;

import org.osgi.annotation.versioning.ProviderType;
import org.sightline.api.Viewer;

/**
 * The audit log: sign-ins (failed ones too), every action on a customer, exports, token use. Entries are
 * never changed or deleted by the portal; they outlive the customers and users they name.
 * <p>
 * Action ids: {@code session.signin}, {@code session.signout}, {@code customer.edit}, {@code customer.logo},
 * {@code customer.pin}, {@code customer.unpin}, {@code customer.hide-expired}, {@code customer.show-expired},
 * {@code subscription.add}, {@code subscription.edit}, {@code customer.disconnect},
 * {@code customer.environment}, {@code token.create}, {@code token.revoke}, {@code token.use},
 * {@code staff.create}, {@code staff.disable}, {@code staff.enable}, {@code staff.assign}, {@code staff.unassign},
 * {@code customer.create}, {@code audit.export}, {@code export.csv}, {@code export.xlsx}, {@code partner.create} (operators),
 * {@code group.create}, {@code group.add} (operators), {@code report.viewed}, {@code report.exported},
 * {@code report.generated}, {@code report.sent}, {@code report.verify} (a customer recipient followed a verification
 * link), {@code report.template.create}, {@code .edit}, {@code .delete}, {@code report.schedule.create},
 * {@code report.schedule.delete}.
 */
@ProviderType
public interface AuditLog {
    String OK = "ok";
    String DENIED = "denied";
    String FAILED = "failed";

    /** Appends an entry. Never throws: a failure to audit is logged. */
    void record(AuditEntry entry);

    /** Appends an entry for the viewer's action, now. */
    default void record(Viewer viewer, String action, Long customerId, String customer, String outcome, String detail) {
        record(new AuditEntry(0, java.time.Instant.now(), viewer.partnerId() < 0 ? null : viewer.partnerId(),
                viewer.user(), action, customerId, customer, outcome, detail, null));
    }

    /**
     * A page of the caller's partner's entries.
     *
     * @throws ForbiddenException        without {@link Roles#AUDIT_READ}
     * @throws InvalidParameterException on a bad cursor
     */
    AuditPage query(Viewer caller, AuditQuery query);

    /**
     * Exports the caller's partner's matching entries: checks the permission and records the export
     * ({@code audit.export}) now; the rows are read when the result is walked.
     *
     * @param max    the most entries the export holds
     * @param format what the entries become, for the audit entry ({@code csv})
     * @throws ForbiddenException without {@link Roles#AUDIT_READ}
     */
    Export export(Viewer caller, AuditQuery query, int max, String format);

    /** An export's entries, newest first. */
    @FunctionalInterface
    interface Export {
        /** Hands every entry to the sink, newest first. */
        void forEach(Consumer<AuditEntry> sink);
    }
}
