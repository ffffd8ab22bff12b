package org.sightline.core.internal.privacy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds personal data in free text: phone numbers and e-mail addresses. The rules, in the order they are
 * applied:
 * <ol>
 * <li><b>E-mail addresses</b> ({@code local@domain.tld}, also written with a full-width {@code ＠} or as
 * {@code local(at)domain.tld} / {@code local [at] domain.tld}) become the local part's first character,
 * an ellipsis and the domain: {@code jane.doe@example.com} → {@code j…@example.com}.</li>
 * <li><b>Phone numbers</b>: a <em>run</em> is digits (any script's decimal digits) joined by one to three
 * separators — white space of any kind (including U+00A0 and U+202F), dashes of any kind (hyphen, en and
 * em dash, minus sign), {@code /}, {@code .}, {@code _}, parentheses and invisible format characters —
 * optionally opened by {@code +} or {@code (}. Letters do not protect digits: {@code x4155550155x} holds a
 * run. Every run holding <b>7 or more digits</b> is a phone number and becomes {@code ••••} followed by its
 * last four digits; two numbers joined only by separators form one run and show the last four digits of
 * the second ({@code 4155550177 4155550188} → {@code ••••0188}), two separated by a comma or a word are
 * masked one by one.</li>
 * </ol>
 * Kept as they are, although they hold 7 or more digits: calendar dates ({@code 2026-11-21},
 * {@code 2026/11/21}, {@code 21.11.2026}, {@code 11/21/2026}) and ISO instants
 * ({@code 2026-11-21T10:00:00.123Z}), also right before or after another number; amounts with exactly two
 * decimals ({@code 1234567.89}, {@code 1,234,567.89}, {@code 1.234.567,89}, {@code 1 234 567,89}; at most
 * nine digits before the decimals unless grouped in thousands); UUIDs.
 * Times ({@code 10:00:00}) and comma-grouped figures ({@code 1,234,567}) never form a run.
 * <p>
 * Accepted false positives, masked although they are not phone numbers: integers of 7 or more digits in
 * text ({@code 1234567 bytes}, order {@code INV-2026-000123}), figures grouped by dots or spaces without
 * decimals ({@code 1.234.567}, {@code 1 234 567}), decimals with more or fewer than two decimals and 7 or
 * more digits ({@code 51.5073509}), IPv4 addresses and version numbers with 7 or more digits, a range of
 * amounts written without spaces ({@code 1234.50-1300.75}). Counts and amounts belong in
 * {@code Cell.number} and {@code Cell.money}, which are never scrubbed.
 * <p>
 * Person names in plain text cannot be recognised reliably and are not touched: a module marks them with
 * {@code Cell.personName}.
 */
final class FreeText {
    /** Shown in place of a phone number's digits but the last four. */
    static final String PHONE_MASK = "••••";
    /** Shown in place of an e-mail address's local part but its first character. */
    static final String EMAIL_ELLIPSIS = "…";

    private static final String D = "\\p{Nd}";
    private static final String SEP = "[\\p{Zs}\\t\\r\\n\\p{Pd}\\u2212/._()\\p{Cf}]";
    private static final String YEAR = "(?:19|20)\\d\\d";
    private static final String MONTH = "(?:0[1-9]|1[0-2])";
    private static final String DAY = "(?:0[1-9]|[12]\\d|3[01])";
    private static final String DAY_OR_MONTH = "(?:0?[1-9]|[12]\\d|3[01])";
    private static final String TIME = "(?:T\\d\\d:\\d\\d(?::\\d\\d(?:[.,]\\d{1,9})?)?(?:Z|[+-]\\d\\d(?::?\\d\\d)?)?)?";
    /** A date with the same separator twice (no back-reference: the pattern is used in two places). */
    private static final String DATE = "(?:" + String.join("|", java.util.stream.Stream.of("-", "/", "\\.")
            .map(sep -> YEAR + sep + MONTH + sep + DAY + TIME + "|" + DAY_OR_MONTH + sep + DAY_OR_MONTH + sep + YEAR)
            .toList()) + ")(?!" + D + ")";
    private static final String AMOUNT = "(?:\\d{1,3}(?:[,.'\\u00A0\\u202F\\u2009 ]\\d{3})+|\\d{1,9})[.,]\\d\\d(?!"
            + D + "|" + SEP + D + ")";
    private static final String UUID = "(?<![0-9A-Fa-f])[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}"
            + "-[0-9A-Fa-f]{12}(?![0-9A-Fa-f])";
    /** Things kept as they are, tried before a run at each position; a run stops before a date. */
    private static final Pattern NUMBERS = Pattern.compile("(?<keep>(?<!" + D + ")(?:" + DATE + "|" + AMOUNT + ")|"
            + UUID + ")|(?<run>[+(]*" + D + "+(?:" + SEP + "{1,3}(?!" + DATE + ")" + D + "+)*)");
    /** The least digits of a run that is masked as a phone number. */
    static final int PHONE_DIGITS = 7;

    private static final String WORD = "[\\p{L}\\p{M}\\p{N}]";
    /** Lengths bounded as RFC 5321 bounds them, so a long text costs linear time. */
    private static final Pattern EMAIL = Pattern.compile("(?<local>" + WORD + "[\\p{L}\\p{M}\\p{N}._%+'-]{0,63})"
            + "(?:[@\\uFF20]|\\s?[(\\[]at[)\\]]\\s?)"
            + "(?<domain>" + WORD + "[\\p{L}\\p{M}\\p{N}-]{0,62}(?:\\.[\\p{L}\\p{M}\\p{N}-]{1,63}){1,10})",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    /** URL schemes that address a person: a link with one is dropped whatever follows. */
    private static final Pattern PERSONAL_SCHEME = Pattern.compile(
            "\\s*(?:tel|sms|smsto|mms|mailto|callto|fax|sip|sips|facetime|facetime-audio|skype|whatsapp):.*",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private FreeText() {
    }

    /** The text with e-mail addresses and phone numbers masked; masking masked text changes nothing. */
    static String scrub(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        return phones(emails(text));
    }

    /**
     * Whether a URL addresses a person or carries a phone number or e-mail address anywhere (percent-encoded
     * or not, {@code +} read as a space).
     */
    static boolean hasPersonalData(String url) {
        if (url == null || url.isEmpty()) {
            return false;
        }
        if (PERSONAL_SCHEME.matcher(url).matches()) {
            return true;
        }
        String decoded = percentDecode(url);
        return !scrub(url).equals(url) || !scrub(decoded).equals(decoded);
    }

    /** A phone number reduced to {@code ••••} and its last four digits (none if it has fewer than four). */
    static String maskPhone(String number) {
        StringBuilder digits = new StringBuilder();
        if (number != null) {
            number.codePoints().filter(Character::isDigit).forEach(cp -> digits.append((char) ('0' + Character.digit(cp, 10))));
        }
        return PHONE_MASK + (digits.length() < 4 ? "" : digits.substring(digits.length() - 4));
    }

    private static String emails(String text) {
        if (text.indexOf('@') < 0 && text.indexOf('\uFF20') < 0 && !text.toLowerCase(Locale.ROOT).contains("at]")
                && !text.toLowerCase(Locale.ROOT).contains("at)")) {
            return text;
        }
        Matcher m = EMAIL.matcher(text);
        StringBuilder out = null;
        int last = 0;
        while (m.find()) {
            if (out == null) {
                out = new StringBuilder(text.length());
            }
            String local = m.group("local");
            out.append(text, last, m.start()).appendCodePoint(local.codePointAt(0)).append(EMAIL_ELLIPSIS)
                    .append('@').append(m.group("domain"));
            last = m.end();
        }
        return out == null ? text : out.append(text, last, text.length()).toString();
    }

    private static String phones(String text) {
        Matcher m = NUMBERS.matcher(text);
        StringBuilder out = null;
        int last = 0;
        while (m.find()) {
            String run = m.group("run");
            if (run == null || run.codePoints().filter(Character::isDigit).count() < PHONE_DIGITS) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length());
            }
            // A leading "(" or "+" belongs to the number and goes with it.
            out.append(text, last, m.start()).append(maskPhone(run));
            last = m.end();
        }
        return out == null ? text : out.append(text, last, text.length()).toString();
    }

    /** {@code %XX} sequences decoded as UTF-8 and {@code +} read as a space; malformed ones left as they are. */
    private static String percentDecode(String s) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
        byte[] raw = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < raw.length; i++) {
            byte b = raw[i];
            if (b == '%' && i + 2 < raw.length && Character.digit(raw[i + 1], 16) >= 0 && Character.digit(raw[i + 2], 16) >= 0) {
                bytes.write(Character.digit(raw[i + 1], 16) * 16 + Character.digit(raw[i + 2], 16));
                i += 2;
            } else {
                bytes.write(b == '+' ? ' ' : b);
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
