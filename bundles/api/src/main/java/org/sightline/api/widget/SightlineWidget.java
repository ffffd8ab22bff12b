package org.sightline.api.widget;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.osgi.service.component.annotations.ComponentPropertyType;
import org.sightline.api.Permissions;

/**
 * The widget's metadata, as service properties prefixed {@code sightline.widget.}. Put it on the
 * {@link DashboardWidget} component class; the core builds a {@link WidgetDescriptor} from the
 * properties, so it can list and filter widgets without loading or calling them.
 */
@ComponentPropertyType
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface SightlineWidget {
    /** Service property prefix. */
    String PREFIX_ = "sightline.widget.";

    /** Unique widget id, by convention {@code <product>.<name>}: letters, digits, dots and dashes. */
    String id();

    /** Title shown on the widget's card. */
    String title();

    /** The id of the {@link org.sightline.api.Product} the widget belongs to. */
    String product();

    /** The dashboard section, one of {@link Sections} or a vendor-defined id (drawn at the end). */
    String section();

    /** Where the widget appears: the customer's overview, the product's page, or both. */
    Placement[] placement() default {Placement.OVERVIEW, Placement.PRODUCT_PAGE};

    /** Order within the section, lower first. */
    int order() default 100;

    /** The permission a viewer needs to see the widget. */
    String permission() default Permissions.CUSTOMER_READ;

    /** How long, in seconds, a rendered view stays fresh; 0 disables caching. */
    int refreshSeconds() default 60;

    /** Whether the widget honours the time range, so the page shows a range selector for it. */
    boolean timeRange() default true;
}
