package org.sightline.web.internal;

import java.io.IOException;
import java.time.Duration;

import com.fasterxml.jackson.core.JsonGenerator;

import org.sightline.api.CustomerRef;
import org.sightline.api.view.Cell;
import org.sightline.api.view.CustomView;
import org.sightline.api.view.Kpi;
import org.sightline.api.view.KpiView;
import org.sightline.api.view.Link;
import org.sightline.api.view.LinksView;
import org.sightline.api.view.StatusListView;
import org.sightline.api.view.TableView;
import org.sightline.api.view.TimeSeriesView;
import org.sightline.api.view.WidgetView;
import org.sightline.api.widget.WidgetDescriptor;
import org.sightline.core.Dashboard;
import org.sightline.core.ProductInfo;
import org.sightline.core.RenderedWidget;

/**
 * Writes dashboards and widget views straight to the response stream. Views reach the web layer already
 * privacy-filtered; as a last guard this writer refuses to write an unmasked personal-data cell.
 */
final class ViewJson {

    private ViewJson() {
    }

    static void dashboard(JsonGenerator g, Dashboard d) throws IOException {
        g.writeStartObject();
        g.writeFieldName("customer");
        customer(g, d.customer());
        g.writeObjectFieldStart("range");
        g.writeStringField("from", d.range().from().toString());
        g.writeStringField("to", d.range().to().toString());
        g.writeEndObject();
        if (d.product() != null) {
            g.writeStringField("product", d.product());
        }
        g.writeArrayFieldStart("navigation");
        for (ProductInfo p : d.navigation()) {
            product(g, p);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("widgets");
        for (RenderedWidget w : d.widgets()) {
            widget(g, w);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    static void customer(JsonGenerator g, CustomerRef c) throws IOException {
        g.writeStartObject();
        g.writeNumberField("id", c.id());
        g.writeStringField("accountId", c.accountId());
        g.writeStringField("name", c.name());
        g.writeStringField("currency", c.currency());
        g.writeBooleanField("accessEnabled", c.accessEnabled());
        g.writeEndObject();
    }

    static void product(JsonGenerator g, ProductInfo p) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", p.id());
        g.writeStringField("name", p.displayName());
        g.writeStringField("family", p.family());
        if (p.iconSvg() != null) {
            g.writeStringField("iconSvg", p.iconSvg());
        }
        g.writeNumberField("order", p.order());
        g.writeEndObject();
    }

    static void widget(JsonGenerator g, RenderedWidget w) throws IOException {
        WidgetDescriptor d = w.descriptor();
        g.writeStartObject();
        g.writeStringField("id", d.id());
        g.writeStringField("title", d.title());
        g.writeStringField("product", d.productId());
        g.writeStringField("section", d.section());
        g.writeNumberField("order", d.order());
        g.writeBooleanField("timeRange", d.timeRange());
        g.writeNumberField("refreshSeconds", d.refresh().toSeconds());
        g.writeNumberField("millis", w.millis());
        if (w.view() != null) {
            g.writeFieldName("view");
            view(g, w.view());
        } else {
            g.writeObjectFieldStart("error");
            g.writeStringField("title", d.title() + " is unavailable");
            g.writeStringField("detail", "This widget " + w.error() + ".");
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    static void view(JsonGenerator g, WidgetView v) throws IOException {
        g.writeStartObject();
        if (v instanceof KpiView k) {
            g.writeStringField("type", "kpi");
            g.writeArrayFieldStart("tiles");
            for (Kpi t : k.tiles()) {
                g.writeStartObject();
                g.writeStringField("id", t.id());
                g.writeStringField("label", t.label());
                g.writeFieldName("value");
                cell(g, t.value());
                g.writeStringField("severity", t.severity().name().toLowerCase());
                if (t.link() != null) {
                    g.writeFieldName("link");
                    link(g, t.link());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
        } else if (v instanceof TimeSeriesView ts) {
            g.writeStringField("type", "timeseries");
            g.writeStringField("unit", ts.unit());
            g.writeArrayFieldStart("series");
            for (TimeSeriesView.Series s : ts.series()) {
                g.writeStartObject();
                g.writeStringField("name", s.name());
                g.writeArrayFieldStart("points");
                for (TimeSeriesView.Point p : s.points()) {
                    g.writeStartArray();
                    g.writeString(p.at().toString());
                    g.writeNumber(p.value());
                    g.writeEndArray();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            if (ts.forecast() != null) {
                g.writeObjectFieldStart("forecast");
                g.writeStringField("name", ts.forecast().name());
                g.writeArrayFieldStart("points");
                for (TimeSeriesView.BandPoint p : ts.forecast().points()) {
                    g.writeStartArray();
                    g.writeString(p.at().toString());
                    g.writeNumber(p.expected());
                    g.writeNumber(p.lower());
                    g.writeNumber(p.upper());
                    g.writeEndArray();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
        } else if (v instanceof TableView t) {
            g.writeStringField("type", "table");
            g.writeArrayFieldStart("columns");
            for (TableView.Column c : t.columns()) {
                g.writeStartObject();
                g.writeStringField("id", c.id());
                g.writeStringField("label", c.label());
                g.writeStringField("type", typeName(c.type()));
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("rows");
            for (TableView.Row r : t.rows()) {
                g.writeStartObject();
                g.writeArrayFieldStart("cells");
                for (Cell c : r.cells()) {
                    cell(g, c);
                }
                g.writeEndArray();
                if (r.panel() != null) {
                    g.writeStringField("panel", r.panel());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            if (t.nextCursor() != null) {
                g.writeStringField("nextCursor", t.nextCursor());
            }
            if (t.total() != null) {
                g.writeNumberField("total", t.total());
            }
            if (!t.filters().isEmpty()) {
                g.writeArrayFieldStart("filters");
                for (TableView.Filter f : t.filters()) {
                    g.writeStartObject();
                    g.writeStringField("id", f.id());
                    g.writeStringField("label", f.label());
                    g.writeArrayFieldStart("options");
                    for (TableView.Option o : f.options()) {
                        g.writeStartObject();
                        g.writeStringField("value", o.value());
                        g.writeStringField("label", o.label());
                        g.writeEndObject();
                    }
                    g.writeEndArray();
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
        } else if (v instanceof StatusListView s) {
            g.writeStringField("type", "status");
            g.writeArrayFieldStart("items");
            for (StatusListView.Item i : s.items()) {
                g.writeStartObject();
                g.writeStringField("label", i.label());
                g.writeFieldName("status");
                cell(g, i.status());
                if (i.detail() != null) {
                    g.writeFieldName("detail");
                    cell(g, i.detail());
                }
                if (i.at() != null) {
                    g.writeStringField("at", i.at().toString());
                }
                if (i.link() != null) {
                    g.writeFieldName("link");
                    link(g, i.link());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
        } else if (v instanceof LinksView l) {
            g.writeStringField("type", "links");
            g.writeArrayFieldStart("actions");
            for (LinksView.Action a : l.actions()) {
                g.writeStartObject();
                g.writeStringField("id", a.id());
                g.writeStringField("label", a.label());
                g.writeStringField("permission", a.permission());
                if (a.confirm() != null) {
                    g.writeStringField("confirm", a.confirm());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
        } else if (v instanceof CustomView c) {
            g.writeStringField("type", "custom");
            g.writeStringField("element", c.element());
            g.writeObjectFieldStart("data");
            for (var e : c.data().entrySet()) {
                g.writeFieldName(e.getKey());
                cell(g, e.getValue());
            }
            g.writeEndObject();
        }
        g.writeArrayFieldStart("links");
        for (Link l : v.links()) {
            link(g, l);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    static void link(JsonGenerator g, Link l) throws IOException {
        g.writeStartObject();
        g.writeStringField("label", l.label());
        if (l.href() != null) {
            g.writeStringField("href", l.href());
        }
        if (l.panel() != null) {
            g.writeStringField("panel", l.panel());
        }
        g.writeEndObject();
    }

    static void cell(JsonGenerator g, Cell c) throws IOException {
        g.writeStartObject();
        if (c instanceof Cell.Text t) {
            g.writeStringField("type", "text");
            g.writeStringField("value", t.value());
        } else if (c instanceof Cell.Num n) {
            g.writeStringField("type", "number");
            g.writeNumberField("value", n.value());
            if (n.unit() != null) {
                g.writeStringField("unit", n.unit());
            }
        } else if (c instanceof Cell.MoneyCell m) {
            g.writeStringField("type", "money");
            g.writeStringField("amount", m.value().amount().toPlainString());
            g.writeStringField("currency", m.value().currency());
        } else if (c instanceof Cell.Timestamp t) {
            g.writeStringField("type", "timestamp");
            g.writeStringField("value", t.value().toString());
        } else if (c instanceof Cell.Elapsed e) {
            Duration d = e.value();
            g.writeStringField("type", "duration");
            g.writeNumberField("seconds", d.toMillis() / 1000.0);
        } else if (c instanceof Cell.Status s) {
            g.writeStringField("type", "status");
            g.writeStringField("code", s.code());
            g.writeStringField("label", s.label());
            g.writeStringField("severity", s.severity().name().toLowerCase());
        } else if (c instanceof Cell.LinkCell l) {
            g.writeStringField("type", "link");
            g.writeFieldName("link");
            link(g, l.value());
        } else if (c instanceof Cell.Redacted r) {
            g.writeStringField("type", typeName(r.kind()));
            g.writeBooleanField("masked", true);
            g.writeStringField("value", r.display());
        } else if (c instanceof Cell.Empty) {
            g.writeStringField("type", "empty");
        } else {
            // Phone, PersonName, Message: the core filters them; never write one unmasked.
            throw new IllegalStateException("unfiltered personal data cell " + c.getClass().getSimpleName());
        }
        g.writeEndObject();
    }

    static String typeName(org.sightline.api.view.CellType t) {
        return t.name().toLowerCase().replace('_', '-');
    }
}
