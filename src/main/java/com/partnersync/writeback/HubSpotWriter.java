package com.partnersync.writeback;

import com.fasterxml.jackson.databind.JsonNode;
import com.partnersync.hubspot.HubSpotApi;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * HubSpot batch update: {@code POST /crm/v3/objects/<type>/batch/update} with up to 100 inputs (by id, or by a
 * unique property via idProperty). A partly failed batch answers 207 with the failures in {@code errors[]}, each
 * naming its inputs in {@code context.ids}; every input not named there was written.
 */
public class HubSpotWriter implements CrmWriter {
    /** Error categories that clear up by themselves (rate limits, locks, HubSpot-side failures). */
    private static final Set<String> RETRYABLE = Set.of("RATE_LIMITS", "RATE_LIMIT", "LOCKED", "INTERNAL_ERROR",
            "SERVICE_UNAVAILABLE", "TIMEOUT");

    private final HubSpotApi api;
    private final int batchSize;

    public HubSpotWriter(HubSpotApi api, int batchSize) {
        this.api = api;
        this.batchSize = batchSize;
    }

    @Override
    public String sourceSystem() {
        return "hubspot";
    }

    @Override
    public int batchSize() {
        return batchSize;
    }

    @Override
    public List<RecordResult> update(WritebackMapping mapping, List<RecordChange> batch) {
        List<Map<String, Object>> inputs = new ArrayList<>(batch.size());
        for (RecordChange change : batch) {
            Map<String, Object> properties = new LinkedHashMap<>();
            // HubSpot clears a property with an empty string; null is rejected
            change.values().forEach((field, value) -> properties.put(field, value == null ? "" : value));
            Map<String, Object> input = new LinkedHashMap<>();
            input.put("id", change.key());
            if (mapping.externalIdField() != null) {
                input.put("idProperty", mapping.externalIdField());
            }
            input.put("properties", properties);
            inputs.add(input);
        }
        JsonNode response = api.call("POST", "/crm/v3/objects/" + mapping.crmObject() + "/batch/update", Map.of("inputs", inputs));
        Map<String, RecordResult> failures = new HashMap<>();
        for (JsonNode error : response.path("errors")) {
            String category = error.path("category").asText();
            List<String> fields = new ArrayList<>();
            error.path("errors").forEach(detail -> {
                if (detail.hasNonNull("in")) {
                    fields.add(detail.get("in").asText());
                }
            });
            RecordResult result = RecordResult.error(RETRYABLE.contains(category), category, error.path("message").asText(), fields);
            error.path("context").path("ids").forEach(id -> failures.put(id.asText(), result));
            if (error.hasNonNull("id")) {
                failures.put(error.get("id").asText(), result);
            }
        }
        return batch.stream().map(change -> failures.getOrDefault(change.key(), RecordResult.WRITTEN)).toList();
    }

    @Override
    public Map<String, Map<String, String>> read(WritebackMapping mapping, List<String> ids, Collection<String> fields) {
        JsonNode response = api.call("POST", "/crm/v3/objects/" + mapping.crmObject() + "/batch/read",
                Map.of("properties", List.copyOf(fields), "inputs", ids.stream().map(id -> Map.of("id", id)).toList()));
        Map<String, Map<String, String>> current = new HashMap<>();
        for (JsonNode record : response.path("results")) {
            Map<String, String> values = new HashMap<>();
            fields.forEach(f -> values.put(f, CrmValues.text(record, f)));
            current.put(record.path("id").asText(), values);
        }
        return current;
    }
}
