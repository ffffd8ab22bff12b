package org.sightline.core;

/** A request parameter or field is not valid. */
public class InvalidParameterException extends SightlineException {
    private static final long serialVersionUID = 1L;
    private final String parameter;

    public InvalidParameterException(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    /** The parameter at fault. */
    public String parameter() {
        return parameter;
    }

    @Override public int status() { return 400; }
    @Override public String title() { return "Invalid parameter '" + parameter + "'"; }
}
