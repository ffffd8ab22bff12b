package org.sightline.api.report;

import java.io.IOException;
import java.io.OutputStream;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Draws a {@link ReportDocument} as a PDF: a cover with the partner's and the customer's names and logos and the
 * range, page numbers, views drawn natively (charts as vectors). Provided by the {@code org.sightline.reports}
 * bundle (feature {@code sightline-reports}); the core calls it after the document has passed its privacy
 * filter, so a renderer draws what it is given. Modules do not call it: they return documents through
 * {@link WidgetReports}.
 *
 * @since 1.0
 */
@ProviderType
public interface ReportRenderer {
    /** The media type of what {@link #render} writes. */
    String CONTENT_TYPE = "application/pdf";

    /**
     * Writes the document as PDF. Text the renderer's fonts cannot show is replaced, never refused.
     *
     * @param document the (filtered) document
     * @param branding who it is from and for, and when
     * @param out      where the PDF goes; not closed
     * @throws IOException when writing fails
     */
    void render(ReportDocument document, Branding branding, OutputStream out) throws IOException;
}
