package com.partnersync.sync;

import com.partnersync.warehouse.ObjectSummary;

import java.util.List;
import java.util.function.Consumer;

/** One CRM as a source: syncs every mapped object of that CRM into the warehouse. */
public interface SourceSystemSync {
    String sourceSystem();

    /** False when no credentials are set; the cycle then skips this source with one log line. */
    boolean configured();

    /** Syncs every object; {@code finished} hears of each object as it finishes (so it is recorded at once). */
    List<ObjectSummary> syncAll(long runId, Consumer<ObjectSummary> finished);
}
