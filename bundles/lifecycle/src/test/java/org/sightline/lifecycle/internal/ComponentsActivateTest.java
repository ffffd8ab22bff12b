package org.sightline.lifecycle.internal;

import java.nio.file.Path;

import org.junit.Test;
import org.sightline.product.testkit.ComponentDescriptors;

/** Every component this bundle declares can be created by Felix SCR as bnd described it. */
public class ComponentsActivateTest {

    @Test
    public void everyComponentCanBeActivated() throws Exception {
        ComponentDescriptors.assertActivatable(Path.of("target/classes"));
    }
}
