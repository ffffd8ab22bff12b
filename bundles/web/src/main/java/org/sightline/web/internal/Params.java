package org.sightline.web.internal;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.ws.rs.core.MultivaluedMap;

import org.sightline.api.widget.PageRequest;
import org.sightline.api.widget.TimeRange;
import org.sightline.core.DashboardQuery;
import org.sightline.core.InvalidParameterException;

/** Parses and validates query parameters, naming the parameter at fault. */
final class Params {
    /** Earliest and (exclusive) latest instant a time parameter may name: the years 1 to 9999. */
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("+10000-01-01T00:00:00Z");
    private static final Set<String> RESERVED = Set.of("product", "from", "to", "tz", "cursor", "limit", "panel");

    private Params() {
    }

    static DashboardQuery query(MultivaluedMap<String, String> q, boolean withFilters) {
        ZoneId zone = zone(q.getFirst("tz"));
        Instant from = instant("from", q.getFirst("from"), zone);
        Instant to = instant("to", q.getFirst("to"), zone);
        TimeRange range = null;
        if (from != null || to != null) {
            if (from == null || to == null) {
                throw new InvalidParameterException(from == null ? "from" : "to", "give both 'from' and 'to', or neither");
            }
            if (!to.isAfter(from)) {
                throw new InvalidParameterException("to", "'to' must be after 'from'");
            }
            range = new TimeRange(from, to);
        }
        int limit = limit(q.getFirst("limit"), PageRequest.DEFAULT_LIMIT, PageRequest.MAX_LIMIT);
        String cursor = q.getFirst("cursor");
        if (cursor != null && cursor.length() > 500) {
            throw new InvalidParameterException("cursor", "the cursor is not valid");
        }
        Map<String, String> filters = new HashMap<>();
        if (withFilters) {
            for (Map.Entry<String, List<String>> e : q.entrySet()) {
                if (!RESERVED.contains(e.getKey()) && !e.getValue().isEmpty()) {
                    String name = e.getKey().startsWith("filter.") ? e.getKey().substring(7) : e.getKey();
                    if (!name.matches("[A-Za-z0-9_.-]{1,40}")) {
                        throw new InvalidParameterException(e.getKey(), "unknown parameter");
                    }
                    filters.put(name, e.getValue().get(0));
                }
            }
        }
        String product = q.getFirst("product");
        if (product != null && !product.matches("[a-z0-9][a-z0-9-]{0,39}")) {
            throw new InvalidParameterException("product", "a product id is lower case letters, digits and dashes");
        }
        String panel = q.getFirst("panel");
        if (panel != null && !panel.matches("[A-Za-z0-9_.-]{1,60}")) {
            throw new InvalidParameterException("panel", "a panel id is letters, digits, dots and dashes");
        }
        return new DashboardQuery(product, range, zone, new PageRequest(cursor == null || cursor.isBlank() ? null : cursor, limit),
                filters, panel);
    }

    static long id(String name, String value) {
        try {
            long id = Long.parseLong(value);
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new InvalidParameterException(name, "'" + abbreviate(value) + "' is not a valid id");
    }

    private static ZoneId zone(String tz) {
        if (tz == null || tz.isBlank()) {
            return ZoneId.of("UTC");
        }
        try {
            return ZoneId.of(tz);
        } catch (DateTimeException e) {
            throw new InvalidParameterException("tz", "'" + abbreviate(tz) + "' is not a time zone such as Europe/Berlin");
        }
    }

    /**
     * A time parameter: a date ({@code 2026-11-21}, the start of that day in {@code zone}) or an ISO-8601
     * instant; {@code null} when absent or blank.
     *
     * @throws InvalidParameterException unless it is one, in the years 1 to 9999
     */
    static Instant instant(String name, String v, ZoneId zone) {
        if (v == null || v.isBlank()) {
            return null;
        }
        Instant t;
        try {
            t = v.length() == 10 ? LocalDate.parse(v).atStartOfDay(zone).toInstant() : Instant.parse(v);
        } catch (DateTimeException e) {
            throw new InvalidParameterException(name, "'" + abbreviate(v)
                    + "' is not a date (2026-11-21) or an ISO-8601 instant (2026-11-21T10:00:00Z)");
        }
        if (t.isBefore(EARLIEST) || !t.isBefore(LATEST)) {
            throw new InvalidParameterException(name, "'" + name + "' must be in the years 1 to 9999");
        }
        return t;
    }

    /**
     * A {@code limit} parameter: {@code defaultLimit} when absent.
     *
     * @throws InvalidParameterException unless it is a whole number from 1 to {@code max}
     */
    static int limit(String v, int defaultLimit, int max) {
        if (v == null || v.isBlank()) {
            return defaultLimit;
        }
        try {
            int n = Integer.parseInt(v);
            if (n >= 1 && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new InvalidParameterException("limit", "limit must be a whole number from 1 to " + max);
    }

    /** The parameter, or {@code null} when absent or blank. */
    /** A request body bound to its record; a missing one (no body, or {@code null}) is a 400 naming {@code body}. */
    static <T> T body(T body) {
        if (body == null) {
            throw new InvalidParameterException("body", "the request body must be a JSON object");
        }
        return body;
    }

    static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static String abbreviate(String v) {
        return v.length() > 40 ? v.substring(0, 37) + "..." : v;
    }
}
