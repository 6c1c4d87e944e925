package com.partnersync.mapping;

/**
 * A record (or one field of it) that could not be loaded as it came; stored in sync_error with the raw payload.
 * A message quotes the offending value last, as {@code ": '<value>'"}; the message without it is the problem, part
 * of the sync_error key, so the same problem of the same record and field is one row however often it is met.
 *
 * @param warning true when the record still loaded after a repair (e.g. a NUL character removed)
 */
public record RecordError(String sourceSystem, String object, String recordId, String field, String message,
                          String rawJson, boolean warning) {
    public RecordError(String sourceSystem, String object, String recordId, String field, String message,
                       String rawJson) {
        this(sourceSystem, object, recordId, field, message, rawJson, false);
    }

    /** The message without the value it quotes: {@code "not a date: '20261207'"} is the problem {@code "not a date"}. */
    public String problem() {
        int colon = message.indexOf(": '");
        return colon < 0 ? message : message.substring(0, colon);
    }
}
