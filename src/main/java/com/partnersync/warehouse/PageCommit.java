package com.partnersync.warehouse;

import com.partnersync.mapping.MappingResult;

/**
 * One page of mapped records to commit in a single transaction.
 *
 * @param checkpoint the key of the page's last record, saved in the same transaction; null leaves the checkpoint as it is
 * @param stream     the change-stream position these records came from, saved in the same transaction; null for polling
 */
public record PageCommit(long runId, String sourceSystem, String object, MappingResult mapped, Checkpoint checkpoint,
                         StreamPosition stream) {
    public PageCommit(long runId, String sourceSystem, String object, MappingResult mapped, Checkpoint checkpoint) {
        this(runId, sourceSystem, object, mapped, checkpoint, null);
    }
}
