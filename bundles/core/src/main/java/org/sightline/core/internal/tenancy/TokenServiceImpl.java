package org.sightline.core.internal.tenancy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sightline.api.Viewer;
import org.sightline.core.AuditEntry;
import org.sightline.core.AuditLog;
import org.sightline.core.InvalidParameterException;
import org.sightline.core.NotFoundException;
import org.sightline.core.Roles;
import org.sightline.core.TokenService;
import org.sightline.core.internal.storage.CoreStorage;
import org.sightline.core.internal.storage.Jdbc;

/**
 * Machine tokens: 32 random bytes, shown once; the table holds only their SHA-256. Token use is
 * recorded at most once a minute per token, so a busy ingester does not write on every request.
 */
@Component(service = {TokenService.class, TokenIssuer.class})
public class TokenServiceImpl implements TokenIssuer {
    private static final String PREFIX = "slt_";
    private final DataSource ds;
    private final AuditLog audit;
    private final SecureRandom random = new SecureRandom();
    private final Map<Long, Instant> lastRecorded = new ConcurrentHashMap<>();

    @Activate
    public TokenServiceImpl(@Reference CoreStorage storage, @Reference AuditLog audit) {
        this.ds = storage.dataSource();
        this.audit = audit;
    }

    @Override
    public java.util.List<TokenInfo> list(Viewer caller) {
        long partnerId = Roles.require(caller, Roles.PARTNER_ADMIN).partnerId();
        return Jdbc.list(ds, "SELECT id, name, scope, created_at, last_used_at FROM api_token WHERE partner_id = ? "
                + "AND revoked_at IS NULL ORDER BY created_at DESC, id DESC", java.util.List.of(partnerId),
                rs -> new TokenInfo(rs.getLong(1), rs.getString(2), rs.getString(3), Jdbc.instant(rs, 4), Jdbc.instant(rs, 5)));
    }

    @Override
    public void revoke(Viewer caller, long tokenId) {
        long partnerId = Roles.require(caller, Roles.PARTNER_ADMIN).partnerId();
        if (Jdbc.update(ds, "UPDATE api_token SET revoked_at = CURRENT_TIMESTAMP WHERE id = ? AND partner_id = ? "
                + "AND revoked_at IS NULL", java.util.List.of(tokenId, partnerId)) != 1) {
            throw new NotFoundException("no token with id " + tokenId);
        }
        audit.record(caller, "token.revoke", null, null, AuditLog.OK, "token " + tokenId);
    }

    @Override
    public NewToken create(Viewer caller, String name, String scope) {
        long partnerId = Roles.require(caller, Roles.PARTNER_ADMIN).partnerId();
        String s = scope == null ? SCOPE_READ : scope;
        String secret = create(partnerId, name, s, caller.user());
        audit.record(caller, "token.create", null, null, AuditLog.OK, name + " (" + s + ")");
        return new NewToken(name, s, secret);
    }

    @Override
    public int revokeCreatedBy(long partnerId, String username) {
        return Jdbc.update(ds, "UPDATE api_token SET revoked_at = CURRENT_TIMESTAMP WHERE partner_id = ? AND created_by = ? "
                + "AND revoked_at IS NULL", java.util.List.of(partnerId, username));
    }

    @Override
    public String create(long partnerId, String name, String scope, String createdBy) {
        if (!SCOPE_INGEST.equals(scope) && !SCOPE_READ.equals(scope)) {
            throw new InvalidParameterException("scope", "scope must be '" + SCOPE_INGEST + "' or '" + SCOPE_READ + "'");
        }
        if (name == null || name.isBlank() || name.length() > 100) {
            throw new InvalidParameterException("name", "a token name is 1 to 100 characters");
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "INSERT INTO api_token (partner_id, name, token_hash, scope, created_by) VALUES (?, ?, ?, ?, ?)")) {
            ps.setLong(1, partnerId);
            ps.setString(2, name);
            ps.setString(3, hash(secret));
            ps.setString(4, scope);
            ps.setString(5, createdBy);
            ps.executeUpdate();
            return secret;
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
                throw new InvalidParameterException("partner", "no partner with id " + partnerId);
            }
            throw Jdbc.failure("cannot create token", e);
        }
    }

    @Override
    public Optional<TokenGrant> authenticate(String secret) {
        if (secret == null || !secret.startsWith(PREFIX) || secret.length() > 100) {
            return Optional.empty();
        }
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT id, partner_id, name, scope FROM api_token WHERE token_hash = ? AND revoked_at IS NULL")) {
            ps.setString(1, hash(secret));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                TokenGrant g = new TokenGrant(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4));
                if (recordUse(c, g.tokenId())) {
                    audit.record(new AuditEntry(0, Instant.now(), g.partnerId(), "token:" + g.name(), "token.use", null, null,
                            AuditLog.OK, g.scope() + " (recorded at most once a minute)", null));
                }
                return Optional.of(g);
            }
        } catch (SQLException e) {
            throw Jdbc.failure("cannot check token", e);
        }
    }

    private boolean recordUse(Connection c, long tokenId) throws SQLException {
        Instant now = Instant.now();
        Instant prev = lastRecorded.get(tokenId);
        if (prev != null && Duration.between(prev, now).toSeconds() < 60) {
            return false;
        }
        lastRecorded.put(tokenId, now);
        try (PreparedStatement ps = c.prepareStatement("UPDATE api_token SET last_used_at = CURRENT_TIMESTAMP WHERE id = ?")) {
            ps.setLong(1, tokenId);
            ps.executeUpdate();
        }
        return true;
    }

    static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
