package org.sightline.family.usage.internal;

import java.util.Map;
import java.util.TreeMap;

/**
 * Usage-record attributes in one column: {@code key=value;key=value}, keys sorted. {@link
 * org.sightline.api.usage.UsageRecord} guarantees keys and values contain neither {@code ;} nor {@code =}.
 */
final class Attributes {
    private Attributes() {
    }

    static String encode(Map<String, String> attributes) {
        if (attributes.isEmpty()) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        new TreeMap<>(attributes).forEach((k, v) -> {
            if (sb.length() > 0) {
                sb.append(';');
            }
            sb.append(k).append('=').append(v);
        });
        return sb.toString();
    }

    static Map<String, String> decode(String column) {
        if (column == null || column.isEmpty()) {
            return Map.of();
        }
        Map<String, String> map = new TreeMap<>();
        for (String pair : column.split(";")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                map.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return map;
    }
}
