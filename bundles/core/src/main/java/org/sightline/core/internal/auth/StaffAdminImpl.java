package org.sightline.core.internal.auth;

import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sightline.api.CustomerRef;
import org.sightline.api.Permissions;
import org.sightline.api.Viewer;
import org.sightline.core.AuditEntry;
import org.sightline.core.AuditLog;
import org.sightline.core.CustomerDirectory;
import org.sightline.core.ForbiddenException;
import org.sightline.core.NotFoundException;
import org.sightline.core.Roles;
import org.sightline.core.SightlineException;
import org.sightline.core.StaffAdmin;
import org.sightline.core.StaffDirectory;
import org.sightline.core.StaffUser;
import org.sightline.core.internal.tenancy.TokenIssuer;

/**
 * Staff administration with the caller's rights: the permission check, the scope check (a user of another
 * partner does not exist for the caller), the change through the {@link StaffDirectory} and the
 * {@link TokenService}, and the audit entry for every outcome.
 */
@Component(service = StaffAdmin.class)
public class StaffAdminImpl implements StaffAdmin {
    private final StaffAccounts staff;
    private final TokenIssuer tokens;
    private final AuditLog audit;
    private final CustomerDirectory customers;

    @Activate
    public StaffAdminImpl(@Reference StaffAccounts staff, @Reference TokenIssuer tokens, @Reference AuditLog audit,
                          @Reference CustomerDirectory customers) {
        this.staff = staff;
        this.tokens = tokens;
        this.audit = audit;
        this.customers = customers;
    }

    @Override
    public List<StaffUser> list(Viewer caller) {
        return staff.list(Roles.require(caller, Roles.PARTNER_ADMIN).partnerId());
    }

    @Override
    public StaffDirectory.Assignments assignments(Viewer caller, String username) {
        return staff.assignments(userOf(caller, username).id());
    }

    @Override
    public void assign(Viewer caller, String username, Target target, long id, boolean assign) {
        StaffUser u = userOf(caller, username);
        if (!caller.can(Roles.PARTNER_ADMIN)) {
            // an operator acts as an admin of the user's partner, under its own name
            caller = new Viewer(caller.user(), u.partnerId(), java.util.Set.of(Roles.ADMIN), java.util.Set.of(Permissions.CUSTOMER_READ));
        }
        String what = target == Target.CUSTOMER ? "customer" : "group";
        Long customerId = null;
        String label;
        if (target == Target.CUSTOMER) {
            CustomerRef c = customers.find(caller, id).orElseThrow(() -> new NotFoundException("no customer with id " + id));
            customerId = c.id();
            label = c.name() + " (" + c.accountId() + ")";
        } else {
            label = customers.groups(caller).stream().filter(g -> g.id() == id).findFirst()
                    .orElseThrow(() -> new NotFoundException("no customer group with id " + id)).name();
        }
        if (assign) {
            if (target == Target.CUSTOMER) {
                staff.assignCustomer(u.id(), id);
            } else {
                staff.assignGroup(u.id(), id);
            }
        } else if (!(target == Target.CUSTOMER ? staff.unassignCustomer(u.id(), id) : staff.unassignGroup(u.id(), id))) {
            throw new NotFoundException(u.username() + " is not assigned to " + what + " " + id);
        }
        audit.record(caller, assign ? "staff.assign" : "staff.unassign", customerId, target == Target.CUSTOMER ? label : null,
                AuditLog.OK, u.username() + (assign ? " → " : " ✕ ") + what + " " + (target == Target.GROUP ? label : id));
    }

    /** A user of the partner admin's partner, or of any partner for an operator; {@link NotFoundException} for anyone else. */
    private StaffUser userOf(Viewer caller, String username) {
        if (caller.can(Roles.PARTNER_ADMIN)) {
            return staffOf(caller, username);
        }
        Roles.require(caller, Permissions.ADMIN);
        return staff.find(username).orElseThrow(() -> new NotFoundException("no user " + username));
    }

    /** A staff user of the caller's partner; {@link NotFoundException} for anyone else. */
    private StaffUser staffOf(Viewer caller, String username) {
        return staff.find(username).filter(u -> u.partnerId() == caller.partnerId())
                .orElseThrow(() -> new NotFoundException("no user " + username));
    }

