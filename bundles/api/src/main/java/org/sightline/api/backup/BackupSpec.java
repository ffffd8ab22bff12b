package org.sightline.api.backup;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a backup product protects: all a backup product says about itself beyond its id and names.
 *
 * @param productId     the product id
 * @param workloads     the workloads, in the order the status widget lists them; at least one, ids unique
 * @param storageReport whether the status widget links to the storage report (storage by workload over time)
 */
public record BackupSpec(String productId, List<Workload> workloads, boolean storageReport) {
    public BackupSpec {
        Objects.requireNonNull(productId, "productId");
        workloads = List.copyOf(workloads);
        if (workloads.isEmpty()) {
            throw new IllegalArgumentException("a backup product needs at least one workload");
        }
        if (workloads.stream().map(Workload::id).distinct().count() != workloads.size()) {
            throw new IllegalArgumentException("workload ids must be unique");
        }
    }

    /** The workload of that id. */
    public Optional<Workload> workload(String id) {
        return workloads.stream().filter(w -> w.id().equals(id)).findFirst();
    }

    /** The workloads by id, in spec order. */
    public Map<String, Workload> byId() {
        Map<String, Workload> m = new LinkedHashMap<>();
        workloads.forEach(w -> m.put(w.id(), w));
        return m;
    }
}
