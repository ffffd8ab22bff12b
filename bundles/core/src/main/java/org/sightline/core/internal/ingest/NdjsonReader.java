package org.sightline.core.internal.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;

import org.sightline.core.PayloadTooLargeException;

/**
 * Reads an NDJSON body line by line within size limits, parsing each line into plain Java values:
 * {@code Map}, {@code List}, {@code String}, {@code Long}, {@code BigDecimal}, {@code Boolean} or {@code null}.
 */
final class NdjsonReader {

    /** One line: its number and either its object or why it could not be parsed. */
    record Line(int number, Map<String, Object> object, String error) {
    }

    private final JsonFactory json = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(16).maxStringLength(65_536).build())
            .build();
    private final long maxBytes;
    private final int maxLines;
    private final int maxLineBytes;

    NdjsonReader(long maxBytes, int maxLines, int maxLineBytes) {
        this.maxBytes = maxBytes;
        this.maxLines = maxLines;
        this.maxLineBytes = maxLineBytes;
    }

    /** Reads all non-blank lines; throws {@link PayloadTooLargeException} past the limits. */
    List<Line> read(InputStream in) throws IOException {
        List<Line> out = new ArrayList<>();
        ByteArrayOutputStream buf = new ByteArrayOutputStream(512);
        byte[] chunk = new byte[8192];
        long total = 0;
        int lineNo = 1;
        boolean lineTooLong = false;
        int n;
        while ((n = in.read(chunk)) != -1) {
            total += n;
            if (total > maxBytes) {
                throw new PayloadTooLargeException("the body is larger than " + maxBytes + " bytes; send fewer records per request");
            }
            for (int i = 0; i < n; i++) {
                byte b = chunk[i];
                if (b == '\n') {
                    lineNo = emit(out, buf, lineNo, lineTooLong);
                    lineTooLong = false;
                } else if (buf.size() >= maxLineBytes) {
                    lineTooLong = true;
                } else {
                    buf.write(b);
                }
            }
        }
        emit(out, buf, lineNo, lineTooLong);
        return out;
    }

    private int emit(List<Line> out, ByteArrayOutputStream buf, int lineNo, boolean tooLong) {
        byte[] bytes = buf.toByteArray();
        buf.reset();
        if (tooLong) {
            add(out, new Line(lineNo, null, "line is longer than " + maxLineBytes + " bytes"));
        } else if (!isBlank(bytes)) {
            add(out, parse(lineNo, bytes));
        }
        return lineNo + 1;
    }

    private void add(List<Line> out, Line line) {
        if (out.size() >= maxLines) {
            throw new PayloadTooLargeException("more than " + maxLines + " records in one request; send them in several");
        }
        out.add(line);
    }

    private static boolean isBlank(byte[] bytes) {
        for (byte b : bytes) {
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    Line parse(int lineNo, byte[] bytes) {
        try (JsonParser p = json.createParser(bytes)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return new Line(lineNo, null, "line is not a JSON object");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> obj = (Map<String, Object>) value(p);
            if (p.nextToken() != null) {
                return new Line(lineNo, null, "line holds more than one JSON value");
            }
            return new Line(lineNo, obj, null);
        } catch (JsonProcessingException e) {
            return new Line(lineNo, null, "line is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            return new Line(lineNo, null, "line cannot be read: " + e.getMessage());
        }
    }

    private static Object value(JsonParser p) throws IOException {
        switch (p.currentToken()) {
            case START_OBJECT: {
                Map<String, Object> m = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    m.put(name, value(p));
                }
                return m;
            }
            case START_ARRAY: {
                List<Object> l = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    l.add(value(p));
                }
                return l;
            }
            case VALUE_STRING:
                return p.getText();
            case VALUE_NUMBER_INT:
                return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? new BigDecimal(p.getBigIntegerValue())
                        : (Object) p.getLongValue();
            case VALUE_NUMBER_FLOAT:
                return p.getDecimalValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new JsonProcessingException("unexpected " + p.currentToken(), p.currentLocation()) { };
        }
    }
}
