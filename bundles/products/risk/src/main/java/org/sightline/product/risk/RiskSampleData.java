package org.sightline.product.risk;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sightline.api.CustomerRef;
import org.sightline.api.data.SampleDataProvider;
import org.sightline.api.governance.DailyCount;
import org.sightline.api.governance.GovernanceCounts;
import org.sightline.api.governance.GovernanceSamples;

/**
 * Sample risk data of the last 90 days for every sample customer subscribed to the product: a few dozen
 * workspaces with their counts, and per day and workspace kind the five counts, drifting slowly, the last day's
 * equal to the sum over the workspaces of that kind. The Sample Customer has a spike of external sharing three
 * days ago (external links and users, and high-risk items with them, in SharePoint sites and Teams). Every
 * subscriber has an Exchange Online service account without multi-factor authentication except one, the first
 * by account id after the Sample Customer, whose page then offers to create one. The same seed gives the same data.
 */
@Component(service = SampleDataProvider.class)
public class RiskSampleData implements SampleDataProvider {
    static final int DAYS = 90;
    /** How many days before the last the Sample Customer's sharing spike is. */
    static final int SPIKE_DAYS_AGO = 3;
    private static final List<String> STATUSES = List.of("active", "active", "active", "trial", "suspended");
    private static final String[] SITES = {"Finance", "Sales", "Marketing", "Legal", "Human Resources", "Engineering",
        "Board", "Project Apollo", "Project Orion", "Customer Success", "Procurement", "Intranet", "Partners",
        "Product Launch", "IT Operations", "Security"};
    private static final String[] PEOPLE = {"Adele Vance", "Megan Bowen", "Alex Wilber", "Diego Siciliani",
        "Isaiah Langer", "Johanna Lorenz", "Lee Gu", "Lidia Holloway", "Lynne Robbins", "Miriam Graham",
        "Nestor Wilke", "Patti Fernandez", "Pradeep Gupta", "Grady Archie", "Joni Sherman", "Henrietta Mueller"};

    private final GovernanceCounts counts;
    private final RiskStore store;
    private final GovernanceSamples samples;

    @Activate
    public RiskSampleData(@Reference GovernanceCounts counts, @Reference RiskStore store,
                          @Reference GovernanceSamples samples) {
        this.counts = counts;
        this.store = store;
        this.samples = samples;
    }

    @Override
    public String productId() {
        return RiskProduct.ID;
    }

    @Override
    public void writeSample(Request request, DataSource transaction) throws Exception {
        List<CustomerRef> subscribers = samples.subscribers(request, RiskProduct.ID);
        for (int i = 0; i < subscribers.size(); i++) {
            write(subscribers.get(i), i == 0, i != 1, request, transaction);
        }
    }

    /**
     * One customer's sample data.
     *
     * @param showcase       the Sample Customer: a fixed size and the sharing spike
     * @param serviceAccount whether the customer has a usable Exchange Online service account
     */
    void write(CustomerRef customer, boolean showcase, boolean serviceAccount, Request request, DataSource tx)
            throws Exception {
        SplittableRandom random = new SplittableRandom(request.seed() * 977 + customer.id());
        LocalDate last = request.now().atZone(request.zone()).toLocalDate();
        List<Workspace> workspaces = workspaces(random, showcase ? 48 : 20 + random.nextInt(40), serviceAccount, last);
        for (Workspace w : workspaces) {
            store.putWorkspace(customer, w, tx);
        }
        List<String> kinds = new ArrayList<>(RiskIngest.KINDS);
        kinds.sort(null);
        List<DailyCount> daily = new ArrayList<>(DAYS * kinds.size() * RiskProduct.MEASURES.size());
        for (String kind : kinds) {
            long[] base = new long[RiskProduct.MEASURES.size()];
            boolean any = false;
            for (Workspace w : workspaces) {
                if (w.kind().equals(kind)) {
                    any = true;
                    long[] c = w.counts();
                    for (int m = 0; m < base.length; m++) {
                        base[m] += c[m];
                    }
                }
            }
            if (!any) {
                continue;
            }
            SplittableRandom drift = new SplittableRandom(request.seed() * 31 + customer.id() * 7 + kind.hashCode());
            double level = 1.0;
            for (int ago = 0; ago < DAYS; ago++) {
                LocalDate day = last.minusDays(ago);
                for (int m = 0; m < base.length; m++) {
                    double f = ago == 0 ? 1.0 : level * (0.9 + 0.2 * drift.nextDouble());
                    daily.add(new DailyCount(customer, day, RiskProduct.MEASURES.get(m).id(), kind,
                            Math.round(base[m] * f)));
                }
                // going back in time, the counts were a little lower: risk grows slowly
                level = Math.max(0.4, level - 0.004 - 0.004 * drift.nextDouble());
            }
        }
        if (showcase) {
            LocalDate spike = last.minusDays(SPIKE_DAYS_AGO);
            List<DailyCount> spiked = new ArrayList<>(daily.size());
            for (DailyCount c : daily) {
                spiked.add(spike(c, spike));
            }
            daily = spiked;
        }
        counts.put(RiskProduct.ID, daily, tx);
        if (serviceAccount) {
            store.reportServiceAccount(customer, "ready", false, request.now(), tx);
        }
    }

    /** External sharing three times as high on the spike day, and high-risk items with it, in sites and Teams. */
    private static DailyCount spike(DailyCount c, LocalDate spike) {
        boolean shared = c.kind().equals("sharepoint") || c.kind().equals("teams");
        if (!shared || !c.day().equals(spike)) {
            return c;
        }
        long v = switch (c.measure()) {
            case "external-links", "external-users" -> c.value() * 3 + 25;
            case "high-risk" -> c.value() * 2 + 10;
            default -> c.value();
        };
        return new DailyCount(c.customer(), c.day(), c.measure(), c.kind(), v);
    }

    private static List<Workspace> workspaces(SplittableRandom r, int n, boolean exchange, LocalDate day) {
        List<Workspace> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int k = r.nextInt(10);
            String kind = k < 4 ? "sharepoint" : k < 6 ? "teams" : k < 8 ? "groups" : "onedrive";
            String name = kind.equals("onedrive") ? PEOPLE[r.nextInt(PEOPLE.length)]
                    : SITES[r.nextInt(SITES.length)] + (kind.equals("teams") ? " team" : kind.equals("groups") ? " group" : "");
            out.add(workspace(r, String.format("%s-%03d", kind, i + 1), kind, name, day));
        }
        if (exchange) {
            for (int i = 0; i < 6; i++) {
                out.add(workspace(r, String.format("mailbox-%03d", i + 1), "exchange", PEOPLE[r.nextInt(PEOPLE.length)], day));
            }
        }
        return out;
    }

    private static Workspace workspace(SplittableRandom r, String id, String kind, String name, LocalDate day) {
        int size = 1 + r.nextInt(r.nextInt(8) == 0 ? 400 : 80);
        return new Workspace(id, kind, name, day, r.nextInt(1 + size / 20), r.nextInt(1 + size / 6),
                r.nextInt(1 + size / 3), r.nextInt(1 + size / 25), r.nextInt(1 + size / 10));
    }

    /** About one sample customer in five has risk insights, counted in users. */
    @Override
    public Optional<SampleSubscription> sampleSubscription(SampleCustomer customer) {
        return customer.random().nextInt(100) < 20
                ? Optional.of(SampleSubscription.drawn(customer, STATUSES, 50))
                : Optional.empty();
    }
}
