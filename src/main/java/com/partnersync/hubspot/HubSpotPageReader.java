package com.partnersync.hubspot;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.partnersync.mapping.MappingSet;
import com.partnersync.mapping.RecordError;
import com.partnersync.mapping.SourceRecord;
import com.partnersync.sync.PageReader;
import com.partnersync.warehouse.Checkpoint;
import com.partnersync.warehouse.CheckpointStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads one HubSpot object after its checkpoint. A page is a batch: as many list/search pages as one associations call
 * can cover (1,000 ids), so association reads cost the minimum ⌈N/1000⌉ calls. Without a checkpoint the object is
 * fully loaded by the list endpoint, its cursor saved after every commit so an interrupted load resumes; with one,
 * the search API reads what changed since the checkpoint minus the look-back, and the archived list soft-deletes what
 * was archived (walked at most every archived-scan-interval: it costs a call per 100 archived records, the search
 * one call when idle).
 */
public class HubSpotPageReader implements PageReader<HubSpotPageReader.Read, HubSpotPageReader.Batch> {
    private static final Logger log = LoggerFactory.getLogger(HubSpotPageReader.class);

    private final HubSpotObjects objects;
    private final HubSpotProperties properties;
    private final CheckpointStore checkpoints;
    private final ListCursorStore cursors;
    private final MappingSet mapping;
    private final Clock clock;

    public HubSpotPageReader(HubSpotObjects objects, HubSpotProperties properties, CheckpointStore checkpoints,
                             ListCursorStore cursors, MappingSet mapping, Clock clock) {
        this.objects = objects;
        this.properties = properties;
        this.checkpoints = checkpoints;
        this.cursors = cursors;
        this.mapping = mapping;
        this.clock = clock;
    }

    /** What a run is reading now: a full load by list, changes by search, then archived records by list. */
    enum Phase { FULL_LIST, SEARCH, ARCHIVED, DONE }

    /** One run of one object: what it reads and where it stands. */
    public static final class Read {
        final String object;
        final List<String> properties;
        final List<String> associatedObjects;
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

        Read(String object, List<String> properties, List<String> associatedObjects, long callsAtStart) {
            this.object = object;
            this.properties = properties;
            this.associatedObjects = associatedObjects;
            this.callsAtStart = callsAtStart;
        }
    }

    /**
     * Records read together, with what committing them means: the checkpoint to save with them, and for a full load
     * the list cursor to save after them (or that the load ends with them).
     */
    public static final class Batch implements PageReader.Page {
        final String object;
        final Phase phase;
        /** The records as HubSpot sent them; associations are attached to these. */
        final List<ObjectNode> nodes = new ArrayList<>();
        /** Records whose id or modification time cannot be used: stored as sync_error rows with the batch. */
        final List<RecordError> errors = new ArrayList<>();
        Checkpoint checkpoint;
        boolean endsFullLoad;
        /** The search window is read to its end with this batch. */
        boolean endsSearch;
        /** The archived list is walked to its last page with this batch. */
        boolean endsArchived;
        String listAfter;
        boolean last;

        Batch(String object, Phase phase) {
            this.object = object;
            this.phase = phase;
        }

        @Override
        public List<SourceRecord> records() {
            return nodes.stream().map(r -> HubSpotRecords.toSourceRecord(object, r)).toList();
        }

        @Override
        public List<RecordError> errors() {
            return errors;
        }

        @Override
        public Checkpoint checkpoint() {
            return checkpoint;
        }

        @Override
        public boolean last() {
            return last;
        }
    }

    @Override
    public String sourceSystem() {
        return HubSpotRecords.SOURCE;
    }

