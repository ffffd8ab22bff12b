package org.sightline.api.widget;

/**
 * Thrown by a widget when the request names a filter value, cursor or panel the widget does not
 * accept. The caller gets {@code 400 Bad Request} naming the parameter, not an error card.
 */
public class BadWidgetRequestException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String parameter;

    /**
     * @param parameter the request parameter at fault, for example {@code status} or {@code cursor}
     * @param message   what is wrong with it, in words a portal user understands
     */
    public BadWidgetRequestException(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    /** The request parameter at fault. */
    public String parameter() {
        return parameter;
    }
}
