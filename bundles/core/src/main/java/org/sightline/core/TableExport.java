package org.sightline.core;

import java.io.IOException;
import java.io.OutputStream;

import org.osgi.annotation.versioning.ProviderType;
import org.sightline.api.Viewer;

/**
 * Exports a widget's table, every page of it, as CSV or XLSX. Rows pass the same privacy filter as the
 * JSON: what a viewer can download is exactly what the page shows.
 */
@ProviderType
public interface TableExport {

    /** Export formats. */
    enum Format {
        CSV("text/csv; charset=utf-8", "csv"),
        XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx");

        private final String contentType;
        private final String extension;

        Format(String contentType, String extension) {
            this.contentType = contentType;
            this.extension = extension;
        }

        public String contentType() { return contentType; }
        public String extension() { return extension; }
    }

    /**
     * Starts an export: checks the permission ({@code customer.read}) and that the widget is visible and is a
     * table, and records the export ({@code export.csv}, {@code export.xlsx}); call before committing the
     * response, then {@link #write}.
     *
     * @throws ForbiddenException        without {@code customer.read}
     * @throws NotFoundException         when the customer or widget is not visible
     * @throws InvalidParameterException when the widget does not render a table
     */
    void start(Viewer viewer, long customerId, String widgetId, DashboardQuery query, Format format);

    /**
     * Writes all rows (up to the configured maximum) of the widget's table in the format.
     *
     * @return the number of rows written
     */
    long write(Viewer viewer, long customerId, String widgetId, DashboardQuery query, Format format, OutputStream out)
            throws IOException;
}
