package org.sightline.core.internal.report;

import java.util.LinkedHashMap;
import java.util.Map;

import org.sightline.api.report.ReportDocument;
import org.sightline.api.view.Cell;
import org.sightline.api.view.CustomView;
import org.sightline.api.view.WidgetView;
import org.sightline.core.internal.privacy.PrivacyFilter;

/**
 * The {@link PrivacyFilter} for report documents: every view as for the JSON, and every other string a document
 * holds (its title, headings, paragraphs, captions, notices, and the names of a custom view's values, which a
 * report prints) scrubbed of phone numbers and e-mail addresses. A pure function, like the view filter.
 */
public final class DocumentFilter {
    private DocumentFilter() {
    }

    public static ReportDocument filter(ReportDocument d) {
        return new ReportDocument(PrivacyFilter.scrub(d.title()), d.blocks().stream().map(DocumentFilter::block).toList());
    }

    private static ReportDocument.Block block(ReportDocument.Block b) {
        if (b instanceof ReportDocument.Heading h) {
            return new ReportDocument.Heading(PrivacyFilter.scrub(h.text()));
        }
        if (b instanceof ReportDocument.Paragraph p) {
            return new ReportDocument.Paragraph(PrivacyFilter.scrub(p.text()));
        }
        if (b instanceof ReportDocument.ViewBlock v) {
            return new ReportDocument.ViewBlock(PrivacyFilter.scrub(v.title()), view(v.view()));
        }
        if (b instanceof ReportDocument.Notice n) {
            return new ReportDocument.Notice(PrivacyFilter.scrub(n.title()), PrivacyFilter.scrub(n.text()), n.severity());
        }
        return b; // a page break holds nothing
    }

    private static WidgetView view(WidgetView view) {
        WidgetView filtered = PrivacyFilter.filter(view);
        if (filtered instanceof CustomView c) {
            Map<String, Cell> data = new LinkedHashMap<>();
            c.data().forEach((k, v) -> data.putIfAbsent(PrivacyFilter.scrub(k), v));
            return new CustomView(c.element(), data, c.links());
        }
        return filtered;
    }
}
