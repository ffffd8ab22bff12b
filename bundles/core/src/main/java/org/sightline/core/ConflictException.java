package org.sightline.core;

/** The request is valid but the resource's state does not allow it (for example access to the customer is disabled). */
public class ConflictException extends SightlineException {
    private static final long serialVersionUID = 1L;

    public ConflictException(String message) {
        super(message);
    }

    @Override public int status() { return 409; }
    @Override public String title() { return "Conflict"; }
}
