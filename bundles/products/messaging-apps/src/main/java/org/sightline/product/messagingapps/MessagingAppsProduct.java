package org.sightline.product.messagingapps;

import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.sightline.api.Product;
import org.sightline.api.usage.Outcome;
import org.sightline.api.usage.UsageSpec;
import org.sightline.api.usage.UsageSpec.StatusSpec;
import org.sightline.api.view.Severity;

/** The Messaging Apps product: messages sent and received over WhatsApp, Viber and other chat apps. */
@Component(service = Product.class)
public class MessagingAppsProduct implements Product {

    /** The product id. */
    public static final String ID = "messaging-apps";

    /** The channels messages may come through. */
    public static final List<String> CHANNELS = List.of("whatsapp", "viber", "telegram", "messenger", "line",
            "wechat", "rcs");

    /** What app-message records look like: one message each, priced per channel. */
    public static final UsageSpec SPEC = new UsageSpec(ID, "Messages", null, "Channel", true, true, false,
            List.of(new StatusSpec("delivered", "Delivered", Severity.OK, Outcome.SUCCESS),
                    new StatusSpec("read", "Read", Severity.OK, Outcome.SUCCESS),
                    new StatusSpec("failed", "Failed", Severity.CRITICAL, Outcome.FAILURE),
                    new StatusSpec("pending", "Pending", Severity.INFO, Outcome.OTHER)),
            List.of());

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Messaging Apps";
    }

    @Override
    public String family() {
        return FAMILY_COMMUNICATIONS;
    }

    @Override
    public String iconSvg() {
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 24 24\"><path fill=\"currentColor\" "
                + "d=\"M12 2a10 10 0 0 0-8.7 15l-1.3 5 5.1-1.3A10 10 0 1 0 12 2zm-4 9h8v2H8zm0-3h8v2H8z\"/></svg>";
    }

    @Override
    public int order() {
        return 230;
    }
}