    @Override
    public Read plan(String object) {
        Read run = newRead(object);
        Optional<ListCursorStore.ListCursor> cursor = cursors.load(object);
        Optional<Checkpoint> checkpoint = checkpoints.load(HubSpotRecords.SOURCE, object);
        if (cursor.isPresent() || checkpoint.isEmpty()) {
            run.phase = Phase.FULL_LIST;
            run.fullLoadStartedAt = cursor.map(ListCursorStore.ListCursor::startedAt).orElse(clock.instant());
            run.listAfter = cursor.map(ListCursorStore.ListCursor::after).orElse(null);
            if (cursor.isEmpty()) {
                cursors.save(object, new ListCursorStore.ListCursor(null, run.fullLoadStartedAt));
            }
            log.info("hubspot {}: full load{}", object, run.listAfter == null ? "" : " resumed after " + run.listAfter);
        } else {
            Instant from = checkpoints.resumeFrom(HubSpotRecords.SOURCE, object, properties.lookBack()).orElseThrow()
                    .lastModifiedAt();
            run.phase = Phase.SEARCH;
            run.searchUntil = clock.instant();
            run.window = new SearchWindow(HubSpotRecords.modifiedProperty(object), run.properties,
                    properties.searchPageSize(), from, run.searchUntil);
            Instant now = clock.instant();
            run.scanArchived = checkpoints.archivedScannedAt(HubSpotRecords.SOURCE, object)
                    .map(last -> !now.isBefore(last.plus(properties.archivedScanInterval()))).orElse(true);
            run.archivedScanStartedAt = now;
            log.info("hubspot {}: changes since {}{}", object, from, run.scanArchived ? ", then the archived list" : "");
        }
        return run;
    }

    /** The properties and associated objects to read for the mapped fields ({@code associations.<object>} paths). */
    private Read newRead(String object) {
        List<String> props = new ArrayList<>();
        List<String> associated = new ArrayList<>();
        for (String field : mapping.sourceFields(HubSpotRecords.SOURCE, object)) {
            if (field.startsWith(HubSpotRecords.ASSOCIATIONS + ".")) {
                associated.add(field.substring(HubSpotRecords.ASSOCIATIONS.length() + 1));
            } else {
                props.add(field);
            }
        }
        LinkedHashSet<String> requested = new LinkedHashSet<>(props);
        requested.add(HubSpotRecords.modifiedProperty(object));
        return new Read(object, List.copyOf(requested), List.copyOf(new LinkedHashSet<>(associated)),
                objects.calls(object));
    }

    /** The endpoints this reader calls (and counts calls on). */
    HubSpotObjects objects() {
        return objects;
    }

    /** The record properties a run of this object requests. */
    List<String> properties(String object) {
        return newRead(object).properties;
    }

    /**
     * Records read outside the incremental walk (reconcile's missing records) as a batch without a checkpoint, their
     * associations attached.
     */
    Batch batchOf(String object, List<ObjectNode> records) {
        Batch batch = new Batch(object, Phase.SEARCH);
        batch.nodes.addAll(loadable(object, new HubSpotObjects.Page(records, null, records.size()), batch).results());
        attach(newRead(object), batch);
        return batch;
    }

    /** Reads pages of the current phase until one more page would not fit the associations batch. */
    @Override
    public Batch fetch(Read run) {
        Phase phase = run.phase;
        Batch batch = new Batch(run.object, phase);
        int batchSize = properties.associationBatchSize();
        while (run.phase == phase && phase != Phase.DONE) {
            int pageSize = phase == Phase.SEARCH ? properties.searchPageSize() : properties.listPageSize();
            if (!batch.nodes.isEmpty() && batch.nodes.size() + pageSize > batchSize) {
                break;
            }
            switch (phase) {
                case FULL_LIST -> {
                    HubSpotObjects.Page page = loadable(run.object,
                            objects.list(run.object, run.properties, pageSize, run.listAfter, false), batch);
                    batch.nodes.addAll(page.results());
                    run.listAfter = page.after();
                    batch.listAfter = page.after();
                    if (page.after() == null) {
                        batch.endsFullLoad = true;
                        batch.checkpoint = new Checkpoint(run.fullLoadStartedAt, "");
                        run.phase = Phase.DONE;
                    }
                }
                case SEARCH -> {
                    batch.nodes.addAll(run.window.accept(
                            loadable(run.object, objects.search(run.object, run.window.nextRequest()), batch),
                            r -> HubSpotRecords.modifiedAt(r, run.object)));
                    if (run.window.done()) {
                        run.phase = run.scanArchived ? Phase.ARCHIVED : Phase.DONE;
                        batch.endsSearch = true;
                    }
                }
                case ARCHIVED -> {
                    HubSpotObjects.Page page = loadable(run.object,
                            objects.list(run.object, List.of(), pageSize, run.archivedAfter, true), batch);
                    batch.nodes.addAll(page.results());
                    run.archivedAfter = page.after();
                    if (page.after() == null) {
                        batch.endsArchived = true;
                        run.phase = Phase.DONE;
                    }
                }
                default -> throw new IllegalStateException("nothing to read in phase " + phase);
            }
        }
        if (phase == Phase.SEARCH && !batch.nodes.isEmpty()) {
            ObjectNode last = batch.nodes.stream().max(Comparator
                    .comparing((ObjectNode r) -> HubSpotRecords.modifiedAt(r, run.object))
                    .thenComparing(r -> Long.parseLong(r.path("id").asText()))).orElseThrow();
            batch.checkpoint = new Checkpoint(HubSpotRecords.modifiedAt(last, run.object), last.path("id").asText());
        }
        batch.last = run.phase == Phase.DONE;
        return batch;
    }

