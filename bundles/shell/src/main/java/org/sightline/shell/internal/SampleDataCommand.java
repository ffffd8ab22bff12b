package org.sightline.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.sightline.core.SampleDataLoader;

/** Loads the sample partner's staff and customers, with a progress bar. */
@Service
@Command(scope = "sightline", name = "sample-data", description = "Load the sample partner: staff in each role, groups, "
        + "customers with subscriptions, assignments and pins (deterministic per seed)")
public class SampleDataCommand implements Action {
    private static final int WIDTH = 40;

    @Reference
    SampleDataLoader loader;

    @Option(name = "-c", aliases = "--customers", description = "How many sample customers (0-100000, default 200)")
    int customers = 200;

    @Option(name = "-s", aliases = "--seed", description = "Random seed (default 42)")
    long seed = 42;

    @Override
    public Object execute() {
        long started = System.nanoTime();
        SampleDataLoader.Result r = loader.load(customers, seed, (done, total) -> {
            int filled = total == 0 ? WIDTH : (int) ((long) done * WIDTH / total);
            System.out.print("\r[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + done + "/" + total);
            System.out.flush();
        });
        System.out.println();
        System.out.printf("Sample partner %d: %d customers created, %d already there (%.1f s)%n", r.partnerId(),
                r.created(), r.existing(), (System.nanoTime() - started) / 1e9);
        if (!r.logins().isEmpty()) {
            System.out.println("Staff created (passwords shown only now):");
            r.logins().forEach(l -> System.out.println("  " + l));
        }
        return null;
    }
}
