package org.sightline.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;
import org.sightline.core.CacheStats;
import org.sightline.core.Caches;

/** Lists the server's caches with their size, bound, hit ratio and evictions. */
@Service
@Command(scope = "sightline", name = "caches", description = "List the server's caches: size, bound, hit ratio, hits, misses, evictions")
public class CachesCommand implements Action {

    @Reference
    Caches caches;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Cache");
        table.column("Size").alignRight();
        table.column("Maximum").alignRight();
        table.column("Hit ratio").alignRight();
        table.column("Hits").alignRight();
        table.column("Misses").alignRight();
        table.column("Evictions").alignRight();
        for (CacheStats s : caches.caches()) {
            table.addRow().addContent(s.name(), s.size(), s.maximumSize() < 0 ? "-" : s.maximumSize(),
                    String.format("%.1f %%", s.hitRatio() * 100), s.hits(), s.misses(), s.evictions());
        }
        table.print(System.out);
        return null;
    }
}
