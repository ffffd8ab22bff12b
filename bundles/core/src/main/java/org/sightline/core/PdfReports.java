package org.sightline.core;

import org.osgi.annotation.versioning.ProviderType;
import org.sightline.api.Viewer;

/**
 * PDF reports for one viewer: the customer's dashboard as the page shows it, and the reports widgets offer
 * ({@link org.sightline.api.report.WidgetReports}). Each call checks scope and permission, passes every string
 * of the document through the privacy filter, brands it with the partner's and the customer's names and logos,
 * draws it with the {@link org.sightline.api.report.ReportRenderer} service and records it as report activity
 * ({@code report.exported}, audited with its outcome).
 *
 * @since 2.2
 */
@ProviderType
public interface PdfReports {

    /**
     * Every widget the viewer sees on the customer's overview (or product page, {@code query.product()}), in the
     * page's order, for the query's range and time zone; failed widgets as error notes.
     *
     * @throws ForbiddenException        without {@code customer.read}
     * @throws NotFoundException         when the customer is not visible to the viewer, or the product page is not
     * @throws InvalidParameterException on a bad range
     * @throws NotInstalledException     when no PDF renderer is installed
     */
    PdfFile dashboard(Viewer viewer, long customerId, DashboardQuery query);

    /**
     * One report a widget offers, for the query's range and time zone; the query's filters are the report's
     * options.
     *
     * @throws ForbiddenException        without {@code customer.read}
     * @throws NotFoundException         when the customer or widget is not visible to the viewer, or the widget
     *                                   offers no report of that id
     * @throws InvalidParameterException on a bad range or option (the widget's own refusal names the option)
     * @throws NotInstalledException     when no PDF renderer is installed
     * @throws ReportFailedException     when the widget's report failed or overran its deadline
     */
    PdfFile widgetReport(Viewer viewer, long customerId, String widgetId, String reportId, DashboardQuery query);

    /**
     * A finished PDF.
     *
     * @param fileName a safe file name for {@code Content-Disposition}, such as {@code ACME-001-dashboard-2026-12-02.pdf}
     * @param content  the PDF
     */
    record PdfFile(String fileName, byte[] content) {
        /** The media type of {@link #content}. */
        public static final String CONTENT_TYPE = "application/pdf";
    }
}
