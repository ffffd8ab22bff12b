package org.sightline.family.governance.internal;

import static org.junit.Assert.assertEquals;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import org.junit.Test;
import org.mockito.ArgumentCaptor;
import org.sightline.api.CustomerRef;
import org.sightline.api.Viewer;
import org.sightline.api.data.SampleDataProvider;
import org.sightline.core.CustomerDirectory;
import org.sightline.core.CustomerPage;
import org.sightline.core.CustomerQuery;
import org.sightline.core.CustomerSummary;

public class SampleSubscribersTest {
    private static final CustomerRef SAMPLE = new CustomerRef(1, 5, "SAMPLE-0001", "Sample Customer", "EUR", true);

    private static CustomerSummary summary(long id, String account) {
        return new CustomerSummary(id, account, "C" + id, 0, "EUR", BigDecimal.ZERO, List.of("risk"), List.of(), List.of(),
                false, true);
    }

    private static CustomerRef ref(long id, String account) {
        return new CustomerRef(id, 5, account, "C" + id, "EUR", true);
    }

    @Test
    public void theSampleCustomerComesFirstThenTheSubscribedGeneratedSampleCustomersOnly() {
        CustomerDirectory directory = mock(CustomerDirectory.class);
        ArgumentCaptor<CustomerQuery> query = ArgumentCaptor.forClass(CustomerQuery.class);
        when(directory.list(any(Viewer.class), query.capture())).thenReturn(
                new CustomerPage(List.of(summary(2, "SL-000002"), summary(1, "SAMPLE-0001")), "next", 4),
                new CustomerPage(List.of(summary(7, "ACME-7"), summary(9, "SL-000009")), null, 4));
        when(directory.find(any(Viewer.class), eq(2L))).thenReturn(Optional.of(ref(2, "SL-000002")));
        when(directory.find(any(Viewer.class), eq(9L))).thenReturn(Optional.of(ref(9, "SL-000009")));
        List<CustomerRef> out = new SampleSubscribers(directory).subscribers(
                new SampleDataProvider.Request(SAMPLE, 42, 1, Instant.parse("2026-12-01T00:00:00Z"), ZoneId.of("UTC")), "risk");
        assertEquals(List.of(1L, 2L, 9L), out.stream().map(CustomerRef::id).toList());
        assertEquals("risk", query.getAllValues().get(0).product());
        assertEquals("next", query.getAllValues().get(1).cursor());
    }
}
