package org.sightline.api.view;

import java.util.List;
import java.util.Objects;

/**
 * Links and actions, such as "Run detailed report" or "Restore in Cloud Backup".
 *
 * @param links   links to pages or panels
 * @param actions actions the viewer may trigger
 */
public record LinksView(List<Link> links, List<Action> actions) implements WidgetView {
    public LinksView {
        links = List.copyOf(links);
        actions = List.copyOf(actions);
    }

    /**
     * An action button. The core shows it only to viewers holding {@code permission}.
     *
     * @param id         action id, posted back to the widget's product
     * @param label      button text
     * @param permission permission required to see and run it
     * @param confirm    a word the user must type to confirm, or {@code null}
     */
    public record Action(String id, String label, String permission, String confirm) {
        public Action {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(permission, "permission");
        }
    }
}
