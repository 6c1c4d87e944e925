package com.partnersync.sync;

import com.partnersync.warehouse.ObjectSummary;

import java.util.List;

/** One CRM as a source: syncs every mapped object of that CRM into the warehouse. */
public interface SourceSystemSync {
    String sourceSystem();

    /** False when no credentials are set; the cycle then skips this source with one log line. */
    boolean configured();

    List<ObjectSummary> syncAll(long runId);
}
