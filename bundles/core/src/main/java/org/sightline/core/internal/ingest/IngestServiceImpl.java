package org.sightline.core.internal.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.sightline.api.CustomerRef;
import org.sightline.api.ingest.IngestBatch;
import org.sightline.api.ingest.IngestHandler;
import org.sightline.api.ingest.IngestRecord;
import org.sightline.api.ingest.IngestResult;
import org.sightline.api.ingest.Rejection;
import org.sightline.core.internal.tenancy.Tenancy;
import org.sightline.core.Changes;
import org.sightline.core.IngestReport;
import org.sightline.core.IngestService;
import org.sightline.core.NotFoundException;
import org.sightline.core.UnavailableException;
import org.sightline.core.internal.storage.CoreStorage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ingestion: limits and parses the NDJSON body, resolves each line's customer within the sender's
 * partner, and hands the valid lines to the product's {@link IngestHandler} in one transaction. Then
 * drops the cached views of the customers and product it touched.
 */
@Component(service = IngestService.class, configurationPid = "org.sightline.ingest")
@Designate(ocd = IngestServiceImpl.Config.class)
public class IngestServiceImpl implements IngestService {

    @ObjectClassDefinition(name = "Sightline ingestion", description = "Limits of POST /api/v1/ingest/{product}")
    public @interface Config {
        @AttributeDefinition(name = "Maximum body size (bytes)")
        long max_bytes() default 16L * 1024 * 1024;

        @AttributeDefinition(name = "Maximum records per request")
        int max_records() default 50_000;

        @AttributeDefinition(name = "Maximum line size (bytes)")
        int max_line_bytes() default 65_536;
    }

    private static final Logger LOG = LoggerFactory.getLogger(IngestServiceImpl.class);
    private final Map<Long, IngestHandler> handlers = new ConcurrentHashMap<>();
    private final Tenancy customers;
    private final CoreStorage storage;
    private final Changes changes;
    private final NdjsonReader reader;

    @Activate
    public IngestServiceImpl(@Reference Tenancy customers, @Reference CoreStorage storage,
                             @Reference Changes changes, Config config) {
        this.customers = customers;
        this.storage = storage;
        this.changes = changes;
        this.reader = new NdjsonReader(config.max_bytes(), config.max_records(), config.max_line_bytes());
    }

    @Reference(service = IngestHandler.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void bindHandler(ServiceReference<IngestHandler> ref, IngestHandler handler) {
        handlers.put((Long) ref.getProperty(Constants.SERVICE_ID), handler);
    }

    void unbindHandler(ServiceReference<IngestHandler> ref) {
        handlers.remove((Long) ref.getProperty(Constants.SERVICE_ID));
    }

    @Override
    public IngestReport ingest(long partnerId, String productId, InputStream ndjson) {
        IngestHandler handler = handler(productId)
                .orElseThrow(() -> new NotFoundException("no deployed product takes records for '" + productId + "'"));
        List<NdjsonReader.Line> lines;
        try {
            lines = reader.read(ndjson);
        } catch (IOException e) {
            throw new IllegalStateException("the request body could not be read", e);
        }
        List<Rejection> rejected = new ArrayList<>();
        List<IngestRecord> records = new ArrayList<>(lines.size());
        Map<String, Optional<CustomerRef>> byAccount = new HashMap<>();
        for (NdjsonReader.Line line : lines) {
            if (line.error() != null) {
                rejected.add(new Rejection(line.number(), null, line.error()));
                continue;
            }
            Map<String, Object> fields = new LinkedHashMap<>(line.object());
            Object id = fields.remove("id");
            Object account = fields.remove("customer");
            if (!(id instanceof String rid) || rid.isBlank() || rid.length() > 200) {
                rejected.add(new Rejection(line.number(), "id", "id must be a non-empty string of at most 200 characters"));
                continue;
            }
            if (!(account instanceof String acc) || acc.isBlank()) {
                rejected.add(new Rejection(line.number(), "customer", "customer must be the customer's account id"));
                continue;
            }
            Optional<CustomerRef> customer = byAccount.computeIfAbsent(acc, a -> customers.findByAccount(partnerId, a));
            if (customer.isEmpty()) {
                rejected.add(new Rejection(line.number(), "customer", "no customer with account id '" + acc + "'"));
                continue;
            }
            records.add(new IngestRecord(line.number(), customer.get(), rid, fields));
        }
        int stored = 0;
        int duplicates = 0;
        if (!records.isEmpty()) {
            IngestResult result;
            try {
                result = storage.transactions().inTransaction((c, tx) -> handler.ingest(new IngestBatch(partnerId, records), tx));
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                if (UnavailableException.isConnectionFailure(e)) {
                    throw new UnavailableException(e);
                }
                LOG.warn("Ingestion for product {} failed; nothing was stored", productId, e);
                throw new IllegalStateException("the " + productId + " module could not store the records; nothing was stored", e);
            }
            stored = result.stored();
            duplicates = result.duplicates();
            rejected.addAll(result.rejected());
            Set<Long> touched = new HashSet<>();
            records.forEach(r -> touched.add(r.customer().id()));
            touched.forEach(c -> changes.announce(new Changes.CustomerData(c, productId)));
        }
        rejected.sort(Comparator.comparingInt(Rejection::line));
        return new IngestReport(productId, lines.size(), stored, duplicates, rejected);
    }

    private Optional<IngestHandler> handler(String productId) {
        return handlers.values().stream().filter(h -> productId.equals(h.productId())).findFirst();
    }
}
