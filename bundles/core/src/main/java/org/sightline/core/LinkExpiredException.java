package org.sightline.core;

/**
 * A link that was good once is no longer: a verification link used already or past its time, a report link
 * past its time (410 Gone).
 *
 * @since 3.2
 */
public class LinkExpiredException extends SightlineException {
    private static final long serialVersionUID = 1L;

    public LinkExpiredException(String message) {
        super(message);
    }

    @Override public int status() { return 410; }
    @Override public String title() { return "Link expired"; }
}
