package org.sightline.product.sms;

import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.sightline.api.Product;
import org.sightline.api.usage.Outcome;
import org.sightline.api.usage.UsageSpec;
import org.sightline.api.usage.UsageSpec.StatusSpec;
import org.sightline.api.view.Severity;

/** The SMS product: text messages sent and received through the partner's SMS platform. */
@Component(service = Product.class)
public class SmsProduct implements Product {

    /** The product id. */
    public static final String ID = "sms";

    /** What SMS usage records look like: segments priced per destination country. */
    public static final UsageSpec SPEC = new UsageSpec(ID, "Messages", "Segments", "Country", true, true, false,
            List.of(new StatusSpec("delivered", "Delivered", Severity.OK, Outcome.SUCCESS),
                    new StatusSpec("failed", "Failed", Severity.CRITICAL, Outcome.FAILURE),
                    new StatusSpec("rejected", "Rejected", Severity.WARNING, Outcome.FAILURE),
                    new StatusSpec("expired", "Expired", Severity.WARNING, Outcome.FAILURE),
                    new StatusSpec("pending", "Pending", Severity.INFO, Outcome.OTHER)),
            List.of());

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "SMS";
    }

    @Override
    public String family() {
        return FAMILY_COMMUNICATIONS;
    }

    @Override
    public String iconSvg() {
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 24 24\"><path fill=\"currentColor\" "
                + "d=\"M4 3h16a2 2 0 0 1 2 2v11a2 2 0 0 1-2 2H8l-5 4V5a2 2 0 0 1 1-2zm3 6v2h10V9H7zm0 4v2h7v-2H7z\"/></svg>";
    }

    @Override
    public int order() {
        return 200;
    }
}
