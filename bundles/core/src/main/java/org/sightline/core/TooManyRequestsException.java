package org.sightline.core;

/** Too many failed sign-ins for the user or from the address; try again after {@link #retryAfterSeconds()}. */
public class TooManyRequestsException extends SightlineException {
    private static final long serialVersionUID = 1L;
    private final long retryAfterSeconds;

    public TooManyRequestsException(String message, long retryAfterSeconds) {
        super(message);
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    /** Seconds until the next attempt is allowed. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    @Override public int status() { return 429; }
    @Override public String title() { return "Too many attempts"; }
}
