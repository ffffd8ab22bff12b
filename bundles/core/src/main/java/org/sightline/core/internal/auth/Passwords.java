package org.sightline.core.internal.auth;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.sightline.core.InvalidParameterException;

/** bcrypt password hashes (Bouncy Castle's {@code OpenBSDBCrypt}, {@code $2y$} format). */
public final class Passwords {
    /** Shortest password accepted. */
    public static final int MIN_LENGTH = 10;
    /** bcrypt reads at most 72 bytes. */
    public static final int MAX_BYTES = 72;
    private final SecureRandom random = new SecureRandom();
    private final int cost;
    /** A hash no password matches, made on first need (not at start: a bcrypt hash is CPU the boot can use). */
    private volatile String dummy;

    public Passwords(int cost) {
        this.cost = Math.max(4, Math.min(16, cost));
    }

    /** Checks the length rules. @throws InvalidParameterException naming {@code password} */
    public static void validate(char[] password) {
        if (password == null || password.length < MIN_LENGTH) {
            throw new InvalidParameterException("password", "a password has at least " + MIN_LENGTH + " characters");
        }
        if (utf8Length(password) > MAX_BYTES) {
            throw new InvalidParameterException("password", "a password has at most " + MAX_BYTES + " bytes (UTF-8)");
        }
    }

    /** A new salted hash of the password. */
    public String hash(char[] password) {
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        return OpenBSDBCrypt.generate("2y", password, salt, cost);
    }

    /** Whether the password matches the hash; with a {@code null} hash, spends the same time and says no. */
    public boolean matches(String hash, char[] password) {
        if (password == null || password.length == 0 || utf8Length(password) > MAX_BYTES) {
            return false;
        }
        try {
            if (hash == null) {
                String d = dummy;
                if (d == null) {
                    dummy = hash("not-a-password-of-anyone".toCharArray()); // as long as a check at this cost
                } else {
                    OpenBSDBCrypt.checkPassword(d, password);
                }
                return false;
            }
            return OpenBSDBCrypt.checkPassword(hash, password);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static int utf8Length(char[] password) {
        ByteBuffer b = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        return b.remaining();
    }
}
