package org.sightline.core.internal.export;

import java.io.IOException;
import java.util.List;

/** Writes a header and rows; a cell is a {@code String} or a {@code java.math.BigDecimal}. */
interface SheetWriter extends AutoCloseable {
    void header(List<String> labels) throws IOException;

    void row(List<Object> cells) throws IOException;

    @Override
    void close() throws IOException;
}
