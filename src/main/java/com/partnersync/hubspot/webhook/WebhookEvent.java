package com.partnersync.hubspot.webhook;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One event of a HubSpot webhook call, reduced to what the sync needs: which record of which object changed, how,
 * and when. Both subscription formats are read: the generic {@code object.creation | propertyChange | deletion |
 * restore | merge | associationChange} with {@code objectTypeId}, and the legacy {@code contact.*}, {@code company.*},
 * {@code deal.*}. An association change names two records; both are re-read.
 *
 * @param object the CRM v3 object name (contacts, companies, deals, ...), or null for an object type not known here
 */
public record WebhookEvent(String object, String objectId, String kind, Instant occurredAt) {
    /** HubSpot's object type ids of the objects the connector can map. */
    private static final Map<String, String> TYPE_IDS = Map.of("0-1", "contacts", "0-2", "companies", "0-3", "deals",
            "0-5", "tickets", "0-27", "tasks", "0-47", "meetings", "0-48", "calls", "0-49", "emails", "0-46", "notes");
    private static final Map<String, String> LEGACY_PREFIXES = Map.of("contact", "contacts", "company", "companies",
            "deal", "deals", "ticket", "tickets", "product", "products", "line_item", "line_items");

    public boolean deletion() {
        return kind.equals("deletion") || kind.equals("privacyDeletion");
    }

    /** The events of one webhook call (a JSON array); an entry that is not an object event is skipped by the caller. */
    public static List<WebhookEvent> parse(JsonNode body) {
        if (!body.isArray()) {
            throw new IllegalArgumentException("a HubSpot webhook body is a JSON array of events");
        }
        List<WebhookEvent> events = new ArrayList<>();
        for (JsonNode event : body) {
            String type = event.path("subscriptionType").asText("");
            int dot = type.indexOf('.');
            if (dot < 0) {
                throw new IllegalArgumentException("event without a subscriptionType: " + event);
            }
            String prefix = type.substring(0, dot);
            String kind = type.substring(dot + 1);
            Instant occurredAt = Instant.ofEpochMilli(event.path("occurredAt").asLong());
            if (kind.equals("associationChange")) {
                events.add(new WebhookEvent(objectName(prefix, event.path("fromObjectTypeId").asText(null)),
                        event.path("fromObjectId").asText(), kind, occurredAt));
                events.add(new WebhookEvent(toObject(prefix, event), event.path("toObjectId").asText(), kind, occurredAt));
            } else if (kind.equals("merge")) {
                events.add(new WebhookEvent(objectName(prefix, event.path("objectTypeId").asText(null)),
                        event.path("primaryObjectId").asText(event.path("objectId").asText()), kind, occurredAt));
                for (JsonNode merged : event.path("mergedObjectIds")) {
                    events.add(new WebhookEvent(objectName(prefix, event.path("objectTypeId").asText(null)),
                            merged.asText(), "deletion", occurredAt));
                }
            } else {
                events.add(new WebhookEvent(objectName(prefix, event.path("objectTypeId").asText(null)),
                        event.path("objectId").asText(), kind, occurredAt));
            }
        }
        return events;
    }

    /** The other end of an association: its type id, or in the legacy format the Y of associationType X_TO_Y. */
    private static String toObject(String prefix, JsonNode event) {
        if (event.hasNonNull("toObjectTypeId")) {
            return TYPE_IDS.get(event.get("toObjectTypeId").asText());
        }
        String association = event.path("associationType").asText("");
        int to = association.indexOf("_TO_");
        return to < 0 ? null : LEGACY_PREFIXES.get(association.substring(to + 4).toLowerCase(java.util.Locale.ROOT));
    }

    private static String objectName(String prefix, String objectTypeId) {
        return prefix.equals("object") ? TYPE_IDS.get(objectTypeId) : LEGACY_PREFIXES.get(prefix);
    }
}
