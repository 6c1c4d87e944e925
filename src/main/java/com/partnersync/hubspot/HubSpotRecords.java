package com.partnersync.hubspot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.partnersync.mapping.RecordError;
import com.partnersync.mapping.RecordKeys;
import com.partnersync.mapping.SourceRecord;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** HubSpot object JSON ({@code id, properties, createdAt, updatedAt, archived[, archivedAt]}) to {@link SourceRecord}. */
public final class HubSpotRecords {
    public static final String SOURCE = "hubspot";
    static final String ASSOCIATIONS = "associations";

    private HubSpotRecords() {
    }

    /** The property the search API filters and sorts on: contacts name it differently from every other object. */
    public static String modifiedProperty(String object) {
        return object.equals("contacts") ? "lastmodifieddate" : "hs_lastmodifieddate";
    }

    /**
     * When the record last changed: {@code updatedAt} (equal to the modified property), or {@code archivedAt} for an
     * archived record; the modified property itself when a response leaves updatedAt out.
     */
    public static Instant modifiedAt(ObjectNode record, String object) {
        String value = record.path("archived").asBoolean() && record.hasNonNull("archivedAt")
                ? record.get("archivedAt").asText()
                : record.hasNonNull("updatedAt") ? record.get("updatedAt").asText()
                : record.path("properties").path(modifiedProperty(object)).asText(null);
        if (value == null) {
            throw new IllegalArgumentException("HubSpot " + object + " " + record.path("id").asText() + " has no updatedAt");
        }
        return RecordKeys.instant(value);
    }

    /**
     * Why a record cannot be loaded or checkpointed (an id that is not a HubSpot id, a missing or unreadable
     * modification time), or null when it can.
     */
    static RecordError problem(String object, ObjectNode record) {
        String id = record.path("id").asText(null);
        if (!RecordKeys.isHubSpotId(id)) {
            return new RecordError(SOURCE, object, id, "id", "not a HubSpot id (a positive number): '" + id + "'",
                    record.toString());
        }
        try {
            modifiedAt(record, object);
            return null;
        } catch (IllegalArgumentException | DateTimeParseException e) {
            return new RecordError(SOURCE, object, id, "updatedAt", "no readable modification time: '"
                    + record.path("updatedAt").asText(record.path("properties").path(modifiedProperty(object)).asText(""))
                    + "'", record.toString());
        }
    }

    /** Adds the ids of associated records ({@code associations.<toObject>} for the mapping) to the record's JSON. */
    public static void attach(ObjectNode record, String toObject, List<String> ids) {
        var list = record.with(ASSOCIATIONS).putArray(toObject);
        ids.forEach(list::add);
    }

    public static SourceRecord toSourceRecord(String object, ObjectNode record) {
        Map<String, Object> fields = new LinkedHashMap<>();
        record.path("properties").fields().forEachRemaining(e ->
                fields.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText()));
        record.path(ASSOCIATIONS).fields().forEachRemaining(e -> {
            List<String> ids = new ArrayList<>();
            e.getValue().forEach(id -> ids.add(id.asText()));
            fields.put(ASSOCIATIONS + "." + e.getKey(), ids);
        });
        fields.putIfAbsent("hs_object_id", record.path("id").asText());
        JsonNode archived = record.path("archived");
        return new SourceRecord(SOURCE, object, record.path("id").asText(), modifiedAt(record, object),
                archived.asBoolean(false), fields, record.toString());
    }
}
