package com.partnersync.writeback;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/** One CRM's batch write and read, each one API call through the shared session (and its budget guard). */
public interface CrmWriter {
    String sourceSystem();

    /** Records per call: the API's maximum. */
    int batchSize();

    /** Sends one batch (at most {@link #batchSize()}) in one call; one result per change, in the same order. */
    List<RecordResult> update(WritebackMapping mapping, List<RecordChange> batch);

    /**
     * Current CRM values of the given fields for records (at most {@link #batchSize()}) identified by key; records the
     * CRM does not return are absent. Used to settle writes whose answer was lost in a crash.
     */
    Map<String, Map<String, String>> read(WritebackMapping mapping, List<String> keys, Collection<String> fields);
}
