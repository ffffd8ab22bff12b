package org.sightline.family.usage.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A usage record's idempotency key: the first 128 bits of SHA-256 over customer id, product id and
 * record id. A cryptographic hash, so that no sender can make up a record id that collides with
 * another record's and so suppress it.
 */
final class RecordKey {
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    /** Two halves of a key. */
    record Pair(long hi, long lo) {
    }

    private RecordKey() {
    }

    /** {@code {hi, lo}}. */
    static long[] of(long customerId, String productId, String recordId) {
        MessageDigest md = SHA256.get();
        md.reset();
        md.update(ByteBuffer.allocate(8).putLong(customerId).array());
        md.update(productId.getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0);
        md.update(recordId.getBytes(StandardCharsets.UTF_8));
        ByteBuffer digest = ByteBuffer.wrap(md.digest());
        return new long[] {digest.getLong(), digest.getLong()};
    }
}
