package com.partnersync.salesforce;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.partnersync.mapping.RecordError;
import com.partnersync.mapping.RecordKeys;
import com.partnersync.mapping.SourceRecord;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns Salesforce query results (REST JSON records or Bulk API 2.0 CSV rows) into {@link SourceRecord}s. A record
 * whose Id or SystemModstamp is unusable becomes a {@link RecordError} so the rest of its page still loads.
 */
final class SalesforceRecords {
    static final String SOURCE = "salesforce";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Salesforce writes offsets without a colon (2023-01-26T14:50:10.000+0000); Bulk CSV and ISO use Z. */
    private static final DateTimeFormatter SALESFORCE_DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss[.SSS]XX");

    /** What one page of raw results turned into. */
    record Page(List<SourceRecord> records, List<RecordError> errors) {
    }

    private SalesforceRecords() {
    }

    /**
     * REST records. {@code raw} is the record without its {@code attributes} blocks (type and URL, which Bulk results
     * do not carry): the same JSON a Bulk read of the record stores.
     */
    static Page fromJson(String object, JsonNode records) {
        Page page = new Page(new ArrayList<>(records.size()), new ArrayList<>());
        for (JsonNode record : records) {
            Map<String, Object> fields = fields(record);
            add(page, object, fields, toJson(fields));
        }
        return page;
    }

    /**
     * Bulk CSV: relationship columns are dotted (Account.Website), cells are typed by {@code types} as REST types the
     * field (an empty cell is a null), and a relationship whose cells are all empty is null, as REST answers for a
     * record without that parent. So {@code raw} equals the REST read's.
     */
    static Page fromCsv(String object, List<String> header, List<List<String>> rows, SalesforceFieldTypes types) {
        Page page = new Page(new ArrayList<>(rows.size()), new ArrayList<>());
        for (List<String> row : rows) {
            Map<String, Object> fields = new LinkedHashMap<>();
            for (int i = 0; i < header.size() && i < row.size(); i++) {
                put(fields, header.get(i), types.value(object, header.get(i), row.get(i)));
            }
            fields.replaceAll((name, value) -> value instanceof Map<?, ?> map && allNull(map) ? null : value);
            add(page, object, fields, toJson(fields));
        }
        return page;
    }

    private static boolean allNull(Map<?, ?> relationship) {
        return relationship.values().stream().allMatch(v -> v == null || v instanceof Map<?, ?> m && allNull(m));
    }

    private static void add(Page page, String object, Map<String, Object> fields, String rawJson) {
        Object id = fields.get("Id");
        if (!(id instanceof String recordId) || recordId.isEmpty()) {
            page.errors().add(new RecordError(SOURCE, object, null, "Id", "record without an Id", rawJson));
            return;
        }
        if (!RecordKeys.isSalesforceId(recordId)) {
            page.errors().add(new RecordError(SOURCE, object, recordId, "Id",
                    "not a Salesforce id (15 or 18 letters and digits): '" + recordId + "'", rawJson));
            return;
        }
        Object modstamp = fields.get("SystemModstamp");
        Instant modifiedAt;
        try {
            modifiedAt = parseDatetime(modstamp == null ? null : modstamp.toString());
        } catch (DateTimeParseException e) {
            page.errors().add(new RecordError(SOURCE, object, recordId, "SystemModstamp",
                    "not a Salesforce datetime: '" + modstamp + "'", rawJson));
            return;
        }
        if (modifiedAt == null) {
            page.errors().add(new RecordError(SOURCE, object, recordId, "SystemModstamp", "missing SystemModstamp", rawJson));
            return;
        }
        boolean deleted = Boolean.parseBoolean(String.valueOf(fields.get("IsDeleted")));
        page.records().add(new SourceRecord(SOURCE, object, recordId, modifiedAt, deleted, fields, rawJson));
    }

    static Instant parseDatetime(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (value.endsWith("Z")) {
            return Instant.parse(value);
        }
        return OffsetDateTime.parse(value, SALESFORCE_DATETIME).toInstant();
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> fields, String path, Object value) {
        int dot = path.indexOf('.');
        if (dot < 0) {
            fields.put(path, value);
            return;
        }
        Object parent = fields.computeIfAbsent(path.substring(0, dot), k -> new LinkedHashMap<String, Object>());
        if (parent instanceof Map<?, ?> map) {
            put((Map<String, Object>) map, path.substring(dot + 1), value);
        }
    }

    /**
     * A record's fields as plain Java values, relationship objects as nested maps, without the {@code attributes}
     * blocks. Walked by hand: Jackson's generic conversion costs several times more on 2,000-record pages.
     */
    private static Map<String, Object> fields(JsonNode record) {
        Map<String, Object> fields = new LinkedHashMap<>();
        record.fields().forEachRemaining(field -> {
            if (!field.getKey().equals("attributes")) {
                fields.put(field.getKey(), value(field.getValue()));
            }
        });
        return fields;
    }

    private static Object value(JsonNode node) {
        if (node.isObject()) {
            return fields(node);
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isNumber()) {
            return node.numberValue();
        }
        if (node.isArray()) {
            List<Object> values = new ArrayList<>(node.size());
            node.forEach(element -> values.add(value(element)));
            return values;
        }
        return null;
    }

    private static String toJson(Map<String, Object> fields) {
        try {
            return JSON.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("plain field values always serialise", e);
        }
    }
}
