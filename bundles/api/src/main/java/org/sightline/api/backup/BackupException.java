package org.sightline.api.backup;

/** Reading or writing backup data failed, for example because the database is unavailable. */
public class BackupException extends Exception {
    private static final long serialVersionUID = 1L;

    public BackupException(String message, Throwable cause) {
        super(message, cause);
    }
}
