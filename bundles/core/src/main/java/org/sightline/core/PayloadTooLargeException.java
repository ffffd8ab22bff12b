package org.sightline.core;

/** A request body is larger than the configured limit. */
public class PayloadTooLargeException extends SightlineException {
    private static final long serialVersionUID = 1L;

    public PayloadTooLargeException(String message) {
        super(message);
    }

    @Override public int status() { return 413; }
    @Override public String title() { return "Payload too large"; }
}
