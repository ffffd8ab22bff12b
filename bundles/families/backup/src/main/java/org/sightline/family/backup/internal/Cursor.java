package org.sightline.family.backup.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * Where a page of failures ends: the last run's start and id, as an opaque URL-safe string.
 *
 * @param started the last row's start
 * @param jobId   the last row's job id
 */
record Cursor(Instant started, String jobId) {

    String encode() {
        String s = started.getEpochSecond() + "." + started.getNano() + ":" + jobId;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    /** @throws IllegalArgumentException when {@code s} is not a cursor this class made */
    static Cursor decode(String s) {
        try {
            String v = new String(Base64.getUrlDecoder().decode(s), StandardCharsets.UTF_8);
            int colon = v.indexOf(':');
            int dot = v.indexOf('.');
            if (colon < 0 || dot < 0 || dot > colon || colon == v.length() - 1) {
                throw new IllegalArgumentException("not a cursor");
            }
            return new Cursor(Instant.ofEpochSecond(Long.parseLong(v.substring(0, dot)),
                    Long.parseLong(v.substring(dot + 1, colon))), v.substring(colon + 1));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a cursor", e);
        }
    }
}
