package org.sightline.web.internal.auth;

import javax.security.auth.login.LoginException;

/**
 * Thrown by {@link LdapLoginModule} when the directory did not answer (connection refused, connect or read
 * timeout, the service account refused): unlike a {@link javax.security.auth.login.FailedLoginException}
 * it says nothing about the user's password. JAAS passes a login module's exception through unchanged, so
 * the caller of the realm can tell the two apart.
 */
public class DirectoryUnavailableLoginException extends LoginException {
    private static final long serialVersionUID = 1L;

    public DirectoryUnavailableLoginException(String message, Throwable cause) {
        super(message);
        initCause(cause);
    }
}
