package org.sightline.widget.testkit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import org.sightline.api.CustomerRef;
import org.sightline.api.Permissions;
import org.sightline.api.Viewer;
import org.sightline.api.view.WidgetView;
import org.sightline.api.widget.DashboardWidget;
import org.sightline.api.widget.PageRequest;
import org.sightline.api.widget.Placement;
import org.sightline.api.widget.SightlineWidget;
import org.sightline.api.widget.TimeRange;
import org.sightline.api.widget.WidgetDescriptor;
import org.sightline.api.widget.WidgetRequest;
import org.sightline.core.internal.privacy.PrivacyFilter;
import org.sightline.web.internal.KitJson;

/**
 * Unit-test support for any widget of any product. A widget's test needs three lines:
 * <pre>
 * &#64;Test
 * public void showsNoPersonalData() throws Exception {
 *     WidgetTestKit.assertSafe(new MyWidget(), "jane.doe@example.com");
 * }
 * </pre>
 * {@link #assertSafe} reads the widget's descriptor from the DS descriptor bnd generated
 * ({@code target/classes/OSGI-INF}) and checks it the way the server does, renders the widget with
 * {@link #request() a fake request} and {@link #viewer a fake viewer}, runs the view through the server's own
 * privacy rules (the core's {@code PrivacyFilter}) and JSON writer (the web bundle's), and fails, naming the JSON
 * path, on personal data that escapes: an e-mail address or phone number in any string the page receives (titles,
 * labels, links, ids, panels, cursors and every kind of cell), or any value the view itself marked as personal
 * ({@code Cell.phone}, {@code Cell.personName}, {@code Cell.message}), or any of the strings the test names.
 * <p>
 * The rules are the server's compiled classes, copied into this jar (see its POM): what passes here passes on the
 * server of the same version.
 */
public final class WidgetTestKit {
    /** The customer of {@link #request()}. */
    public static final CustomerRef CUSTOMER = new CustomerRef(1001, 1, "TEST-0001", "Test Customer Ltd", "EUR", true,
            "https://portal.test-customer.example");
    /** The end of {@link #request()}'s time range: a fixed instant, so that renders are repeatable. */
    public static final Instant NOW = Instant.parse("2026-01-15T12:00:00Z");

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final Pattern PRODUCT_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");

    private WidgetTestKit() {
    }

    /** A viewer of the test partner with the given permissions (all the customer permissions when none are given). */
    public static Viewer viewer(String... permissions) {
        Set<String> p = permissions.length == 0
                ? Set.of(Permissions.CUSTOMER_READ, Permissions.CUSTOMER_ACT, Permissions.USAGE_READ)
                : Set.of(permissions);
        return new Viewer("kit.viewer", CUSTOMER.partnerId(), Set.of("partner-admin"), p);
    }

    /** A request for {@link #CUSTOMER} by {@link #viewer}, the 30 days to {@link #NOW}, UTC, first page, no filter. */
    public static WidgetRequest request() {
        return request(Map.of(), null);
    }

    /** {@link #request()} with filters and a drill-down panel ({@code null} for the main view). */
    public static WidgetRequest request(Map<String, String> filters, String panel) {
        return new WidgetRequest(CUSTOMER, viewer(), TimeRange.ending(NOW, Duration.ofDays(30)), ZoneOffset.UTC,
                PageRequest.first(), filters, panel);
    }

    /**
     * Renders the widget for {@link #request()} as the server shows it: privacy-filtered and written as JSON.
     * Fails if the widget returns {@code null} or its view cannot be written.
     */
    public static Shown render(DashboardWidget widget) throws Exception {
        return render(widget, request());
    }

    /** Renders the widget for the given request as the server shows it. */
    public static Shown render(DashboardWidget widget, WidgetRequest request) throws Exception {
        WidgetView view = widget.render(request);
        assertNotNull(widget.getClass().getName() + ".render returned null", view);
        WidgetView filtered = PrivacyFilter.filter(view);
        assertEquals("the privacy filter is not idempotent on this view", filtered, PrivacyFilter.filter(filtered));
        return new Shown(view, filtered, KitJson.write(filtered));
    }

    /**
     * Checks the widget's descriptor ({@link #descriptor(Class)}), renders it ({@link #render(DashboardWidget)}) and
     * fails on personal data that escapes ({@link Shown#assertNoPersonalData}).
     *
     * @param personal strings the widget's data holds that must never reach the page, such as the e-mail address
     *                 of a test record
     * @return what the page would receive, for further assertions
     */
    public static Shown assertSafe(DashboardWidget widget, String... personal) throws Exception {
        descriptor(widget.getClass());
        Shown shown = render(widget);
        shown.assertNoPersonalData(personal);
        return shown;
    }

