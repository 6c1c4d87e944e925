package com.partnersync.hubspot;

import com.partnersync.warehouse.RunStatus;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.partnersync.mapping.MappingResult;
import com.partnersync.mapping.RecordError;
import com.partnersync.warehouse.Checkpoint;
import com.partnersync.warehouse.PageCounts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

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
    /** The search window's end: the run's start. */
    Instant searchUntil;
    /** This run walks the archived list after the search (it is due), and when that walk started. */
    boolean scanArchived;
    Instant archivedScanStartedAt;
    String archivedAfter;

    /** The batch being associated, mapped and committed, and the next one being read meanwhile. */
    Batch current;
    CompletableFuture<Batch> next;

    long read;
    PageCounts counts = PageCounts.NONE;
    RunStatus status = RunStatus.SUCCEEDED;
    String message;

    ObjectRun(long runId, String object, List<String> properties, List<String> associatedObjects, long callsAtStart) {
        this.runId = runId;
        this.object = object;
        this.properties = properties;
        this.associatedObjects = associatedObjects;
        this.callsAtStart = callsAtStart;
    }

    /** Read with no batch being read in the background, so {@link #phase} is this thread's to see. */
    public boolean hasMore() {
        return next != null || phase != Phase.DONE;
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

    /**
     * Records read together, with what committing them means: the checkpoint to save with them, and for a full load
     * the list cursor to save after them (or that the load ends with them).
     */
    static final class Batch {
        final List<ObjectNode> records = new ArrayList<>();
        /** Records whose id or modification time cannot be used: stored as sync_error rows with the batch. */
        final List<RecordError> errors = new ArrayList<>();
        Checkpoint checkpoint;
        boolean endsFullLoad;
        /** The search window is read to its end with this batch. */
        boolean endsSearch;
        /** The archived list is walked to its last page with this batch. */
        boolean endsArchived;
        Phase phase;
        String listAfter;
        MappingResult mapped;
    }
}
