package org.sightline.core;

/** The thing asked for does not exist, or the caller may not see it (which is the same to the caller). */
public class NotFoundException extends SightlineException {
    private static final long serialVersionUID = 1L;

    public NotFoundException(String message) {
        super(message);
    }

    @Override public int status() { return 404; }
    @Override public String title() { return "Not found"; }
}
