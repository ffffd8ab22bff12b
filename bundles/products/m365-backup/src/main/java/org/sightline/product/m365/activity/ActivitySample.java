package org.sightline.product.m365.activity;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.sightline.api.CustomerRef;

/**
 * Sample unusual-activity data: 90 days of daily scans of a tenant's OneDrive accounts and sites that grow
 * slowly, occasional low-scored findings, and, for a customer with an incident, a ransomware-like attack on two
 * OneDrives last week (mass encryption, mass deletion, renamed files). Deterministic for a seed and day; written
 * through {@link ActivityStore}, so the daily rows are the ones ingestion would keep. Writing again replaces the
 * same records and stores nothing twice.
 */
@Component(service = ActivitySample.class)
public class ActivitySample {
    /** Days of sample data. */
    public static final int DAYS = 90;

    private static final String[] FIRST = {"Megan", "Alex", "Adele", "Diego", "Grady", "Isaiah", "Johanna", "Lee",
        "Lidia", "Lynne", "Miriam", "Nestor", "Patti", "Pradeep", "Henrietta", "Joni"};
    private static final String[] LAST = {"Bowen", "Wilber", "Vance", "Siciliani", "Archie", "Langer", "Lorenz",
        "Gu", "Holloway", "Robbins", "Graham", "Wilke", "Fernandez", "Gupta", "Mueller", "Sherman"};
    private static final String[] SITES = {"Finance", "Human Resources", "Sales and Marketing", "Projects",
        "Legal", "IT Operations", "Board", "Customer Success"};
    private static final String[] FOLDERS = {"Documents", "Documents/Projects", "Documents/Finance", "Desktop",
        "Documents/Contracts", "Pictures"};
    private static final String[] FILES = {"Budget 2027.xlsx", "Quarterly report.docx", "Offer letter.pdf",
        "Board minutes.docx", "Customer list.xlsx", "Travel expenses.xlsx", "Roadmap.pptx", "Scan 0042.pdf"};

    /** The account of the sample partner's "Sample Customer", the one the sample dashboard shows. */
    public static final String SAMPLE_CUSTOMER_ACCOUNT = "SAMPLE-0001";

    private final ActivityStore store;

    @Activate
    public ActivitySample(@Reference ActivityStore store) {
        this.store = store;
    }

    /** Whether the customer's sample has the incident: the Sample Customer's has, other customers' are quiet. */
    public static boolean incident(CustomerRef customer) {
        return SAMPLE_CUSTOMER_ACCOUNT.equals(customer.accountId());
    }

    /**
     * Writes the customer's sample data in the caller's transaction.
     *
     * @param c          the transaction's connection
     * @param customerId the customer
     * @param seed       the sample seed
     * @param today      the last day of the sample period
     * @param incident   whether two OneDrives were attacked last week
     */
    public void write(Connection c, long customerId, long seed, LocalDate today, boolean incident) throws SQLException {
        SplittableRandom random = new SplittableRandom(seed * 31 + customerId);
        int onedrives = 40 + random.nextInt(360);
        int sites = 8 + random.nextInt(52);
        for (int i = DAYS - 1; i >= 0; i--) {
            LocalDate day = today.minusDays(i);
            int grown = (DAYS - i) / 30;
            store.store(c, customerId, new Scan(day, onedrives + grown, sites + (i % 45 == 0 ? 1 : 0) + grown / 2));
            if (random.nextInt(100) < 4) {
                store.store(c, customerId, quiet(random, customerId, day, onedrives, sites));
            }
        }
        if (incident) {
            LocalDate first = today.minusDays(6);
            for (Finding f : incident(customerId, first)) {
                store.store(c, customerId, f);
            }
        }
    }

    /** A low-scored finding of an ordinary day. */
    private static Finding quiet(SplittableRandom random, long customerId, LocalDate day, int onedrives, int sites) {
        boolean onedrive = random.nextInt(3) > 0;
        int n = onedrive ? random.nextInt(onedrives) : random.nextInt(sites);
        Activity activity = random.nextBoolean() ? Activity.UNUSUAL_RENAME : Activity.SUSPICIOUS_PATH;
        List<String> files = new ArrayList<>();
        String person = person(n);
        for (int k = 0, count = 1 + random.nextInt(3); k < count; k++) {
            String folder = FOLDERS[random.nextInt(FOLDERS.length)];
            String file = FILES[random.nextInt(FILES.length)];
            files.add(onedrive ? "/personal/" + upn(person).replace('@', '_').replace('.', '_') + "/" + folder + "/" + file
                    + (activity == Activity.UNUSUAL_RENAME ? ".bak" + random.nextInt(10) : "")
                    : "/sites/" + SITES[n % SITES.length].replace(" ", "") + "/Shared Documents/" + file);
        }
        return new Finding("sample-ua-" + customerId + "-" + day, day,
                onedrive ? ObjectType.ONEDRIVE : ObjectType.SHAREPOINT_SITE,
                onedrive ? upn(person) : "site-" + (n % SITES.length),
                onedrive ? person : SITES[n % SITES.length], activity, 35 + random.nextInt(26), files);
    }

    /** Two OneDrives attacked on two days from {@code first}: files encrypted and renamed, then deleted. */
    static List<Finding> incident(long customerId, LocalDate first) {
        List<Finding> out = new ArrayList<>();
        String[][] victims = {{"Megan Bowen", "megan.bowen@contoso.com"}, {"Alex Wilber", "alex.wilber@contoso.com"}};
        for (int v = 0; v < victims.length; v++) {
            String name = victims[v][0];
            String upn = victims[v][1];
            String root = "/personal/" + upn.replace('@', '_').replace('.', '_') + "/Documents/";
            List<String> encrypted = List.of(root + "Finance/Budget 2027.xlsx.locked",
                    root + "Contracts/Offer letter " + name + ".pdf.locked",
                    root + "Call back +49 151 23456789.docx.locked",
                    root + "Customer list.xlsx.locked",
                    root + "README_RESTORE_FILES.txt");
            LocalDate day = first.plusDays(v);
            out.add(new Finding("sample-incident-" + customerId + "-" + v + "-encryption", day, ObjectType.ONEDRIVE, upn,
                    name, Activity.MASS_ENCRYPTION, 96 - 2 * v, encrypted));
            out.add(new Finding("sample-incident-" + customerId + "-" + v + "-rename", day, ObjectType.ONEDRIVE, upn,
                    name, Activity.UNUSUAL_RENAME, 88 - v, encrypted.subList(0, 4)));
            out.add(new Finding("sample-incident-" + customerId + "-" + v + "-deletion", day.plusDays(1),
                    ObjectType.ONEDRIVE, upn, name, Activity.MASS_DELETION, 91 - 3 * v,
                    List.of(root + "Finance/Budget 2026.xlsx", root + "Projects/Roadmap.pptx",
                            root + "Pictures/Team offsite.jpg")));
        }
        return out;
    }

    /** An ordinary user: never one of the incident's two victims, who come first in the lists. */
    private static String person(int n) {
        return FIRST[2 + n % (FIRST.length - 2)] + " " + LAST[2 + (n / FIRST.length) % (LAST.length - 2)];
    }

    private static String upn(String person) {
        return person.toLowerCase(java.util.Locale.ROOT).replace(' ', '.') + "@contoso.com";
    }
}
