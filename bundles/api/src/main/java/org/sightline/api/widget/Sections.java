package org.sightline.api.widget;

import java.util.List;

/**
 * Well-known dashboard sections. Widgets from different bundles that name the same section are drawn
 * together, in the order of {@link #ORDER}; a section not listed here is drawn after them, never dropped.
 */
public final class Sections {
    public static final String SUBSCRIPTIONS = "subscriptions";
    public static final String REPORTS = "reports";
    public static final String BACKUP = "backup";
    public static final String UNUSUAL_ACTIVITY = "unusual-activity";
    public static final String POLICY = "policy";
    public static final String RISK = "risk";
    public static final String STORAGE = "storage";
    public static final String USAGE = "usage";

    /** The order in which the page draws the well-known sections. */
    public static final List<String> ORDER = List.of(SUBSCRIPTIONS, REPORTS, BACKUP, UNUSUAL_ACTIVITY,
            POLICY, RISK, STORAGE, USAGE);

    private Sections() {
    }

    /** The position of a section in the page: its index in {@link #ORDER}, or after all of them. */
    public static int rank(String section) {
        int i = ORDER.indexOf(section);
        return i < 0 ? ORDER.size() : i;
    }
}
