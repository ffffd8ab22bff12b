package org.sightline.core.internal.report;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;

import org.sightline.core.internal.storage.Jdbc;

/**
 * The tokens of report e-mails. A verification token is 32 random bytes (base64url); only its SHA-256 is stored,
 * with the one address it verifies. A report link is {@code <delivery id>.<expiry, epoch seconds>.<HMAC-SHA256 of
 * both>} under the server's secret ({@code report_secret}, 32 random bytes made on first use and kept in the
 * database, so every node of a cluster and every restart accepts the same links).
 */
final class LinkTokens {
    private static final Pattern VERIFY = Pattern.compile("[A-Za-z0-9_-]{43}");
    private static final Pattern LINK = Pattern.compile("([0-9]{1,18})\\.([0-9]{1,12})\\.([A-Za-z0-9_-]{43})");
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private final SecureRandom random = new SecureRandom();
    private final DataSource ds;
    private volatile byte[] secret;

    LinkTokens(DataSource ds) {
        this.ds = ds;
    }

    /** A new verification token. */
    String newVerifyToken() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return B64.encodeToString(b);
    }

    /** The stored form of a verification token, or empty when it is not shaped like one. */
    static Optional<String> verifyHash(String token) {
        if (token == null || !VERIFY.matcher(token).matches()) {
            return Optional.empty();
        }
        return Optional.of(sha256(token));
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A signed report link's token for the delivery, valid until {@code expires}. */
    String sign(long deliveryId, Instant expires) {
        String payload = deliveryId + "." + expires.getEpochSecond();
        return payload + "." + B64.encodeToString(mac(payload));
    }

    /** A report link's delivery and expiry, when the token is signed by this server. */
    record Signed(long deliveryId, Instant expires) {
    }

    /** The delivery and expiry a token names, or empty when it is malformed or its signature does not match. */
    Optional<Signed> check(String token) {
        if (token == null) {
            return Optional.empty();
        }
        Matcher m = LINK.matcher(token);
        if (!m.matches()) {
            return Optional.empty();
        }
        String payload = m.group(1) + "." + m.group(2);
        byte[] given = Base64.getUrlDecoder().decode(m.group(3));
        if (!MessageDigest.isEqual(mac(payload), given)) {
            return Optional.empty();
        }
        return Optional.of(new Signed(Long.parseLong(m.group(1)), Instant.ofEpochSecond(Long.parseLong(m.group(2)))));
    }

    private byte[] mac(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret(), "HmacSHA256"));
            return mac.doFinal(payload.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The server's secret: read, or made and stored on first use (the first writer wins on a race). */
    private byte[] secret() {
        byte[] s = secret;
        if (s != null) {
            return s;
        }
        synchronized (this) {
            if (secret == null) {
                Optional<String> stored = read();
                if (stored.isEmpty()) {
                    byte[] fresh = new byte[32];
                    random.nextBytes(fresh);
                    try (Connection c = ds.getConnection()) {
                        Jdbc.update(c, "INSERT INTO report_secret (id, secret) VALUES (1, ?)", List.of(B64.encodeToString(fresh)));
                    } catch (SQLException e) {
                        if (!Jdbc.isConstraintViolation(e)) {
                            throw Jdbc.failure("cannot store the report link secret", e);
                        }
                    }
                    stored = read();
                }
                secret = Base64.getUrlDecoder().decode(stored.orElseThrow());
            }
            return secret;
        }
    }

    private Optional<String> read() {
        return Jdbc.one(ds, "SELECT secret FROM report_secret WHERE id = 1", List.of(), rs -> rs.getString(1));
    }
}
