package com.partnersync.mapping;

import java.time.Instant;

/** A record the CRM reports deleted or archived: its warehouse row in {@code table} is soft-deleted. */
public record Deletion(String table, String sourceSystem, String sourceId, Instant sourceModifiedAt) {
}
