package org.sightline.family.usage.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import org.junit.Test;

public class CursorTest {

    private static String raw(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    public void aCursorComesBackAsTheKeyItWasMadeFrom() {
        Cursor c = new Cursor(Instant.parse("2026-11-30T12:34:56.123456Z"), 42);
        assertEquals(c, Cursor.decode(c.encode()));
    }

    @Test
    public void aCursorWhoseTimeNoDatabaseStoresIsNotACursor() {
        // year +292 277 in micros: decodes to an Instant, but paging by it failed with ArithmeticException
        assertThrows(IllegalArgumentException.class, () -> Cursor.decode(raw("u1:9223372036854775807:1")));
        assertThrows(IllegalArgumentException.class, () -> Cursor.decode(raw("u1:-9223372036854775808:1")));
        assertThrows(IllegalArgumentException.class, () -> Cursor.decode(raw("u1:12:x")));
        assertThrows(IllegalArgumentException.class, () -> Cursor.decode("%%%"));
    }
}
