package org.sightline.core.internal.export;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * RFC 4180 CSV in UTF-8 with a byte-order mark (so spreadsheet programs read it as UTF-8). Cells that a
 * spreadsheet would run as a formula are prefixed with an apostrophe.
 */
final class CsvWriter implements SheetWriter {
    private final Writer w;

    CsvWriter(OutputStream out) throws IOException {
        out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        this.w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    }

    @Override
    public void header(List<String> labels) throws IOException {
        row(labels.stream().map(l -> (Object) l).toList());
    }

    @Override
    public void row(List<Object> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                w.write(',');
            }
            w.write(quote(String.valueOf(cells.get(i))));
        }
        w.write("\r\n");
    }

    @Override
    public void close() throws IOException {
        w.flush();
    }

    static String quote(String s) {
        if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0 && !s.matches("-?\\d+(\\.\\d+)?")) {
            s = "'" + s;
        }
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }
}
