package org.sightline.api.ingest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.Test;
import org.sightline.api.CustomerRef;

public class IngestRecordTest {
    private static final CustomerRef ACME = new CustomerRef(7, 1, "ACME-1", "Acme", "EUR", true);

    private static IngestRecord record(String time) {
        return new IngestRecord(3, ACME, "r1", Map.of("time", time));
    }

    @Test
    public void aTimeFrom2000ToADayAheadIsAccepted() throws Exception {
        assertEquals(Instant.parse("2026-11-21T10:15:30Z"), record("2026-11-21T10:15:30Z").instant("time"));
        assertEquals(IngestRecord.EARLIEST, record("2000-01-01T00:00:00Z").instant("time"));
        Instant soon = Instant.now().plus(Duration.ofHours(23));
        assertEquals(soon, record(soon.toString()).instant("time"));
    }

    @Test
    public void aTimeOutsideTheWindowIsRejectedWithTheFieldAndTheReason() {
        for (String t : new String[] {"+999999-01-01T00:00:00Z", "-999999-01-01T00:00:00Z", "1999-12-31T23:59:59Z",
                Instant.now().plus(Duration.ofDays(2)).toString()}) {
            InvalidRecordException e = assertThrows(t, InvalidRecordException.class, () -> record(t).instant("time"));
            Rejection r = e.rejection(3);
            assertEquals("time", r.field());
            assertEquals(3, r.line());
            assertTrue(r.reason(), r.reason().startsWith("time must be between 2000-01-01T00:00:00Z and one day from now"));
        }
    }
}
