package org.sightline.core.internal.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.sightline.api.report.ReportDocument;
import org.sightline.api.view.Severity;
import org.sightline.api.widget.Sections;
import org.sightline.core.Dashboard;
import org.sightline.core.ProductInfo;
import org.sightline.core.RenderedWidget;

/**
 * A composed dashboard as a report document, in the page's order: sections in {@link Sections#ORDER} (unknown
 * ones after them, by id), each under its heading, its widgets by order and title; a widget that failed is an
 * error note, as the page's error card.
 */
final class DashboardDocument {
    /** The page's section titles (web page, widgets.js). */
    private static final Map<String, String> SECTION_TITLES = Map.of(
            Sections.SUBSCRIPTIONS, "Products & subscriptions",
            Sections.REPORTS, "Report activity",
            Sections.BACKUP, "Backup status",
            Sections.UNUSUAL_ACTIVITY, "Unusual activity",
            Sections.POLICY, "Policy monitor",
            Sections.RISK, "Risk insights",
            Sections.STORAGE, "Storage",
            Sections.USAGE, "Usage");

    private DashboardDocument() {
    }

    static ReportDocument of(Dashboard d) {
        Map<String, List<RenderedWidget>> sections = new TreeMap<>(
                Comparator.comparingInt(Sections::rank).thenComparing(Comparator.naturalOrder()));
        for (RenderedWidget w : d.widgets()) {
            sections.computeIfAbsent(w.descriptor().section(), s -> new ArrayList<>()).add(w);
        }
        List<ReportDocument.Block> blocks = new ArrayList<>();
        for (Map.Entry<String, List<RenderedWidget>> s : sections.entrySet()) {
            blocks.add(new ReportDocument.Heading(sectionTitle(s.getKey())));
            List<RenderedWidget> widgets = new ArrayList<>(s.getValue());
            widgets.sort(Comparator.comparingInt((RenderedWidget w) -> w.descriptor().order())
                    .thenComparing(w -> w.descriptor().title()));
            for (RenderedWidget w : widgets) {
                if (w.view() != null) {
                    blocks.add(new ReportDocument.ViewBlock(w.descriptor().title(), w.view()));
                } else {
                    blocks.add(new ReportDocument.Notice(w.descriptor().title(),
                            "This widget could not be shown: it " + (w.error() == null ? "failed" : w.error()) + ".",
                            Severity.CRITICAL));
                }
            }
        }
        if (blocks.isEmpty()) {
            blocks.add(new ReportDocument.Paragraph("There is nothing on this dashboard for the period."));
        }
        return new ReportDocument(title(d), blocks);
    }

    private static String title(Dashboard d) {
        if (d.product() == null) {
            return "Dashboard";
        }
        String name = d.navigation().stream().filter(p -> p.id().equals(d.product())).map(ProductInfo::displayName)
                .findFirst().orElse(d.product());
        return name + " dashboard";
    }

    static String sectionTitle(String id) {
        String known = SECTION_TITLES.get(id);
        if (known != null) {
            return known;
        }
        String s = (id == null || id.isBlank() ? "Other" : id).replaceAll("[-_.]+", " ");
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
