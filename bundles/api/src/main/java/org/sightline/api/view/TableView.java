package org.sightline.api.view;

import java.util.List;
import java.util.Objects;

/**
 * A table with typed columns and cursor paging. The core can export any table to CSV and XLSX,
 * masked like the JSON.
 *
 * @param columns    the columns
 * @param rows       this page's rows; each row has one cell per column
 * @param nextCursor the cursor of the next page, or {@code null} on the last page
 * @param total      the number of rows across all pages, or {@code null} when unknown
 * @param links      card footer links
 * @param filters    the filters the widget accepts, with their choices, shown above the table (since 1.1;
 *                   the page passes the chosen value as the request filter of that id)
 */
public record TableView(List<Column> columns, List<Row> rows, String nextCursor, Long total, List<Link> links,
                        List<Filter> filters) implements WidgetView {
    public TableView {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
        links = List.copyOf(links);
        filters = filters == null ? List.of() : List.copyOf(filters);
        for (Row r : rows) {
            if (r.cells().size() != columns.size()) {
                throw new IllegalArgumentException("row has " + r.cells().size() + " cells for "
                        + columns.size() + " columns");
            }
        }
    }

    public TableView(List<Column> columns, List<Row> rows, String nextCursor, Long total, List<Link> links) {
        this(columns, rows, nextCursor, total, links, List.of());
    }

    public TableView(List<Column> columns, List<Row> rows, String nextCursor, Long total) {
        this(columns, rows, nextCursor, total, List.of(), List.of());
    }

    /**
     * A filter the widget accepts: the request carries the chosen option's value under {@code id}
     * ({@link org.sightline.api.widget.WidgetRequest#filter(String)}).
     *
     * @param id      the request filter's name, such as {@code status}
     * @param label   what the page shows, such as "Status"
     * @param options the choices
     * @since 1.1
     */
    public record Filter(String id, String label, List<Option> options) {
        public Filter {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(label, "label");
            options = List.copyOf(options);
        }
    }

    /**
     * A filter's choice.
     *
     * @param value the value sent
     * @param label what the page shows
     * @since 1.1
     */
    public record Option(String value, String label) {
        public Option {
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(label, "label");
        }
    }

    /**
     * A column.
     *
     * @param id    stable id, used by filters and exports
     * @param label header text
     * @param type  the type of the column's cells
     */
    public record Column(String id, String label, CellType type) {
        public Column {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(type, "type");
        }
    }

    /**
     * A row.
     *
     * @param cells one cell per column
     * @param panel drill-down panel opened by clicking the row, or {@code null}
     */
    public record Row(List<Cell> cells, String panel) {
        public Row { cells = List.copyOf(cells); }

        public Row(List<Cell> cells) {
            this(cells, null);
        }
    }
}
