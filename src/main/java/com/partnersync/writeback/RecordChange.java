package com.partnersync.writeback;

import java.util.Map;

/**
 * One record's fields to send.
 *
 * @param key      what the CRM identifies the record by: its id, or the external-id value when upserting
 * @param values   CRM field -> new value (null clears the field)
 * @param previous CRM field -> value the CRM is believed to hold now (for the dry-run sample)
 */
public record RecordChange(long outboxId, String sourceId, String key, Map<String, String> values,
                           Map<String, String> previous) {
}
