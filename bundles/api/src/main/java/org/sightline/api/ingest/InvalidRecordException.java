package org.sightline.api.ingest;

/** A field of an ingested record is missing or not valid. */
public class InvalidRecordException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String field;

    public InvalidRecordException(String field, String problem) {
        super(field + " " + problem);
        this.field = field;
    }

    /** The field at fault. */
    public String field() {
        return field;
    }

    /** The rejection of the given line for this problem. */
    public Rejection rejection(int line) {
        return new Rejection(line, field, getMessage());
    }
}
