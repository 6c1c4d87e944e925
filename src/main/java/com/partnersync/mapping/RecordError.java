package com.partnersync.mapping;

/** A record (or one field of it) that could not be loaded; stored in sync_error with the raw payload. */
public record RecordError(String sourceSystem, String object, String recordId, String field, String message,
                          String rawJson) {
}
