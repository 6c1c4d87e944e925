package com.partnersync.hubspot;

import com.partnersync.warehouse.RunStatus;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.partnersync.mapping.Mapping;
import com.partnersync.mapping.MappingSet;
import com.partnersync.sync.ApiLimitReachedException;
import com.partnersync.sync.CrmApiException;
import com.partnersync.sync.ObjectSync;
import com.partnersync.sync.SourceReconciler;
import com.partnersync.warehouse.ObjectSummary;
import com.partnersync.warehouse.Reconciliation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * HubSpot's side of reconcile: an id-only walk of the list endpoint ({@code properties=hs_object_id}, 100 per page,
 * ⌈N/100⌉ calls per object). A GDPR delete removes a record even from {@code archived=true}, so a warehouse row whose id
 * the walk does not return is purged; ids the warehouse lacks are read by batch read (100 per call) and loaded with
 * their associations.
 */
public class HubSpotReconciler implements SourceReconciler {
    private static final Logger log = LoggerFactory.getLogger(HubSpotReconciler.class);
    static final int IDS_PER_BATCH_READ = 100;

    private final HubSpotObjects objects;
    private final HubSpotPageReader reader;
    private final ObjectSync<HubSpotPageReader.Read, HubSpotPageReader.Batch> objectSync;
    private final MappingSet mapping;
    private final Reconciliation warehouse;
    private final HubSpotProperties properties;
    private final Clock clock;

    public HubSpotReconciler(HubSpotPageReader reader, ObjectSync<HubSpotPageReader.Read, HubSpotPageReader.Batch> objectSync,
                             MappingSet mapping, Reconciliation warehouse, HubSpotProperties properties, Clock clock) {
        this.objects = reader.objects();
        this.reader = reader;
        this.objectSync = objectSync;
        this.mapping = mapping;
        this.warehouse = warehouse;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public String sourceSystem() {
        return HubSpotRecords.SOURCE;
    }

    @Override
    public boolean configured() {
        return properties.configured();
    }

    @Override
    public List<String> objects() {
        return mapping.objects(HubSpotRecords.SOURCE);
    }

    @Override
    public Result reconcile(String object, long runId) {
        long started = System.nanoTime();
        long callsBefore = objects.calls(object);
        Reconciliation.Counts counts = new Reconciliation.Counts(0, 0, 0, 0, 0);
        RunStatus status = RunStatus.SUCCEEDED;
        String message = null;
        long loaded = 0;
        try {
            List<String> tables = mapping.mappings(HubSpotRecords.SOURCE, object).stream().map(Mapping::target)
                    .distinct().toList();
            Set<String> live = liveIds(object);
            Set<String> stored = warehouse.liveIds(HubSpotRecords.SOURCE, tables);
            Instant now = clock.instant();
            Map<String, Instant> extra = new HashMap<>();
            stored.stream().filter(id -> !live.contains(id)).forEach(id -> extra.put(id, now));
            List<String> missing = live.stream().filter(id -> !stored.contains(id)).sorted().toList();
            int purged = warehouse.markPurged(HubSpotRecords.SOURCE, tables, extra);
            List<String> props = reader.properties(object);
            for (int from = 0; from < missing.size(); from += IDS_PER_BATCH_READ) {
                List<ObjectNode> records = objects.batchRead(object, props,
                        missing.subList(from, Math.min(missing.size(), from + IDS_PER_BATCH_READ)));
                loaded += objectSync.load(runId, object, reader.batchOf(object, records));
            }
            counts = new Reconciliation.Counts(live.size(), stored.size(), missing.size(), extra.size(), purged + loaded);
        } catch (ApiLimitReachedException e) {
            status = RunStatus.PAUSED_LIMIT;
            message = e.getMessage();
        } catch (CrmApiException e) {
            status = RunStatus.FAILED;
            message = e.getMessage();
            log.error("hubspot {}: reconcile failed: {}", object, message);
        }
        return new Result(new ObjectSummary(HubSpotRecords.SOURCE, object, status, counts.crmLive(), loaded, 0,
                counts.extra(), 0, objects.calls(object) - callsBefore, (System.nanoTime() - started) / 1e9, message), counts);
    }

    /** {@code GET /crm/v3/objects/<type>?properties=hs_object_id}, page after page. */
    private Set<String> liveIds(String object) {
        Set<String> ids = new HashSet<>();
        String after = null;
        do {
            HubSpotObjects.Page page = objects.list(object, List.of(SearchWindow.OBJECT_ID), properties.listPageSize(),
                    after, false);
            page.results().forEach(r -> ids.add(r.path("id").asText()));
            after = page.after();
        } while (after != null);
        return ids;
    }
}
