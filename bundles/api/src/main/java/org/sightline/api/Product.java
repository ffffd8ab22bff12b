package org.sightline.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A product module, registered as an OSGi service by the product's bundle.
 * <p>
 * A customer's navigation lists the products the customer subscribes to <em>and</em> whose bundle is
 * deployed; when the bundle goes away, the product and all of its widgets disappear with it.
 * <p>
 * Implementations return constants: the core calls these methods when the service appears and caches
 * the answers. The core also remembers the id, name, family and icon after the bundle is gone, so that
 * subscriptions to the product keep showing its name.
 *
 * <pre>{@code
 * @Component(service = Product.class)
 * public class SmsProduct implements Product {
 *     public String id() { return "sms"; }
 *     public String displayName() { return "SMS"; }
 *     public String family() { return Product.FAMILY_COMMUNICATIONS; }
 * }
 * }</pre>
 */
@ConsumerType
public interface Product {

    /** Family of backup products (Microsoft 365, Google Workspace, IaaS/PaaS, Dynamics 365, Salesforce). */
    String FAMILY_BACKUP = "backup";
    /** Family of communications products (SMS, Voice, Video, Messaging Apps). */
    String FAMILY_COMMUNICATIONS = "communications";
    /** Family of governance products (policy monitor, risk insights). */
    String FAMILY_GOVERNANCE = "governance";

    /**
     * The product id: lower case letters, digits and dashes, at most 40 characters, unique in the
     * server. Widgets, subscriptions, ingestion ({@code /api/v1/ingest/{id}}) and URLs refer to it.
     */
    String id();

    /** The name shown to portal users, for example {@code "Cloud Backup for Microsoft 365"}. */
    String displayName();

    /** The product family, one of the {@code FAMILY_*} constants or a vendor-defined id. */
    String family();

    /**
     * The product icon as a self-contained SVG document (no scripts, no external references), or
     * {@code null} for the family's default icon. The page draws it as an image.
     */
    default String iconSvg() {
        return null;
    }

    /** Position among products in navigation, lower first. */
    default int order() {
        return 100;
    }
}
