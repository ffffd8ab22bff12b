package org.sightline.web.internal.auth;

import org.sightline.core.SightlineException;

/**
 * The directory that checks passwords (LDAP) could not be asked: unreachable, too slow, or refusing the
 * service account. Answered with 503: it says nothing about the credentials, so it is neither a wrong
 * password nor a failed attempt that counts toward the user's lock-out or the address's throttle.
 */
public class DirectoryUnavailableException extends SightlineException {
    private static final long serialVersionUID = 1L;
    /** Seconds a client should wait before trying again. */
    public static final long RETRY_AFTER_SECONDS = 30;

    public DirectoryUnavailableException() {
        super("The sign-in directory is unavailable; try again later.");
    }

    @Override
    public int status() {
        return 503;
    }

    @Override
    public String title() {
        return "Sign-in unavailable";
    }
}
