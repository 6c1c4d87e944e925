package com.partnersync.hubspot;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.partnersync.mapping.MappingResult;
import com.partnersync.warehouse.Checkpoint;
import com.partnersync.warehouse.PageCounts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** One HubSpot object being synced in one run: the message body travelling through its {@code hubspot-<object>} route. */
public class ObjectRun {
    /** What the run is reading now: a full load by list, changes by search, then archived records by list. */
    public enum Phase { FULL_LIST, SEARCH, ARCHIVED, DONE }

    final long runId;
    final String object;
    final List<String> properties;
    final List<String> associatedObjects;
    final long startNanos = System.nanoTime();
    final long callsAtStart;
    Phase phase;
    /** Full load: when it began (the checkpoint it leaves behind) and the list cursor. */
    Instant fullLoadStartedAt;
    String listAfter;
    SearchWindow window;
    String archivedAfter;

    /** The batch in flight: read, then associated, mapped and committed. */
    final List<ObjectNode> batch = new ArrayList<>();
    MappingResult mapped;
    Checkpoint batchCheckpoint;
    boolean batchEndsFullLoad;

    long read;
    PageCounts counts = PageCounts.NONE;
    String status = "SUCCEEDED";
    String message;

    ObjectRun(long runId, String object, List<String> properties, List<String> associatedObjects, long callsAtStart) {
        this.runId = runId;
        this.object = object;
        this.properties = properties;
        this.associatedObjects = associatedObjects;
        this.callsAtStart = callsAtStart;
    }

    public boolean hasMore() {
        return phase != Phase.DONE;
    }

    public String object() {
        return object;
    }

    public Phase phase() {
        return phase;
    }

    public SearchWindow window() {
        return window;
    }
}
