package org.sightline.api.report;

import java.util.List;
import java.util.Objects;

import org.sightline.api.view.Severity;
import org.sightline.api.view.WidgetView;

/**
 * A report as a list of blocks, drawn by the core's {@link ReportRenderer} (a PDF) without any code from the
 * module that made it. Views are the same typed views a widget renders, drawn natively: KPI tiles, tables
 * (the rows the table holds), time series as vector charts, status lists, links as text.
 * <p>
 * Like every view, the whole document passes the core's privacy filter before it is drawn: put personal data
 * in its typed cells ({@code Cell.phone}, {@code Cell.personName}, {@code Cell.message}); phone numbers and
 * e-mail addresses in any text (title, headings, paragraphs, labels) are masked.
 *
 * <pre>{@code
 * return new ReportDocument("Detailed risk report", List.of(
 *         new ReportDocument.Heading("Trends"),
 *         new ReportDocument.ViewBlock("High-risk items, last 7 days", trend),
 *         new ReportDocument.Notice("Exchange Online", "Not included: the customer has no service account.",
 *                 Severity.WARNING),
 *         new ReportDocument.PageBreak(),
 *         new ReportDocument.Heading("Riskiest workspaces"),
 *         new ReportDocument.ViewBlock("Workspaces", table)));
 * }</pre>
 *
 * @param title  the report's title, shown on the cover and in every page's header
 * @param blocks the content, in reading order
 * @since 1.0
 */
public record ReportDocument(String title, List<Block> blocks) {
    public ReportDocument {
        Objects.requireNonNull(title, "title");
        blocks = List.copyOf(blocks);
    }

    /** One block of a report. The set is closed so that the core sees, and filters, every value. */
    public sealed interface Block permits Heading, Paragraph, ViewBlock, Notice, PageBreak {
    }

    /** A section heading. */
    public record Heading(String text) implements Block {
        public Heading { Objects.requireNonNull(text, "text"); }
    }

    /** A paragraph of plain text; long text is wrapped. */
    public record Paragraph(String text) implements Block {
        public Paragraph { Objects.requireNonNull(text, "text"); }
    }

    /**
     * A view drawn under a caption, as on the page: {@code KpiView}, {@code TableView}, {@code TimeSeriesView},
     * {@code StatusListView} and {@code LinksView} natively; a {@code CustomView} as a list of its named values.
     *
     * @param title the caption, or {@code null} for none
     * @param view  the view
     */
    public record ViewBlock(String title, WidgetView view) implements Block {
        public ViewBlock { Objects.requireNonNull(view, "view"); }
    }

    /**
     * A boxed note coloured by its severity, such as "Exchange Online is not included" or a widget that
     * could not be drawn.
     *
     * @param title    the note's first line, in bold
     * @param text     the note
     * @param severity its colour
     */
    public record Notice(String title, String text, Severity severity) implements Block {
        public Notice {
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(severity, "severity");
        }
    }

    /** Starts a new page. */
    public record PageBreak() implements Block {
    }
}
