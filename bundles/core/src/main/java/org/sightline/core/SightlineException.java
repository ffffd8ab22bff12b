package org.sightline.core;

/** A failure the caller can act on; the web layer turns it into {@code application/problem+json}. */
public abstract class SightlineException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    protected SightlineException(String message) {
        super(message);
    }

    protected SightlineException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The HTTP status this failure maps to. */
    public abstract int status();

    /** A short, stable title for the kind of failure. */
    public abstract String title();
}
