package org.sightline.core;

/** A product's widget action failed or did not finish in time; the product's own message stays in the log. */
public class ActionFailedException extends SightlineException {
    private static final long serialVersionUID = 1L;

    public ActionFailedException(String message) {
        super(message);
    }

    @Override
    public int status() {
        return 502;
    }

    @Override
    public String title() {
        return "Action failed";
    }
}
