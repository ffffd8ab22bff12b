package org.sightline.core;

import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Browser sessions, kept in the database (only a hash of each session id), with idle and absolute
 * expiry. A session ends when its user is disabled.
 */
@ProviderType
public interface WebSessionStore {

    /** Starts a session for the user. */
    WebSession create(StaffUser user, String address);

    /** The live session with that id, refreshing its idle timer; empty when unknown or expired. */
    Optional<WebSession> find(String secret);

    /**
     * Signs out: ends the live session with that id and audits {@code session.signout} under its user. Nothing
     * happens (and nothing is audited) for an unknown or expired id.
     *
     * @return whether a live session ended
     * @since 4.0 (replaces {@code delete}, which left the audit entry to the web layer)
     */
    boolean signOut(String secret);

    /** The idle timeout in seconds (for the cookie's lifetime). */
    long idleSeconds();
}
