package org.sightline.product.voice;

import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.sightline.api.Product;
import org.sightline.api.usage.Outcome;
import org.sightline.api.usage.UsageSpec;
import org.sightline.api.usage.UsageSpec.StatusSpec;
import org.sightline.api.view.Severity;

/** The Voice product: calls placed and received through the partner's telephony platform. */
@Component(service = Product.class)
public class VoiceProduct implements Product {

    /** The product id. */
    public static final String ID = "voice";

    /** What call records look like: answered minutes priced per destination country. */
    public static final UsageSpec SPEC = new UsageSpec(ID, "Calls", "Minutes", "Country", true, true, true,
            List.of(new StatusSpec("answered", "Answered", Severity.OK, Outcome.SUCCESS),
                    new StatusSpec("missed", "Missed", Severity.WARNING, Outcome.FAILURE),
                    new StatusSpec("busy", "Busy", Severity.WARNING, Outcome.FAILURE),
                    new StatusSpec("failed", "Failed", Severity.CRITICAL, Outcome.FAILURE)),
            List.of());

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Voice";
    }

    @Override
    public String family() {
        return FAMILY_COMMUNICATIONS;
    }

    @Override
    public String iconSvg() {
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 24 24\"><path fill=\"currentColor\" "
                + "d=\"M6.6 10.8a15 15 0 0 0 6.6 6.6l2.2-2.2a1 1 0 0 1 1-.25 11.4 11.4 0 0 0 3.6.57 1 1 0 0 1 1 1V20a1 1 "
                + "0 0 1-1 1A17 17 0 0 1 3 4a1 1 0 0 1 1-1h3.5a1 1 0 0 1 1 1c0 1.25.2 2.45.57 3.57a1 1 0 0 1-.25 1z\"/></svg>";
    }

    @Override
    public int order() {
        return 210;
    }
}
