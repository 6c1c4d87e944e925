package com.partnersync.salesforce;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.partnersync.mapping.RecordError;
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
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };
    /** Salesforce writes offsets without a colon (2023-01-26T14:50:10.000+0000); Bulk CSV and ISO use Z. */
    private static final DateTimeFormatter SALESFORCE_DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss[.SSS]XX");

    /** What one page of raw results turned into. */
    record Page(List<SourceRecord> records, List<RecordError> errors) {
    }

    private SalesforceRecords() {
    }

    static Page fromJson(String object, JsonNode records) {
        Page page = new Page(new ArrayList<>(records.size()), new ArrayList<>());
        for (JsonNode record : records) {
            Map<String, Object> fields = JSON.convertValue(record, MAP);
            stripAttributes(fields);
            add(page, object, fields, record.toString());
        }
        return page;
    }

    /** Bulk CSV: relationship columns are dotted (Account.Website) and an empty cell is a null. */
    static Page fromCsv(String object, List<String> header, List<List<String>> rows) {
        Page page = new Page(new ArrayList<>(rows.size()), new ArrayList<>());
        for (List<String> row : rows) {
            Map<String, Object> fields = new LinkedHashMap<>();
            for (int i = 0; i < header.size() && i < row.size(); i++) {
                put(fields, header.get(i), row.get(i).isEmpty() ? null : row.get(i));
            }
            add(page, object, fields, toJson(fields));
        }
        return page;
    }

    private static void add(Page page, String object, Map<String, Object> fields, String rawJson) {
        Object id = fields.get("Id");
        if (!(id instanceof String recordId) || recordId.isEmpty()) {
            page.errors().add(new RecordError(SOURCE, object, null, "Id", "record without an Id", rawJson));
            return;
        }
        Object modstamp = fields.get("SystemModstamp");
        Instant modifiedAt;
        try {
            modifiedAt = parseDatetime(modstamp == null ? null : modstamp.toString());
        } catch (DateTimeParseException e) {
            page.errors().add(new RecordError(SOURCE, object, recordId, "SystemModstamp",
                    "not a Salesforce datetime: " + modstamp, rawJson));
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
    private static void put(Map<String, Object> fields, String path, String value) {
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

    @SuppressWarnings("unchecked")
    private static void stripAttributes(Map<String, Object> fields) {
        fields.remove("attributes");
        for (Object value : fields.values()) {
            if (value instanceof Map<?, ?> nested) {
                stripAttributes((Map<String, Object>) nested);
            }
        }
    }

    private static String toJson(Map<String, Object> fields) {
        try {
            return JSON.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a CSV row always serialises", e);
        }
    }
}
