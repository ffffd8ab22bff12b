package org.sightline.core;

import java.time.Instant;

/**
 * A signed-in browser session.
 *
 * @param secret    the session id the cookie carries; only its hash is stored ({@code null} when read back)
 * @param csrfToken the token every state-changing request of the session must echo in {@code X-CSRF-Token}
 * @param user      the signed-in user, as of now
 * @param createdAt when the user signed in
 * @param expiresAt when the session ends at the latest (absolute expiry)
 */
public record WebSession(String secret, String csrfToken, StaffUser user, Instant createdAt, Instant expiresAt) {
}
