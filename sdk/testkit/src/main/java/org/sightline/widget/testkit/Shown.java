package org.sightline.widget.testkit;

import static org.junit.Assert.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import org.sightline.api.view.Cell;
import org.sightline.api.view.CustomView;
import org.sightline.api.view.Kpi;
import org.sightline.api.view.KpiView;
import org.sightline.api.view.StatusListView;
import org.sightline.api.view.TableView;
import org.sightline.api.view.WidgetView;
import org.sightline.core.internal.privacy.PrivacyFilter;

/**
 * A rendered widget as the page receives it.
 *
 * @see WidgetTestKit#render
 */
public final class Shown {
    private static final JsonFactory JSON = new JsonFactory();

    private final WidgetView view;
    private final WidgetView filtered;
    private final String json;

    Shown(WidgetView view, WidgetView filtered, String json) {
        this.view = view;
        this.filtered = filtered;
        this.json = json;
    }

    /** The view the widget returned. */
    public WidgetView view() {
        return view;
    }

    /** The view after the server's privacy filter: what the page draws. */
    public WidgetView filtered() {
        return filtered;
    }

    /** The view as JSON, exactly as the server writes it into a dashboard or widget response. */
    public String json() {
        return json;
    }

    /** Every string of the JSON (field names and values), each with its path, such as {@code $.rows[2].cells[0].value}. */
    public List<String[]> strings() {
        List<String[]> out = new ArrayList<>();
        Deque<Object> path = new ArrayDeque<>();
        try (JsonParser p = JSON.createParser(json)) {
            String field = null;
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                switch (t) {
                    case START_OBJECT, START_ARRAY -> {
                        bumpIndex(path);
                        path.push(field == null ? "" : field);
                        path.push(t == JsonToken.START_ARRAY ? (Object) (-1) : "{");
                        field = null;
                    }
                    case END_OBJECT, END_ARRAY -> {
                        path.pop();
                        path.pop();
                    }
                    case FIELD_NAME -> {
                        field = p.currentName();
                        out.add(new String[] {render(path) + "." + field + " (field name)", field});
                    }
                    default -> {
                        bumpIndex(path);
                        if (t == JsonToken.VALUE_STRING) {
                            out.add(new String[] {render(path) + (field == null ? "" : "." + field), p.getText()});
                        }
                        field = null;
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /**
     * Fails, naming each JSON path, if personal data escapes into what the page receives: a string holding an e-mail
     * address or phone number the server's privacy rules would mask (a link's {@code href} is checked with the rule for
     * URLs), the full value of any {@code Cell.phone}, {@code Cell.personName} or {@code Cell.message} of the view, or
     * any of the given strings (compared ignoring case).
     */
    public Shown assertNoPersonalData(String... alsoPersonal) {
        Set<String> personal = new LinkedHashSet<>();
        for (String s : alsoPersonal) {
            if (s != null && !s.isBlank()) {
                personal.add(s);
            }
        }
        for (Cell c : cells(view)) {
            if (c instanceof Cell.Phone p) {
                personal.add(p.value());
            } else if (c instanceof Cell.PersonName n) {
                personal.add(n.value());
            } else if (c instanceof Cell.Message m) {
                personal.add(m.value());
            }
        }
        List<String> problems = new ArrayList<>();
        for (String[] s : strings()) {
            String where = s[0];
            String value = s[1];
            if (where.endsWith(".href")) {
                if (PrivacyFilter.hasPersonalData(value)) {
                    problems.add(where + ": a URL with personal data: " + value);
                }
            } else if (!value.equals(PrivacyFilter.scrub(value))) {
                problems.add(where + ": an e-mail address or phone number: " + value
                        + (where.endsWith("id") || where.contains("panel") || where.contains("cursor")
                        || where.contains("code") || where.endsWith("(field name)")
                        ? " (ids, panels, cursors and codes are not masked: never put personal data in them)" : ""));
            }
            for (String p : personal) {
                if (p.length() >= 3 && value.toLowerCase(Locale.ROOT).contains(p.toLowerCase(Locale.ROOT))) {
                    problems.add(where + ": personal value '" + p + "' in: " + value);
                }
                String digits = p.replaceAll("[^0-9]", "");
                if (digits.length() >= 7 && value.replaceAll("[^0-9]", "").contains(digits)) {
                    problems.add(where + ": the digits of '" + p + "' in: " + value);
                }
            }
        }
        if (!problems.isEmpty()) {
            fail("personal data escapes to the page:\n  " + String.join("\n  ", problems) + "\nJSON: " + json);
        }
        return this;
    }

    private static void bumpIndex(Deque<Object> path) {
        if (!path.isEmpty() && path.peek() instanceof Integer i) {
            path.pop();
            path.push(i + 1);
        }
    }

    private static String render(Deque<Object> path) {
        List<Object> parts = new ArrayList<>(path);
        StringBuilder b = new StringBuilder("$");
        for (int k = parts.size() - 1; k >= 0; k -= 2) {
            Object name = parts.get(k);
            Object kind = parts.get(k - 1);
            if (!"".equals(name)) {
                b.append('.').append(name);
            }
            if (kind instanceof Integer i) {
                b.append('[').append(i).append(']');
            }
        }
        return b.toString();
    }

    private static List<Cell> cells(WidgetView v) {
        List<Cell> out = new ArrayList<>();
        if (v instanceof KpiView k) {
            for (Kpi t : k.tiles()) {
                out.add(t.value());
            }
        } else if (v instanceof TableView t) {
            for (TableView.Row r : t.rows()) {
                out.addAll(r.cells());
            }
        } else if (v instanceof StatusListView s) {
            for (StatusListView.Item i : s.items()) {
                out.add(i.status());
                if (i.detail() != null) {
                    out.add(i.detail());
                }
            }
        } else if (v instanceof CustomView c) {
            out.addAll(c.data().values());
        }
        return out;
    }
}
