package org.sightline.web.internal;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import org.sightline.core.InvalidParameterException;

/** Reads JSON request bodies field by field, naming the field at fault. */
final class Bodies {
    private Bodies() {
    }

    static JsonNode object(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new InvalidParameterException("body", "the request body must be a JSON object");
        }
        return body;
    }

    static String string(JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new InvalidParameterException(field, field + " must be a string");
        }
        return v.asText();
    }

    static Boolean bool(JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isBoolean()) {
            throw new InvalidParameterException(field, field + " must be true or false");
        }
        return v.asBoolean();
    }

    static Long whole(JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new InvalidParameterException(field, field + " must be a whole number");
        }
        return v.asLong();
    }

    static LocalDate date(JsonNode o, String field) {
        String s = string(o, field);
        if (s == null) {
            return null;
        }
        try {
            return LocalDate.parse(s);
        } catch (DateTimeException e) {
            throw new InvalidParameterException(field, field + " must be a date such as 2026-11-21");
        }
    }

    static List<String> strings(JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isArray()) {
            throw new InvalidParameterException(field, field + " must be a list of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode e : v) {
            if (!e.isTextual()) {
                throw new InvalidParameterException(field, field + " must be a list of strings");
            }
            out.add(e.asText());
        }
        return out;
    }

    /** Refuses fields the endpoint does not know, so a typo is not silently ignored. */
    static void only(JsonNode o, String... fields) {
        List<String> known = List.of(fields);
        o.fieldNames().forEachRemaining(f -> {
            if (!known.contains(f)) {
                throw new InvalidParameterException(f, "unknown field; known fields are " + known);
            }
        });
    }
}
