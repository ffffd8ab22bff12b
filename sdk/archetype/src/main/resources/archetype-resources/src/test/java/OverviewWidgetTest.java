package ${package};

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;

import org.junit.Test;
import org.sightline.product.testkit.ComponentDescriptors;
import org.sightline.widget.testkit.Shown;
import org.sightline.widget.testkit.WidgetTestKit;

public class OverviewWidgetTest {
    @Test
    public void showsTheAccountAndNoPersonalData() throws Exception {
        Shown shown = WidgetTestKit.assertSafe(new OverviewWidget());
        assertTrue(shown.json(), shown.json().contains(WidgetTestKit.CUSTOMER.accountId()));
        assertEquals("${productId}", WidgetTestKit.descriptor(OverviewWidget.class).productId());
    }

    @Test
    public void everyComponentCanBeActivated() throws Exception {
        ComponentDescriptors.assertActivatable(Path.of("target/classes"));
    }
}
