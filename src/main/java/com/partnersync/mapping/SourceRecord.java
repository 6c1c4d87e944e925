package com.partnersync.mapping;

import java.time.Instant;
import java.util.Map;

/**
 * One record as a CRM returned it, before mapping.
 *
 * @param fields CRM field name to value. Salesforce relationship fields are nested maps (Account -> {Name: ..});
 *               HubSpot properties are flat strings, associations are lists under "associations.&lt;type&gt;".
 * @param rawJson the record's JSON exactly as received, kept in the warehouse so a mapping change can be replayed
 */
public record SourceRecord(String sourceSystem, String object, String id, Instant modifiedAt, boolean deleted,
                           Map<String, Object> fields, String rawJson) {
}
