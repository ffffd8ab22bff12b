package org.sightline.api.usage;

/** Reading or writing usage data failed, for example because the database is unavailable. */
public class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    public UsageException(String message, Throwable cause) {
        super(message, cause);
    }
}
