package org.sightline.core;

/** The caller may see the thing but not do this to it (a viewer, a view-only partner, a missing permission). */
public class ForbiddenException extends SightlineException {
    private static final long serialVersionUID = 1L;

    public ForbiddenException(String message) {
        super(message);
    }

    @Override public int status() { return 403; }
    @Override public String title() { return "Forbidden"; }
}
