package com.partnersync.sandbox;

import java.time.Instant;
import java.util.Map;

/**
 * One CRM record as the sandbox holds it. {@code fields} uses the CRM's API field names and value types (Salesforce:
 * strings, booleans, numbers, relationship objects as nested maps with {@code attributes}; HubSpot: the
 * {@code properties} object, every value a string or null) and includes the system fields
 * (Salesforce Id/CreatedDate/LastModifiedDate/SystemModstamp/IsDeleted; HubSpot hs_object_id/createdate/
 * hs_lastmodifieddate or lastmodifieddate for contacts). {@code deleted} is Salesforce IsDeleted / HubSpot archived.
 */
public record SandboxRecord(String id, Instant createdAt, Instant modifiedAt, boolean deleted, Map<String, Object> fields) {
    public SandboxRecord {
        fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
    }

    public Cursor cursor() {
        return new Cursor(modifiedAt, id);
    }
}