    @Override
    public StaffUser create(Viewer caller, String username, String displayName, String role, char[] password) {
        admin(caller, "staff.create", username);
        StaffUser u;
        try {
            u = staff.create(caller.partnerId(), username, displayName, role, password);
        } catch (SightlineException e) {
            audit.record(caller, "staff.create", null, null, AuditLog.FAILED, String.valueOf(username) + ": " + e.getMessage());
            throw e;
        }
        audit.record(caller, "staff.create", null, null, AuditLog.OK, u.username() + " (" + u.role() + ")");
        return u;
    }

    @Override
    public StaffUser setEnabled(Viewer caller, String username, boolean enabled) {
        String action = enabled ? "staff.enable" : "staff.disable";
        admin(caller, action, username);
        StaffUser u = staff.find(username).filter(x -> x.partnerId() == caller.partnerId())
                .orElseThrow(() -> new NotFoundException("no user " + username));
        if (!enabled && u.username().equals(caller.user())) {
            audit.record(caller, action, null, null, AuditLog.DENIED, u.username() + ": admins cannot disable themselves");
            throw new ForbiddenException("you cannot disable yourself");
        }
        int revoked = change(u, enabled);
        audit.record(caller, action, null, null, AuditLog.OK, detail(u, enabled, revoked));
        return staff.find(u.username()).orElseThrow();
    }

    @Override
    public StaffUser setEnabledAsOperator(Viewer operator, String username, boolean enabled) {
        Roles.require(operator, Permissions.ADMIN);
        StaffUser u = staff.find(username).orElseThrow(() -> new NotFoundException("no user " + username));
        int revoked = change(u, enabled);
        audit.record(new AuditEntry(0, java.time.Instant.now(), u.partnerId(), operator.user(), enabled ? "staff.enable" : "staff.disable",
                null, null, AuditLog.OK, detail(u, enabled, revoked), null));
        return staff.find(u.username()).orElseThrow();
    }

    @Override
    public StaffUser createAsOperator(Viewer operator, long partnerId, String username, String displayName, String role,
                                      char[] password, boolean serverOperator) {
        Roles.require(operator, Permissions.ADMIN);
        StaffUser u;
        try {
            u = staff.create(partnerId, username, displayName, role, password);
            if (serverOperator) {
                staff.setOperator(u.username(), true);
            }
        } catch (SightlineException e) {
            audit.record(new AuditEntry(0, java.time.Instant.now(), partnerId, operator.user(), "staff.create", null, null,
                    AuditLog.FAILED, String.valueOf(username) + ": " + e.getMessage(), null));
            throw e;
        }
        audit.record(new AuditEntry(0, java.time.Instant.now(), partnerId, operator.user(), "staff.create", null, null,
                AuditLog.OK, u.username() + " (" + u.role() + (serverOperator ? ", server operator" : "") + ")", null));
        return staff.find(u.username()).orElseThrow();
    }

    @Override
    public void setPasswordAsOperator(Viewer operator, String username, char[] password) {
        Roles.require(operator, Permissions.ADMIN);
        StaffUser u = staff.find(username).orElseThrow(() -> new NotFoundException("no user " + username));
        staff.setPassword(u.username(), password);
        audit.record(new AuditEntry(0, java.time.Instant.now(), u.partnerId(), operator.user(), "staff.password", null, null,
                AuditLog.OK, u.username() + ": password set", null));
    }

    @Override
    public void setServerOperator(Viewer operator, String username, boolean serverOperator) {
        Roles.require(operator, Permissions.ADMIN);
        StaffUser u = staff.find(username).orElseThrow(() -> new NotFoundException("no user " + username));
        staff.setOperator(u.username(), serverOperator);
        audit.record(new AuditEntry(0, java.time.Instant.now(), u.partnerId(), operator.user(), "staff.operator", null, null,
                AuditLog.OK, u.username() + (serverOperator ? ": server operator" : ": no longer a server operator"), null));
    }

    /** Enables or disables; on disabling, the user's sessions end (in the directory) and their tokens are revoked. */
    private int change(StaffUser u, boolean enabled) {
        staff.setEnabled(u.username(), enabled);
        return enabled ? 0 : tokens.revokeCreatedBy(u.partnerId(), u.username());
    }

    private static String detail(StaffUser u, boolean enabled, int revoked) {
        return u.username() + (enabled ? " enabled" : " disabled; sessions ended, " + revoked + " API token(s) revoked");
    }

    private void admin(Viewer caller, String action, String username) {
        if (!caller.can(Roles.PARTNER_ADMIN)) {
            audit.record(caller, action, null, null, AuditLog.DENIED, String.valueOf(username) + ": needs a partner admin");
            throw new ForbiddenException("this needs the '" + Roles.PARTNER_ADMIN + "' permission");
        }
    }
}
