package org.sightline.product.m365.activity;

import org.sightline.api.widget.BadWidgetRequestException;

/** The cursors of the widget's tables: the offset of the next row, as {@code o<offset>}. */
final class Offsets {
    private Offsets() {
    }

    static int parse(String cursor) throws BadWidgetRequestException {
        if (cursor == null) {
            return 0;
        }
        if (cursor.matches("o[0-9]{1,6}")) {
            return Integer.parseInt(cursor.substring(1));
        }
        throw new BadWidgetRequestException("cursor", "this is not a cursor this table gave out");
    }

    static String cursor(int offset) {
        return "o" + offset;
    }
}
