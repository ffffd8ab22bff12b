package org.sightline.api.widget;

import java.util.Objects;

/**
 * What an action did, told to the user who ran it.
 *
 * @param message one sentence, such as "The report is being prepared."; personal data in it is masked
 *                by the core like any view text
 * @since 1.1
 */
public record ActionResult(String message) {
    public ActionResult {
        Objects.requireNonNull(message, "message");
    }
}
