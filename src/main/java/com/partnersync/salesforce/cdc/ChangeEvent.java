package com.partnersync.salesforce.cdc;

import org.apache.avro.generic.GenericRecord;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a Change Data Capture event says, read from its {@code ChangeEventHeader} (the record's other fields carry
 * only the changed values, so the full record is read by id instead).
 *
 * @param replayId the event's position in the stream (base64 of the opaque Pub/Sub replay id)
 */
public record ChangeEvent(String entityName, String changeType, List<String> recordIds, Instant commitTimestamp,
                          String transactionKey, String replayId) {

    /** CREATE, UPDATE, DELETE, UNDELETE, or a GAP_ / GAP_OVERFLOW event whose changes must be read by polling. */
    public boolean gap() {
        return changeType.startsWith("GAP_");
    }

    /**
     * Reads the documented header: entityName, recordIds, changeType (an Avro enum, or a string in older schemas),
     * commitTimestamp (epoch millis) and transactionKey.
     *
     * @throws IllegalArgumentException when the event has no ChangeEventHeader (it is not a change event)
     */
    public static ChangeEvent from(GenericRecord event, String replayId) {
        if (!(event.hasField("ChangeEventHeader") && event.get("ChangeEventHeader") instanceof GenericRecord header)) {
            throw new IllegalArgumentException("not a change event (no ChangeEventHeader): " + event.getSchema().getFullName());
        }
        List<String> ids = new ArrayList<>();
        if (header.get("recordIds") instanceof Iterable<?> values) {
            values.forEach(id -> ids.add(id.toString()));
        }
        Object commit = header.get("commitTimestamp");
        return new ChangeEvent(text(header.get("entityName")), text(header.get("changeType")), List.copyOf(ids),
                commit instanceof Number millis ? Instant.ofEpochMilli(millis.longValue()) : null,
                text(header.get("transactionKey")), replayId);
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
