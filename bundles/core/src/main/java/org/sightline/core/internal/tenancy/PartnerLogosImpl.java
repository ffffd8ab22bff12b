package org.sightline.core.internal.tenancy;

import java.time.Clock;
import java.util.List;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sightline.api.Permissions;
import org.sightline.api.Viewer;
import org.sightline.core.AuditLog;
import org.sightline.core.ForbiddenException;
import org.sightline.core.InvalidParameterException;
import org.sightline.core.Logo;
import org.sightline.core.NotFoundException;
import org.sightline.core.PartnerLogos;
import org.sightline.core.Roles;
import org.sightline.core.internal.storage.Transactions;
import org.sightline.core.internal.storage.CoreStorage;
import org.sightline.core.internal.storage.Jdbc;

/**
 * The partner's logo ({@code partner_logo}): checked like a customer's logo (PNG, JPEG or WebP by its bytes, at
 * most 256 KiB), written by partner admins, audited as {@code partner.logo} for every outcome.
 */
@Component(service = PartnerLogos.class)
public class PartnerLogosImpl implements PartnerLogos {
    private static final String ACTION = "partner.logo";
    private final DataSource ds;
    private final Transactions transactions;
    private final AuditLog audit;
    private final Clock clock;

    @Activate
    public PartnerLogosImpl(@Reference CoreStorage storage, @Reference AuditLog audit) {
        this(storage.dataSource(), storage.transactions(), audit, Clock.systemUTC());
    }

    /** For tests. */
    public PartnerLogosImpl(DataSource ds, Transactions transactions, AuditLog audit, Clock clock) {
        this.ds = ds;
        this.transactions = transactions;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public String setLogo(Viewer viewer, byte[] image) {
        admin(viewer, "upload");
        if (image == null || image.length == 0) {
            throw invalid(viewer, "the logo is empty");
        }
        if (image.length > MAX_BYTES) {
            throw invalid(viewer, "the logo is larger than 256 KiB");
        }
        String type = CustomerActionsImpl.imageType(image);
        if (type == null) {
            throw invalid(viewer, "the logo is not a PNG, JPEG or WebP image");
        }
        try {
            transactions.inTransaction((conn, tx) -> {
                int version = Jdbc.list(conn, "SELECT version FROM partner_logo WHERE partner_id = ?",
                        List.of(viewer.partnerId()), rs -> rs.getInt(1)).stream().findFirst().orElse(0);
                Jdbc.update(conn, "DELETE FROM partner_logo WHERE partner_id = ?", List.of(viewer.partnerId()));
                Jdbc.update(conn, "INSERT INTO partner_logo (partner_id, content_type, bytes, version, updated_at) "
                        + "VALUES (?, ?, ?, ?, ?)", List.of(viewer.partnerId(), type, image, version + 1, clock.instant()));
                return null;
            });
        } catch (RuntimeException e) {
            audit.record(viewer, ACTION, null, null, AuditLog.FAILED, "upload: " + e.getClass().getSimpleName());
            throw e;
        } catch (Exception e) {
            audit.record(viewer, ACTION, null, null, AuditLog.FAILED, "upload: " + e.getClass().getSimpleName());
            throw Jdbc.failure("cannot store the partner's logo", e);
        }
        audit.record(viewer, ACTION, null, null, AuditLog.OK, "upload: " + type + ", " + image.length + " bytes");
        return type;
    }

    @Override
    public void removeLogo(Viewer viewer) {
        admin(viewer, "remove");
        int removed = Jdbc.update(ds, "DELETE FROM partner_logo WHERE partner_id = ?", List.of(viewer.partnerId()));
        audit.record(viewer, ACTION, null, null, AuditLog.OK, removed == 0 ? "remove: there was none" : "remove");
    }

    @Override
    public Logo logo(Viewer viewer) {
        Roles.require(viewer, Permissions.CUSTOMER_READ);
        return Jdbc.one(ds, "SELECT content_type, bytes, version FROM partner_logo WHERE partner_id = ?",
                List.of(viewer.partnerId()), rs -> new Logo(rs.getString(1), rs.getBytes(2), rs.getInt(3)))
                .orElseThrow(() -> new NotFoundException("the partner has no logo"));
    }

    private void admin(Viewer viewer, String what) {
        try {
            Roles.require(viewer, Roles.PARTNER_ADMIN);
        } catch (ForbiddenException e) {
            audit.record(viewer, ACTION, null, null, AuditLog.DENIED, what);
            throw e;
        }
    }

    private InvalidParameterException invalid(Viewer viewer, String message) {
        audit.record(viewer, ACTION, null, null, AuditLog.FAILED, "logo: " + message);
        return new InvalidParameterException("logo", message);
    }
}
