package org.sightline.product.video;

import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.sightline.api.Product;
import org.sightline.api.usage.Outcome;
import org.sightline.api.usage.UsageSpec;
import org.sightline.api.usage.UsageSpec.AttributeSpec;
import org.sightline.api.usage.UsageSpec.StatusSpec;
import org.sightline.api.view.Severity;

/** The Video product: video meeting sessions hosted on the partner's video platform. */
@Component(service = Product.class)
public class VideoProduct implements Product {

    /** The product id. */
    public static final String ID = "video";

    /** What session records look like: one priced session each, with a duration and participants. */
    public static final UsageSpec SPEC = new UsageSpec(ID, "Sessions", null, null, false, false, true,
            List.of(new StatusSpec("completed", "Completed", Severity.OK, Outcome.SUCCESS),
                    new StatusSpec("dropped", "Dropped", Severity.WARNING, Outcome.FAILURE),
                    new StatusSpec("failed", "Failed", Severity.CRITICAL, Outcome.FAILURE)),
            List.of(new AttributeSpec("participants", "Participants", true)));

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Video";
    }

    @Override
    public String family() {
        return FAMILY_COMMUNICATIONS;
    }

    @Override
    public String iconSvg() {
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 24 24\"><path fill=\"currentColor\" "
                + "d=\"M3 6a2 2 0 0 1 2-2h10a2 2 0 0 1 2 2v3.5l4-3v11l-4-3V18a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2z\"/></svg>";
    }

    @Override
    public int order() {
        return 220;
    }
}
