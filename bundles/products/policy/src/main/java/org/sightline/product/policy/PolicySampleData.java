package org.sightline.product.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sightline.api.CustomerRef;
import org.sightline.api.data.SampleDataProvider;
import org.sightline.api.governance.GovernanceSamples;

/**
 * Sample rules and violations of the last 90 days for every sample customer subscribed to the product: a dozen
 * rules, some of them not kept, violations found over the period, most of them fixed a few days later. The
 * Sample Customer has three non-compliant rules with unfixed violations. The same seed gives the same data;
 * writing again stores nothing twice.
 */
@Component(service = SampleDataProvider.class)
public class PolicySampleData implements SampleDataProvider {
    static final int DAYS = 90;
    private static final List<String> STATUSES = List.of("active", "active", "active", "trial", "expired");
    /** name, scope */
    private static final String[][] RULES = {
        {"Multi-factor authentication for administrators", "Entra ID"},
        {"Block legacy authentication", "Entra ID"},
        {"External sharing limited to known domains", "SharePoint Online"},
        {"Anonymous links expire within 30 days", "OneDrive"},
        {"Mailbox auditing enabled", "Exchange Online"},
        {"No automatic forwarding to external addresses", "Exchange Online"},
        {"Guests reviewed every 90 days", "Microsoft Teams"},
        {"Teams created by approved owners only", "Microsoft Teams"},
        {"Sensitivity labels on confidential sites", "SharePoint Online"},
        {"Data loss prevention for card numbers", "Microsoft 365"},
        {"Retention policy on executive mailboxes", "Exchange Online"},
        {"Groups have at least two owners", "Microsoft 365 Groups"},
        {"Unmanaged devices get web access only", "SharePoint Online"},
        {"Password never expires is off", "Entra ID"},
    };
    private static final String[] OBJECTS = {"Finance site", "Sales mailbox", "Project Apollo team", "HR group",
        "Board documents library", "adele.vance@contoso.example", "Marketing site", "Support shared mailbox",
        "Partners team", "Legal group", "megan.bowen@contoso.example", "Engineering site"};

    private final PolicyStore store;
    private final GovernanceSamples samples;

    @Activate
    public PolicySampleData(@Reference PolicyStore store, @Reference GovernanceSamples samples) {
        this.store = store;
        this.samples = samples;
    }

    @Override
    public String productId() {
        return PolicyProduct.ID;
    }

    @Override
    public void writeSample(Request request, DataSource transaction) throws Exception {
        boolean first = true;
        for (CustomerRef c : samples.subscribers(request, PolicyProduct.ID)) {
            write(c, first, request, transaction);
            first = false;
        }
    }

    /** One customer's rules and violations; the Sample Customer ({@code showcase}) has a fixed shape. */
    void write(CustomerRef customer, boolean showcase, Request request, DataSource tx) throws Exception {
        SplittableRandom random = new SplittableRandom(request.seed() * 31 + customer.id());
        Instant now = request.now();
        Instant start = now.minus(Duration.ofDays(DAYS));
        int rules = 10 + random.nextInt(RULES.length - 9);
        int nonCompliantLeft = showcase ? 3 : random.nextInt(4);
        for (int i = 0; i < rules; i++) {
            boolean compliant = nonCompliantLeft == 0 || (!showcase && random.nextInt(3) > 0);
            if (!compliant) {
                nonCompliantLeft--;
            }
            String ruleId = String.format("R-%02d", i + 1);
            store.putRule(customer, new Rule(ruleId, RULES[i][0], RULES[i][1], compliant,
                    now.minus(Duration.ofMinutes(30 + random.nextInt(600)))), tx);
            int violations = random.nextInt(compliant ? 4 : 7) + (compliant ? 0 : 1);
            for (int n = 0; n < violations; n++) {
                Instant found = start.plusSeconds(random.nextLong(Duration.ofDays(DAYS).toSeconds()));
                // a compliant rule's violations are all fixed; a non-compliant rule keeps its newest one open
                boolean fixed = compliant || n < violations - 1 - random.nextInt(2);
                Instant fixedAt = fixed ? found.plus(Duration.ofHours(4 + random.nextInt(24 * 6))) : null;
                if (fixedAt != null && fixedAt.isAfter(now)) {
                    fixedAt = now;
                }
                store.putViolation(customer, new Violation(ruleId + "-V" + (n + 1), ruleId,
                        OBJECTS[random.nextInt(OBJECTS.length)], found, fixed, fixedAt), tx);
            }
        }
    }

    /** About one sample customer in five watches its Microsoft 365 policies, counted in users. */
    @Override
    public Optional<SampleSubscription> sampleSubscription(SampleCustomer customer) {
        return customer.random().nextInt(100) < 20
                ? Optional.of(SampleSubscription.drawn(customer, STATUSES, 50))
                : Optional.empty();
    }
}
