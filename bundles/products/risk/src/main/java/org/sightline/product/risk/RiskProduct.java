package org.sightline.product.risk;

import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.sightline.api.Product;
import org.sightline.api.governance.Measure;

/** Risk insights: items and users at risk in the customer's Microsoft 365 workspaces. */
@Component(service = Product.class)
public class RiskProduct implements Product {

    /** The product id. */
    public static final String ID = "risk";

    /** The five measures, counted per day and workspace kind. */
    public static final List<Measure> MEASURES = List.of(new Measure("high-risk", "High-risk items"),
            new Measure("medium-risk", "Medium-risk items"), new Measure("sensitive", "Sensitive items"),
            new Measure("external-users", "External users"), new Measure("external-links", "External links"));

    /** Exchange Online mailboxes: counted like a workspace kind, shown only in the report's Exchange Online part. */
    public static final Measure EXCHANGE = new Measure("exchange", "Exchange Online mailboxes");

    /** The workspace kinds of the widgets and the summary, ids and names. */
    public static final List<Measure> KINDS = List.of(new Measure("sharepoint", "SharePoint sites"),
            new Measure("teams", "Teams"), new Measure("groups", "Microsoft 365 Groups"),
            new Measure("onedrive", "OneDrive"));

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String displayName() {
        return "Risk insights";
    }

    @Override
    public String family() {
        return FAMILY_GOVERNANCE;
    }

    @Override
    public String iconSvg() {
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 24 24\"><path fill=\"currentColor\" "
                + "d=\"M12 2 1 21h22L12 2zm1 15h-2v-2h2v2zm0-4h-2V9h2v4z\"/></svg>";
    }

    @Override
    public int order() {
        return 310;
    }

    /** The label of a workspace kind id. */
    static String kindLabel(String kind) {
        return EXCHANGE.id().equals(kind) ? EXCHANGE.label() : KINDS.stream().filter(k -> k.id().equals(kind)).map(Measure::label).findFirst().orElse(kind);
    }
}
