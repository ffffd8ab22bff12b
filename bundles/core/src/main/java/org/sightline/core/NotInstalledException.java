package org.sightline.core;

/**
 * A part of the server that the request needs is not installed (such as the PDF renderer, feature
 * {@code sightline-reports}); the message says which.
 *
 * @since 2.2
 */
public class NotInstalledException extends SightlineException {
    private static final long serialVersionUID = 1L;
    /** What the caller is told when no {@link org.sightline.api.report.ReportRenderer} is installed. */
    public static final String PDF_RENDERER = "The PDF renderer is not installed.";

    public NotInstalledException(String message) {
        super(message);
    }

    @Override public int status() { return 503; }
    @Override public String title() { return "Service unavailable"; }
}
