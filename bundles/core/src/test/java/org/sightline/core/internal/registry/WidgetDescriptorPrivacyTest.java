package org.sightline.core.internal.registry;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.util.HashMap;
import java.util.Map;

import org.junit.Test;
import org.sightline.api.widget.WidgetDescriptor;

public class WidgetDescriptorPrivacyTest {

    private static Map<String, Object> props(String id, String title, String section) {
        Map<String, Object> p = new HashMap<>();
        p.put("sightline.widget.id", id);
        p.put("sightline.widget.title", title);
        p.put("sightline.widget.product", "sms");
        p.put("sightline.widget.section", section);
        return p;
    }

    @Test
    public void aWidgetsTitleAndSectionAreMaskedWhenTheRegistryReadsThem() {
        WidgetDescriptor d = WidgetRegistryImpl.descriptor(props("sms.calls", "Calls to 415–555–0144 by jane.doe@example.com",
                "usage 415/555/0166")::get);
        assertEquals("Calls to ••••0144 by j…@example.com", d.title());
        assertEquals("usage ••••0166", d.section());
        assertEquals("sms.calls", d.id());
    }

    @Test
    public void aWidgetWhoseIdHoldsAPhoneNumberIsRefused() {
        // ids travel in URLs and come back to the module: they cannot be masked, so such a widget is left out
        assertThrows(IllegalArgumentException.class,
                () -> WidgetRegistryImpl.descriptor(props("sms.4155550123", "Calls", "usage")::get));
        assertEquals("sms.calls-2026.v2", WidgetRegistryImpl.descriptor(props("sms.calls-2026.v2", "Calls", "usage")::get).id());
    }
}
