package org.sightline.product.testkit;

import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Checks, in a plain unit test, that the Declarative Services descriptors bnd generated for a bundle
 * ({@code target/classes/OSGI-INF/*.xml}) describe components Felix SCR can create: an activation constructor
 * ({@code init="n"}) must be the only public constructor with {@code n} parameters, each constructor reference must
 * fit its parameter, and every bind method or reference field must exist with a type SCR accepts. A mistake here
 * compiles and passes every unit test that calls constructors directly, and then the component never activates in
 * the server (seen: a field slipped between {@code @Reference} and its bind method; two public constructors of the
 * same length).
 * <pre>
 * &#64;Test
 * public void everyComponentCanBeActivated() throws Exception {
 *     ComponentDescriptors.assertActivatable(Path.of("target/classes"));
 * }
 * </pre>
 */
public final class ComponentDescriptors {

    private ComponentDescriptors() {
    }

    /** Fails naming every component of the folder's {@code OSGI-INF} that SCR could not create. */
    public static void assertActivatable(Path classes) throws Exception {
        Path dir = classes.resolve("OSGI-INF");
        assertTrue("no OSGI-INF in " + classes + ": run this after bnd-process (mvn test does)", Files.isDirectory(dir));
        List<String> problems = new ArrayList<>();
        int components = 0;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path xml : files.filter(p -> p.toString().endsWith(".xml")).sorted().toList()) {
                Element component = parse(xml).getDocumentElement();
                if (!component.getLocalName().equals("component")) {
                    continue;
                }
                components++;
                problems.addAll(check(component));
            }
        }
        assertTrue("no components in " + dir, components > 0);
        if (!problems.isEmpty()) {
            fail("components SCR could not create:\n  " + String.join("\n  ", problems));
        }
    }

    private static Document parse(Path xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        try {
            return f.newDocumentBuilder().parse(xml.toFile());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + xml, e);
        }
    }

    private static List<String> check(Element component) throws ClassNotFoundException {
        List<String> problems = new ArrayList<>();
        String name = component.getAttribute("name");
        Element impl = (Element) component.getElementsByTagName("implementation").item(0);
        Class<?> type = Class.forName(impl.getAttribute("class"));
        NodeList refs = component.getElementsByTagName("reference");
        String init = component.getAttribute("init");
        if (!init.isEmpty()) {
            int n = Integer.parseInt(init);
            List<Constructor<?>> candidates = Arrays.stream(type.getConstructors())
                    .filter(c -> c.getParameterCount() == n).toList();
            if (candidates.size() != 1) {
                problems.add(name + ": " + candidates.size() + " public constructors with " + n
                        + " parameters; SCR needs exactly one (make the others private or give them another length)");
            } else {
                Class<?>[] params = candidates.get(0).getParameterTypes();
                for (int i = 0; i < refs.getLength(); i++) {
                    Element r = (Element) refs.item(i);
                    if (r.hasAttribute("parameter")) {
                        int p = Integer.parseInt(r.getAttribute("parameter"));
                        Class<?> wanted = Class.forName(r.getAttribute("interface"));
                        if (!fits(params[p], wanted)) {
                            problems.add(name + ": constructor parameter " + p + " is " + params[p].getName()
                                    + ", not a " + wanted.getName());
                        }
                    }
                }
            }
        }
        for (int i = 0; i < refs.getLength(); i++) {
            Element r = (Element) refs.item(i);
            Class<?> wanted = Class.forName(r.getAttribute("interface"));
            if (r.hasAttribute("field")) {
                Field field = field(type, r.getAttribute("field"));
                if (field == null) {
                    problems.add(name + ": no field " + r.getAttribute("field"));
                } else if (!fits(field.getType(), wanted) && !Collection.class.isAssignableFrom(field.getType())) {
                    problems.add(name + ": field " + field.getName() + " has type " + field.getType().getName()
                            + ", which SCR cannot fill with " + wanted.getName());
                }
            }
            for (String attr : new String[] {"bind", "unbind", "updated"}) {
                if (r.hasAttribute(attr) && method(type, r.getAttribute(attr)) == null) {
                    problems.add(name + ": no method " + r.getAttribute(attr) + " for reference " + r.getAttribute("name"));
                }
            }
        }
        return problems;
    }

    private static boolean fits(Class<?> declared, Class<?> service) {
        return declared.isAssignableFrom(service) || declared.getName().equals("org.osgi.framework.ServiceReference")
                || declared.getName().equals("org.osgi.service.component.ComponentServiceObjects");
    }

    private static Field field(Class<?> type, String name) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                return c.getDeclaredField(name);
            } catch (NoSuchFieldException e) {
                // look further up
            }
        }
        return null;
    }

    private static Method method(Class<?> type, String name) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                if (m.getName().equals(name) && !Modifier.isStatic(m.getModifiers())) {
                    return m;
                }
            }
        }
        return null;
    }
}
