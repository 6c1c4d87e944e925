package com.partnersync.writeback;

import com.fasterxml.jackson.databind.JsonNode;
import com.partnersync.salesforce.SalesforceApi;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Salesforce sObject Collections: {@code PATCH /composite/sobjects} updates up to 200 records by Id (or
 * {@code PATCH /composite/sobjects/<type>/<externalIdField>} upserts by external id) with allOrNone=false, so each
 * record succeeds or fails on its own; the answer is an array in request order.
 */
public class SalesforceWriter implements CrmWriter {
    /** Transient per-record errors Salesforce documents as safe to retry. */
    private static final Set<String> RETRYABLE = Set.of("UNABLE_TO_LOCK_ROW", "REQUEST_LIMIT_EXCEEDED", "SERVER_UNAVAILABLE");

    private final SalesforceApi api;
    private final int batchSize;

    public SalesforceWriter(SalesforceApi api, int batchSize) {
        this.api = api;
        this.batchSize = batchSize;
    }

    @Override
    public String sourceSystem() {
        return "salesforce";
    }

    @Override
    public int batchSize() {
        return batchSize;
    }

    @Override
    public List<RecordResult> update(WritebackMapping mapping, List<RecordChange> batch) {
        List<Map<String, Object>> records = new ArrayList<>(batch.size());
        for (RecordChange change : batch) {
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("attributes", Map.of("type", mapping.crmObject()));
            record.put(mapping.externalIdField() == null ? "Id" : mapping.externalIdField(), change.key());
            record.putAll(change.values());
            records.add(record);
        }
        String path = mapping.externalIdField() == null ? "/composite/sobjects"
                : "/composite/sobjects/" + mapping.crmObject() + "/" + mapping.externalIdField();
        JsonNode response = api.call("PATCH", path, Map.of("allOrNone", false, "records", records));
        List<RecordResult> results = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            results.add(result(response.path(i)));
        }
        return results;
    }

    private static RecordResult result(JsonNode saveResult) {
        if (saveResult.path("success").asBoolean(false)) {
            return RecordResult.WRITTEN;
        }
        JsonNode error = saveResult.path("errors").path(0);
        if (error.isMissingNode()) {
            // a response shorter than the request: the record's fate is unknown, so it is retried (diff-only keeps it safe)
            return RecordResult.error(true, "NO_RESULT", "Salesforce returned no result for this record", List.of());
        }
        List<String> fields = new ArrayList<>();
        error.path("fields").forEach(f -> fields.add(f.asText()));
        String code = error.path("statusCode").asText();
        return RecordResult.error(RETRYABLE.contains(code), code, error.path("message").asText(), fields);
    }

    @Override
    public Map<String, Map<String, String>> read(WritebackMapping mapping, List<String> ids, Collection<String> fields) {
        String path = "/composite/sobjects/" + mapping.crmObject() + "?ids=" + encode(String.join(",", ids))
                + "&fields=" + encode(String.join(",", fields));
        Map<String, Map<String, String>> current = new HashMap<>();
        for (JsonNode record : api.call("GET", path, null)) {
            if (record.hasNonNull("Id")) {
                Map<String, String> values = new HashMap<>();
                fields.forEach(f -> values.put(f, CrmValues.text(record, f)));
                current.put(record.get("Id").asText(), values);
            }
        }
        return current;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
