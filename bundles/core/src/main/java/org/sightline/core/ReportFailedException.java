package org.sightline.core;

/**
 * A product's report failed or did not finish in time; the product's own message stays in the log.
 *
 * @since 2.2
 */
public class ReportFailedException extends SightlineException {
    private static final long serialVersionUID = 1L;

    public ReportFailedException(String message) {
        super(message);
    }

    @Override public int status() { return 502; }
    @Override public String title() { return "Report failed"; }
}
