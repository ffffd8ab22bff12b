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
 * {@code staff.create}, {@code staff.disable}, {@code staff.enable}, {@code customer.create}, {@code audit.export}, {@code report.viewed}, {@code report.exported},
 * {@code report.generated}, {@code report.sent}.
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
     * A page of the partner's entries.
     *
     * @throws InvalidParameterException on a bad cursor
     */
    AuditPage query(long partnerId, AuditQuery query);

    /** Every matching entry of the partner, newest first, at most {@code max}. */
    void forEach(long partnerId, AuditQuery query, int max, Consumer<AuditEntry> sink);
}
