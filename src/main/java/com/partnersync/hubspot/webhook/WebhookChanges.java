package com.partnersync.hubspot.webhook;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.partnersync.hubspot.HubSpotApi;
import com.partnersync.hubspot.HubSpotObjects;
import com.partnersync.hubspot.HubSpotRecords;
import com.partnersync.mapping.MappingResult;
import com.partnersync.mapping.MappingSet;
import com.partnersync.mapping.RecordError;
import com.partnersync.mapping.SourceRecord;
import com.partnersync.warehouse.PageCommit;
import com.partnersync.warehouse.PageCounts;
import com.partnersync.warehouse.WarehouseWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies the events of webhook calls: per object, the last event per record decides -- a deletion soft-deletes the
 * row (at the event's time) without a read; anything else reads the records with the CRM v3 batch read (at most 100
 * ids a call, the mapped properties, plus the v4 associations the mappings read) and commits them through the same
 * mapping and page commit as polling. Webhooks never move the polling checkpoints: the scheduled search still reads
 * every change, so a lost webhook costs latency, never a change.
 */
public class WebhookChanges {
    private static final Logger log = LoggerFactory.getLogger(WebhookChanges.class);
    static final int BATCH_READ_LIMIT = 100;

    private final HubSpotObjects objects;
    private final MappingSet mappings;
    private final WarehouseWriter writer;

    public WebhookChanges(HubSpotApi api, MappingSet mappings, WarehouseWriter writer) {
        this.objects = new HubSpotObjects(api);
        this.mappings = mappings;
        this.writer = writer;
    }

    public PageCounts apply(List<WebhookEvent> events) {
        List<String> mapped = mappings.objects(HubSpotRecords.SOURCE);
        Map<String, Map<String, WebhookEvent>> last = new LinkedHashMap<>();
        for (WebhookEvent event : events) {
            if (event.object() == null || !mapped.contains(event.object())) {
                log.debug("hubspot webhook event {} for {} ignored: no mapping reads that object", event.kind(), event.object());
                continue;
            }
            Map<String, WebhookEvent> records = last.computeIfAbsent(event.object(), k -> new LinkedHashMap<>());
            records.remove(event.objectId());
            records.put(event.objectId(), event);
        }
        PageCounts counts = PageCounts.NONE;
        for (Map.Entry<String, Map<String, WebhookEvent>> object : last.entrySet()) {
            counts = counts.plus(writer.commit(page(object.getKey(), object.getValue())));
        }
        return counts;
    }

    private PageCommit page(String object, Map<String, WebhookEvent> last) {
        List<SourceRecord> records = new ArrayList<>();
        List<String> read = new ArrayList<>();
        last.forEach((id, event) -> {
            if (event.deletion()) {
                records.add(new SourceRecord(HubSpotRecords.SOURCE, object, id, event.occurredAt(), true,
                        Map.of("hs_object_id", id), "{\"id\":\"" + id + "\",\"archived\":true}"));
            } else {
                read.add(id);
            }
        });
        List<RecordError> errors = new ArrayList<>();
        List<String> properties = new ArrayList<>();
        Set<String> associated = new LinkedHashSet<>();
        for (String field : mappings.sourceFields(HubSpotRecords.SOURCE, object)) {
            if (field.startsWith("associations.")) {
                associated.add(field.substring("associations.".length()));
            } else {
                properties.add(field);
            }
        }
        properties.add(HubSpotRecords.modifiedProperty(object));
        for (int from = 0; from < read.size(); from += BATCH_READ_LIMIT) {
            List<String> ids = read.subList(from, Math.min(read.size(), from + BATCH_READ_LIMIT));
            List<ObjectNode> found = objects.batchRead(object, properties, ids);
            for (String toObject : associated) {
                Map<String, List<String>> links = objects.associations(object, toObject, ids);
                found.forEach(r -> HubSpotRecords.attach(r, toObject, links.getOrDefault(r.path("id").asText(), List.of())));
            }
            for (ObjectNode record : found) {
                try {
                    records.add(HubSpotRecords.toSourceRecord(object, record));
                } catch (IllegalArgumentException e) {
                    errors.add(new RecordError(HubSpotRecords.SOURCE, object, record.path("id").asText(), "updatedAt",
                            e.getMessage(), record.toString()));
                }
            }
        }
        MappingResult result = mappings.map(records);
        errors.addAll(result.errors());
        return new PageCommit(0, HubSpotRecords.SOURCE, object, new MappingResult(result.rows(), result.deletions(), errors), null);
    }
}
