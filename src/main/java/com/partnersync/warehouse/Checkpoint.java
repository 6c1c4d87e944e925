package com.partnersync.warehouse;

import java.time.Instant;

/** Where an object's incremental sync stands: the (modified-at, id) key of the last committed record. */
public record Checkpoint(Instant lastModifiedAt, String lastId) {
}