    /** {@link #descriptor(Path, Class)} for Maven's {@code target/classes}. */
    public static WidgetDescriptor descriptor(Class<?> widgetType) throws Exception {
        return descriptor(Path.of("target", "classes"), widgetType);
    }

    /**
     * The widget's descriptor as the server reads it from the {@code sightline.widget.*} service properties of the
     * DS descriptor bnd generated for the class. Fails when there is no such component, it does not provide
     * {@link DashboardWidget}, or the server would refuse the properties (a missing id, title, product or section, an
     * id that is not letters, digits, dots and dashes, an unknown placement), or when the title or section holds an
     * e-mail address or phone number (the server would show it masked).
     */
    public static WidgetDescriptor descriptor(Path classes, Class<?> widgetType) throws Exception {
        assertTrue(widgetType.getName() + " does not implement DashboardWidget",
                DashboardWidget.class.isAssignableFrom(widgetType));
        Path dir = classes.resolve("OSGI-INF");
        assertTrue("no OSGI-INF in " + classes + ": run this after bnd-process (mvn test does)", Files.isDirectory(dir));
        Element component = null;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path xml : files.filter(p -> p.toString().endsWith(".xml")).sorted().toList()) {
                DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
                f.setNamespaceAware(true);
                f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
                Element root = f.newDocumentBuilder().parse(xml.toFile()).getDocumentElement();
                NodeList impl = root.getElementsByTagName("implementation");
                if (impl.getLength() > 0 && widgetType.getName().equals(((Element) impl.item(0)).getAttribute("class"))) {
                    component = root;
                }
            }
        }
        assertNotNull("no DS component for " + widgetType.getName() + " in " + dir
                + ": annotate it with @Component(service = DashboardWidget.class)", component);
        List<String> provided = new ArrayList<>();
        NodeList provides = component.getElementsByTagName("provide");
        for (int i = 0; i < provides.getLength(); i++) {
            provided.add(((Element) provides.item(i)).getAttribute("interface"));
        }
        assertTrue(widgetType.getName() + " is not registered as a DashboardWidget service (it provides " + provided + ")",
                provided.contains(DashboardWidget.class.getName()));
        Map<String, List<String>> props = new LinkedHashMap<>();
        NodeList properties = component.getElementsByTagName("property");
        for (int i = 0; i < properties.getLength(); i++) {
            Element p = (Element) properties.item(i);
            List<String> values = p.hasAttribute("value") ? List.of(p.getAttribute("value"))
                    : Arrays.stream(p.getTextContent().split("\n")).map(String::trim).filter(s -> !s.isEmpty()).toList();
            props.put(p.getAttribute("name"), values);
        }
        String pre = SightlineWidget.PREFIX_;
        String id = required(props, pre + "id", widgetType);
        assertTrue("widget id '" + id + "' must be letters, digits, dots and dashes", ID.matcher(id).matches());
        String product = required(props, pre + "product", widgetType);
        assertTrue("product id '" + product + "' of widget " + id + " must be lower case letters, digits and dashes",
                PRODUCT_ID.matcher(product).matches());
        String title = required(props, pre + "title", widgetType);
        String section = required(props, pre + "section", widgetType);
        for (String s : List.of(id, product, title, section)) {
            assertEquals("widget " + id + ": '" + s + "' holds what looks like a phone number or e-mail address",
                    s, PrivacyFilter.scrub(s));
        }
        Set<Placement> placement = EnumSet.noneOf(Placement.class);
        List<String> rawPlacement = props.get(pre + "placement");
        for (String s : rawPlacement == null ? List.of("OVERVIEW", "PRODUCT_PAGE") : rawPlacement) {
            try {
                placement.add(Placement.valueOf(s));
            } catch (IllegalArgumentException e) {
                fail("unknown placement '" + s + "' on widget " + id);
            }
        }
        int refresh = Integer.parseInt(one(props, pre + "refreshSeconds", "60"));
        assertTrue("widget " + id + ": refreshSeconds must not be negative", refresh >= 0);
        return new WidgetDescriptor(id, title, product, section, placement,
                Integer.parseInt(one(props, pre + "order", "100")), one(props, pre + "permission", Permissions.CUSTOMER_READ),
                Duration.ofSeconds(refresh).truncatedTo(ChronoUnit.SECONDS), !"false".equals(one(props, pre + "timeRange", "true")));
    }

    private static String required(Map<String, List<String>> props, String key, Class<?> type) {
        String v = one(props, key, null);
        assertTrue("service property " + key + " is missing on " + type.getName() + " (put @SightlineWidget on it)",
                v != null && !v.isBlank());
        return v;
    }

    private static String one(Map<String, List<String>> props, String key, String dflt) {
        List<String> v = props.get(key);
        return v == null || v.isEmpty() ? dflt : v.get(0);
    }
}
