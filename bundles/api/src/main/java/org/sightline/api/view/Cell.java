package org.sightline.api.view;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A typed value in a table, tile or status item. Construct cells with the static factories.
 * <p>
 * {@link Phone}, {@link PersonName} and {@link Message} hold personal data: the core never lets them
 * leave the server as they are. A phone number leaves as its last four digits, a personal name and
 * message content are removed, each replaced by a {@link Redacted} cell that says what was removed.
 */
public sealed interface Cell {

    /** The column type a cell of this kind belongs to. */
    CellType type();

    /** A plain text value. Phone-number-like digit runs in it are masked by the core. */
    record Text(String value) implements Cell {
        public Text { Objects.requireNonNull(value, "value"); }
        public CellType type() { return CellType.TEXT; }
    }

    /** A number, with an optional unit such as {@code "GB"} or {@code "%"}. */
    record Num(BigDecimal value, String unit) implements Cell {
        public Num { Objects.requireNonNull(value, "value"); }
        public CellType type() { return CellType.NUMBER; }
    }

    /** An amount of money. */
    record MoneyCell(Money value) implements Cell {
        public MoneyCell { Objects.requireNonNull(value, "value"); }
        public CellType type() { return CellType.MONEY; }
    }

    /** A point in time, shown in the viewer's time zone. */
    record Timestamp(Instant value) implements Cell {
        public Timestamp { Objects.requireNonNull(value, "value"); }
        public CellType type() { return CellType.TIMESTAMP; }
    }

    /** A length of time, such as a call's duration. */
    record Elapsed(Duration value) implements Cell {
        public Elapsed { Objects.requireNonNull(value, "value"); }
        public CellType type() { return CellType.DURATION; }
    }

    /**
     * A status with a severity, drawn as a coloured badge.
     *
     * @param code     machine-readable status, such as {@code delivered}
     * @param label    text shown
     * @param severity colour of the badge
     */
    record Status(String code, String label, Severity severity) implements Cell {
        public Status {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(severity, "severity");
        }
        public CellType type() { return CellType.STATUS; }
    }

    /** A link: to a URL, or to a drill-down panel of the same widget. */
    record LinkCell(Link value) implements Cell {
        public LinkCell { Objects.requireNonNull(value, "value"); }
        public CellType type() { return CellType.LINK; }
    }

    /** A phone number (MSISDN), personal data: leaves the server as its last four digits only. */
    record Phone(String value) implements Cell {
        public Phone { Objects.requireNonNull(value, "value"); }
        public CellType type() { return CellType.PHONE; }
    }

    /** A person's name, personal data: never leaves the server. */
    record PersonName(String value) implements Cell {
        public PersonName { Objects.requireNonNull(value, "value"); }
        public CellType type() { return CellType.PERSON_NAME; }
    }

    /** Message content, personal data: never leaves the server. */
    record Message(String value) implements Cell {
        public Message { Objects.requireNonNull(value, "value"); }
        public CellType type() { return CellType.MESSAGE_CONTENT; }
    }

    /**
     * What the core puts in place of personal data. {@code display} is what the viewer may see (the
     * masked number, or a note that the value was removed).
     *
     * @param kind    the type of the value that was masked or removed
     * @param display the text shown instead
     */
    record Redacted(CellType kind, String display) implements Cell {
        public Redacted {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(display, "display");
        }
        public CellType type() { return kind; }
    }

    /** No value. */
    record Empty() implements Cell {
        public CellType type() { return CellType.TEXT; }
    }

    static Cell text(String value) { return value == null ? empty() : new Text(value); }
    static Cell number(long value) { return new Num(BigDecimal.valueOf(value), null); }
    static Cell number(BigDecimal value, String unit) { return new Num(value, unit); }
    static Cell money(BigDecimal amount, String currency) { return new MoneyCell(new Money(amount, currency)); }
    static Cell money(Money value) { return new MoneyCell(value); }
    static Cell timestamp(Instant value) { return value == null ? empty() : new Timestamp(value); }
    static Cell duration(Duration value) { return value == null ? empty() : new Elapsed(value); }
    static Cell status(String code, String label, Severity severity) { return new Status(code, label, severity); }
    static Cell link(Link value) { return new LinkCell(value); }
    static Cell phone(String value) { return value == null ? empty() : new Phone(value); }
    static Cell personName(String value) { return value == null ? empty() : new PersonName(value); }
    static Cell message(String value) { return value == null ? empty() : new Message(value); }
    static Cell empty() { return new Empty(); }
}
