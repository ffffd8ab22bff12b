package org.sightline.api.governance;

/** Reading or writing governance data failed, for example because the database is unavailable. */
public class GovernanceException extends Exception {
    private static final long serialVersionUID = 1L;

    public GovernanceException(String message, Throwable cause) {
        super(message, cause);
    }
}