    /**
     * The page without the records whose id or modification time is unusable: those go to sync_error with the batch
     * and never reach a checkpoint or the search window's bookkeeping.
     */
    private static HubSpotObjects.Page loadable(String object, HubSpotObjects.Page page, Batch batch) {
        List<ObjectNode> loadable = new ArrayList<>(page.results().size());
        for (ObjectNode record : page.results()) {
            RecordError problem = HubSpotRecords.problem(object, record);
            if (problem == null) {
                loadable.add(record);
            } else {
                batch.errors.add(problem);
            }
        }
        return loadable.size() == page.results().size() ? page : new HubSpotObjects.Page(loadable, page.after(), page.total());
    }

    /** v4 batch read per associated object type, ≤ association-batch-size ids per call. Archived records need none. */
    @Override
    public void attach(Read run, Batch batch) {
        List<ObjectNode> records = batch.nodes;
        if (records.isEmpty() || run.associatedObjects.isEmpty() || batch.phase == Phase.ARCHIVED) {
            return;
        }
        List<String> ids = records.stream().map(r -> r.path("id").asText()).toList();
        for (String toObject : run.associatedObjects) {
            Map<String, List<String>> associations = new HashMap<>();
            int size = properties.associationBatchSize();
            for (int i = 0; i < ids.size(); i += size) {
                associations.putAll(objects.associations(run.object, toObject, ids.subList(i, Math.min(ids.size(), i + size))));
            }
            for (ObjectNode record : records) {
                HubSpotRecords.attach(record, toObject, associations.getOrDefault(record.path("id").asText(), List.of()));
            }
        }
    }

    /** The full-load cursor right after its page; the read-through and archived-scan marks once their part is read. */
    @Override
    public void committed(Read run, Batch batch) {
        if (batch.endsFullLoad) {
            cursors.delete(run.object);
        } else if (batch.phase == Phase.FULL_LIST) {
            cursors.save(run.object, new ListCursorStore.ListCursor(batch.listAfter, run.fullLoadStartedAt));
        }
        if (batch.endsSearch) {
            // The window is read to its end: the next run starts at its end (by HubSpot's clock, which stamps
            // hs_lastmodifieddate, and never past the window's own bound) less the indexing lag, not at the newest
            // record less the look-back, so an idle run does not re-read the last burst of changes again.
            Instant windowEnd = run.searchUntil.minus(properties.lookBack());
            objects.clock().readThrough(run.searchUntil, properties.lookBack())
                    .map(through -> through.isBefore(windowEnd) ? through : windowEnd)
                    .ifPresent(through -> checkpoints.markReadThrough(HubSpotRecords.SOURCE, run.object, through));
        }
        if (batch.endsArchived) {
            // Only after the last page is committed: a walk that failed part-way is due again on the next run.
            checkpoints.markArchivedScanned(HubSpotRecords.SOURCE, run.object, run.archivedScanStartedAt);
        }
    }

    @Override
    public long apiCalls(Read run) {
        return objects.calls(run.object) - run.callsAtStart;
    }
}
