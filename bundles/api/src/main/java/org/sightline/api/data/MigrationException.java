package org.sightline.api.data;

/** A module's schema migration failed; the module must not start. */
public class MigrationException extends Exception {
    private static final long serialVersionUID = 1L;

    public MigrationException(String message, Throwable cause) {
        super(message, cause);
    }
}
