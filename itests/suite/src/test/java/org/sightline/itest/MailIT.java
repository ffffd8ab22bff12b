package org.sightline.itest;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.inject.Inject;

import org.apache.karaf.features.FeaturesService;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.BundleListener;
import org.sightline.core.MailQueue;
import org.sightline.core.Outbox;
import org.sightline.core.OutgoingMail;
import org.sightline.core.QueuedMail;
import org.sightline.core.Transactions;

/**
 * Mail in the distribution: the booted {@code sightline-mail} feature (Jakarta Mail, Eclipse Angus in OSGi) sends a
 * committed outbox message to a real SMTP server (GreenMail in the test driver) configured in
 * {@code etc/org.sightline.mail.cfg}; and with the mail bundles in the framework, installing a product's feature
 * refreshes none of the bundles that were already there (the PDFBox 3 incident: Karaf's resolver rewired its own
 * bundles on every feature:install).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class MailIT extends SightlineTestSupport {
    @Inject
    private Outbox outbox;
    @Inject
    private MailQueue queue;
    @Inject
    private Transactions transactions;
    @Inject
    private FeaturesService features;
    @Inject
    private BundleContext context;

    @Override
    @Configuration
    public Option[] config() {
        List<Option> o = new ArrayList<>(Arrays.asList(super.config()));
        o.add(editConfigurationFilePut("etc/org.sightline.mail.cfg", "port", Integer.toString(MailServer.port())));
        o.add(editConfigurationFilePut("etc/org.sightline.mail.cfg", "from", "portal@sightline.example"));
        return o.toArray(new Option[0]);
    }

    @Test
    public void aCommittedMessageGoesOutThroughSmtpWithinSeconds() throws Exception {
        long partner = samplePartner();
        long started = System.nanoTime();
        long id = transactions.inTransaction(tx -> outbox.enqueue(tx, new OutgoingMail(partner, "jane@customer.example",
                "Your report", "Open https://portal.example/r/1", "report.link", "itest")));
        Optional<QueuedMail> sent = Optional.empty();
        while (sent.isEmpty() && System.nanoTime() - started < 20_000_000_000L) {
            Thread.sleep(100);
            sent = queue.list(OPERATOR, QueuedMail.SENT, 100).stream().filter(m -> m.id() == id).findFirst();
        }
        assertTrue("not sent: " + queue.list(OPERATOR, null, 100), sent.isPresent());
        assertEquals(1, sent.get().attempts());
    }

    @Test
    public void installingAProductFeatureRefreshesNoBundleThatWasThere() throws Exception {
        Set<Long> before = new HashSet<>();
        for (Bundle b : context.getBundles()) {
            before.add(b.getBundleId());
        }
        List<String> refreshed = new CopyOnWriteArrayList<>();
        BundleListener l = e -> {
            if ((e.getType() == BundleEvent.UNRESOLVED || e.getType() == BundleEvent.STOPPED)
                    && before.contains(e.getBundle().getBundleId())) {
                refreshed.add(e.getBundle().getSymbolicName());
            }
        };
        context.addBundleListener(l);
        try {
            features.installFeature("sightline-product-sms", EnumSet.noneOf(FeaturesService.Option.class));
        } finally {
            context.removeBundleListener(l);
        }
        assertEquals(List.of(), refreshed);
    }
}
