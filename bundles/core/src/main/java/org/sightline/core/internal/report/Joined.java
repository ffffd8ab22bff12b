package org.sightline.core.internal.report;

import java.util.ArrayList;
import java.util.List;

/** Lists stored in one column, joined by commas (ids, section ids, addresses: none holds a comma). */
final class Joined {
    private Joined() {
    }

    static String of(List<?> values) {
        StringBuilder b = new StringBuilder();
        for (Object v : values) {
            if (b.length() > 0) {
                b.append(',');
            }
            b.append(v);
        }
        return b.toString();
    }

    static List<String> strings(String joined) {
        return joined == null || joined.isBlank() ? List.of() : List.of(joined.split(","));
    }

    static List<Long> longs(String joined) {
        List<Long> out = new ArrayList<>();
        for (String s : strings(joined)) {
            out.add(Long.parseLong(s));
        }
        return out;
    }
}
