package org.sightline.core.internal.ingest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.Test;
import org.sightline.core.PayloadTooLargeException;

public class NdjsonReaderTest {
    private final NdjsonReader reader = new NdjsonReader(1024, 5, 100);

    private List<NdjsonReader.Line> read(String s) throws Exception {
        return reader.read(new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    public void parsesObjectsWithTypedValuesAndKeepsLineNumbers() throws Exception {
        List<NdjsonReader.Line> lines = read("{\"a\":1,\"b\":1.50,\"c\":\"x\",\"d\":[true,null]}\n\n{\"e\":{}}\r\n");
        assertEquals(2, lines.size());
        assertEquals(1, lines.get(0).number());
        assertEquals(1L, lines.get(0).object().get("a"));
        assertEquals(new BigDecimal("1.50"), lines.get(0).object().get("b"));
        assertEquals(3, lines.get(1).number());
        assertNull(lines.get(1).error());
    }

    @Test
    public void badLinesCarryAReason() throws Exception {
        List<NdjsonReader.Line> lines = read("[1]\n{\"a\":\nnot json\n{\"a\":1} {\"b\":2}\n" + "{\"x\":\"" + "y".repeat(200) + "\"}");
        assertEquals("line is not a JSON object", lines.get(0).error());
        assertTrue(lines.get(1).error().startsWith("line is not valid JSON"));
        assertTrue(lines.get(2).error().startsWith("line is not valid JSON"));
        assertEquals("line holds more than one JSON value", lines.get(3).error());
        assertEquals("line is longer than 100 bytes", lines.get(4).error());
    }

    @Test
    public void limitsAreEnforced() throws Exception {
        try {
            read("{}\n".repeat(6));
            fail();
        } catch (PayloadTooLargeException e) {
            assertTrue(e.getMessage().contains("more than 5 records"));
        }
        try {
            read(" ".repeat(2000));
            fail();
        } catch (PayloadTooLargeException e) {
            assertTrue(e.getMessage().contains("larger than 1024 bytes"));
        }
    }
}
