package org.sightline.core.internal.tenancy;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sightline.api.CustomerRef;
import org.sightline.api.Permissions;
import org.sightline.api.Viewer;
import org.sightline.core.AuditEntry;
import org.sightline.core.AuditLog;
import org.sightline.core.NotFoundException;
import org.sightline.core.Provisioning;
import org.sightline.core.Roles;
import org.sightline.core.TokenService;

/** An operator's set-up across partners: the permission check, the change through {@link Tenancy}, the audit entry. */
@Component(service = Provisioning.class)
public class ProvisioningImpl implements Provisioning {
    private final Tenancy tenancy;
    private final AuditLog audit;
    private final TokenIssuer tokens;

    @Activate
    public ProvisioningImpl(@Reference Tenancy tenancy, @Reference AuditLog audit, @Reference TokenIssuer tokens) {
        this.tenancy = tenancy;
        this.audit = audit;
        this.tokens = tokens;
    }

    @Override
    public TokenService.NewToken createToken(Viewer operator, long partnerId, String name, String scope) {
        Roles.require(operator, Permissions.ADMIN);
        partner(partnerId);
        String secret = tokens.create(partnerId, name, scope, null);
        record(operator, partnerId, "token.create", null, null, name + " (" + scope + ")");
        return new TokenService.NewToken(name, scope, secret);
    }

    @Override
    public Map<Long, String> partners(Viewer operator) {
        Roles.require(operator, Permissions.ADMIN);
        return tenancy.partners();
    }

    @Override
    public Optional<Long> defaultPartner(Viewer operator) {
        Roles.require(operator, Permissions.ADMIN);
        return tenancy.defaultPartner();
    }

    @Override
    public long createPartner(Viewer operator, String name, boolean viewOnly) {
        Roles.require(operator, Permissions.ADMIN);
        long id = tenancy.createPartner(name, viewOnly);
        record(operator, id, "partner.create", null, null, name.strip() + (viewOnly ? " (view-only)" : ""));
        return id;
    }

    @Override
    public CustomerRef createCustomer(Viewer operator, long partnerId, String accountId, String name, String currency,
                                      boolean accessEnabled) {
        Roles.require(operator, Permissions.ADMIN);
        partner(partnerId);
        CustomerRef c = tenancy.createCustomer(partnerId, accountId, name, currency, accessEnabled);
        record(operator, partnerId, "customer.create", c.id(), label(c), accessEnabled ? null : "access disabled");
        return c;
    }

    @Override
    public long createGroup(Viewer operator, long partnerId, String name) {
        Roles.require(operator, Permissions.ADMIN);
        partner(partnerId);
        long id = tenancy.createGroup(partnerId, name);
        record(operator, partnerId, "group.create", null, null, name.strip() + " (" + id + ")");
        return id;
    }

    @Override
    public void addToGroup(Viewer operator, long groupId, long customerId) {
        Roles.require(operator, Permissions.ADMIN);
        CustomerRef c = tenancy.customer(customerId).orElseThrow(() -> new NotFoundException("no customer with id " + customerId));
        tenancy.addToGroup(groupId, customerId);
        record(operator, c.partnerId(), "group.add", c.id(), label(c), "group " + groupId);
    }

    private void partner(long partnerId) {
        if (!tenancy.partners().containsKey(partnerId)) {
            throw new NotFoundException("no partner with id " + partnerId);
        }
    }

    private void record(Viewer operator, long partnerId, String action, Long customerId, String customer, String detail) {
        audit.record(new AuditEntry(0, Instant.now(), partnerId, operator.user(), action, customerId, customer, AuditLog.OK,
                detail, null));
    }

    private static String label(CustomerRef c) {
        return c.name() + " (" + c.accountId() + ")";
    }
}
