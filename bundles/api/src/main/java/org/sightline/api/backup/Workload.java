package org.sightline.api.backup;

import java.util.Objects;

/**
 * One kind of thing a backup product protects, such as Exchange Online mailboxes.
 *
 * @param id         stable id ingested lines name, lower case letters, digits and dashes, such as {@code exchange}
 * @param label      what users read, such as "Exchange Online"
 * @param objectNoun what one protected object is, plural, such as "mailboxes"
 */
public record Workload(String id, String label, String objectNoun) {
    public Workload {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(objectNoun, "objectNoun");
        if (!id.matches("[a-z0-9][a-z0-9-]{0,39}")) {
            throw new IllegalArgumentException("a workload id is lower case letters, digits and dashes: " + id);
        }
    }
}
