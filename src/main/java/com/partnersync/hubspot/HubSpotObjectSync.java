package com.partnersync.hubspot;

import com.partnersync.warehouse.RunStatus;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.partnersync.sync.ApiLimitReachedException;
import com.partnersync.mapping.MappedRow;
import com.partnersync.mapping.MappingResult;
import com.partnersync.mapping.RecordError;
import com.partnersync.mapping.SourceRecord;
import com.partnersync.warehouse.Checkpoint;
import com.partnersync.warehouse.CheckpointStore;
import com.partnersync.warehouse.ObjectSummary;
import com.partnersync.warehouse.PageCommit;
import com.partnersync.warehouse.WarehouseWriter;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * The steps of one {@code hubspot-<object>} route, in plain Java: plan the run (full load or incremental), read a
 * batch of records, attach their associations, map them, commit them with the checkpoint, and summarise.
 *
 * <p>A batch is as many list/search pages as one associations call can cover (1,000 ids), so association reads cost
 * the minimum ⌈N/1000⌉ calls. Without a checkpoint the object is fully loaded by the list endpoint, its cursor saved
 * after every commit so an interrupted load resumes; with one, the search API reads what changed since the
 * checkpoint minus the look-back, and the archived list soft-deletes what was archived (walked at most every
 * archived-scan-interval: it costs a call per 100 archived records, the search one call when idle).
 */
public class HubSpotObjectSync {
    private static final Logger log = LoggerFactory.getLogger(HubSpotObjectSync.class);

    private final HubSpotObjects objects;
    private final HubSpotProperties properties;
    private final WarehouseWriter writer;
    private final CheckpointStore checkpoints;
    private final ListCursorStore cursors;
    private final Function<List<SourceRecord>, MappingResult> mapper;
    private final Clock clock;
    /** Reads the next batch of an object while the current one is committed; threads end when idle. */
    private final ExecutorService reader = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "hubspot-reader");
        thread.setDaemon(true);
        return thread;
    });

    public HubSpotObjectSync(HubSpotObjects objects, HubSpotProperties properties, WarehouseWriter writer,
                             CheckpointStore checkpoints, ListCursorStore cursors,
                             Function<List<SourceRecord>, MappingResult> mapper, Clock clock) {
        this.objects = objects;
        this.properties = properties;
        this.writer = writer;
        this.checkpoints = checkpoints;
        this.cursors = cursors;
        this.mapper = mapper;
        this.clock = clock;
    }

    /**
     * @param sourceFields what the mappings read: properties, and {@code associations.<object>} paths naming the
     *                     associated objects to fetch
     */
    public ObjectRun plan(long runId, String object, List<String> sourceFields) {
        ObjectRun run = newRun(runId, object, sourceFields);
        Optional<ListCursorStore.ListCursor> cursor = cursors.load(object);
        Optional<Checkpoint> checkpoint = checkpoints.load(HubSpotRecords.SOURCE, object);
        if (cursor.isPresent() || checkpoint.isEmpty()) {
            run.phase = ObjectRun.Phase.FULL_LIST;
            run.fullLoadStartedAt = cursor.map(ListCursorStore.ListCursor::startedAt).orElse(clock.instant());
            run.listAfter = cursor.map(ListCursorStore.ListCursor::after).orElse(null);
            if (cursor.isEmpty()) {
                cursors.save(object, new ListCursorStore.ListCursor(null, run.fullLoadStartedAt));
            }
            log.info("hubspot {}: full load{}", object, run.listAfter == null ? "" : " resumed after " + run.listAfter);
        } else {
            Instant from = checkpoints.resumeFrom(HubSpotRecords.SOURCE, object, properties.lookBack()).orElseThrow()
                    .lastModifiedAt();
            run.phase = ObjectRun.Phase.SEARCH;
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

    /** The properties and associated objects to read for the mapped fields. */
    private ObjectRun newRun(long runId, String object, List<String> sourceFields) {
        List<String> props = new ArrayList<>();
        List<String> associated = new ArrayList<>();
        for (String field : sourceFields) {
            if (field.startsWith(HubSpotRecords.ASSOCIATIONS + ".")) {
                associated.add(field.substring(HubSpotRecords.ASSOCIATIONS.length() + 1));
            } else {
                props.add(field);
            }
        }
        LinkedHashSet<String> requested = new LinkedHashSet<>(props);
        requested.add(HubSpotRecords.modifiedProperty(object));
        return new ObjectRun(runId, object, List.copyOf(requested), List.copyOf(new LinkedHashSet<>(associated)),
                objects.calls(object));
    }

    /**
     * Loads records read outside the incremental walk (reconcile's missing records): their associations, mapping and
     * commit, with no checkpoint (they are not in modification order).
     *
     * @return records loaded (the others are in sync_error)
     */
    public long load(long runId, String object, List<String> sourceFields, List<ObjectNode> records) {
        ObjectRun run = newRun(runId, object, sourceFields);
        ObjectRun.Batch batch = new ObjectRun.Batch();
        batch.phase = ObjectRun.Phase.SEARCH;
        batch.records.addAll(loadable(object, new HubSpotObjects.Page(records, null, records.size()), batch).results());
        run.current = batch;
        attachAssociations(run);
        map(run);
        writer.commit(new PageCommit(runId, HubSpotRecords.SOURCE, object, batch.mapped, null));
        return batch.mapped.rows().stream().map(MappedRow::sourceId).distinct().count();
    }

    /** The endpoints these steps call (and count calls on). */
    HubSpotObjects objects() {
        return objects;
    }

    /** The record properties a run of this object requests. */
    public List<String> properties(String object, List<String> sourceFields) {
        return newRun(0, object, sourceFields).properties;
    }

    /** Takes the next batch: read now, or already read in the background by {@link #readAhead}. */
    public void fetchBatch(ObjectRun run) {
        ObjectRun.Batch batch;
        if (run.next == null) {
            batch = readBatch(run);
        } else {
            try {
                batch = run.next.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            } finally {
                run.next = null;
            }
        }
        run.current = batch;
    }

    /**
     * Starts reading the next batch while this one is mapped and committed, so API calls and warehouse work overlap.
     * Called once the batch's own calls are done: a DAILY limit hit by the read-ahead then still lets it commit.
     */
    public void readAhead(ObjectRun run) {
        if (run.phase != ObjectRun.Phase.DONE) {
            run.next = CompletableFuture.supplyAsync(() -> readBatch(run), reader);
        }
    }

    /** Reads pages of the current phase until one more page would not fit the associations batch. */
    private ObjectRun.Batch readBatch(ObjectRun run) {
        ObjectRun.Batch batch = new ObjectRun.Batch();
        ObjectRun.Phase phase = run.phase;
        batch.phase = phase;
        int batchSize = properties.associationBatchSize();
        while (run.phase == phase && phase != ObjectRun.Phase.DONE) {
            int pageSize = phase == ObjectRun.Phase.SEARCH ? properties.searchPageSize() : properties.listPageSize();
            if (!batch.records.isEmpty() && batch.records.size() + pageSize > batchSize) {
                break;
            }
            switch (phase) {
                case FULL_LIST -> {
                    HubSpotObjects.Page page = loadable(run.object,
                            objects.list(run.object, run.properties, pageSize, run.listAfter, false), batch);
                    batch.records.addAll(page.results());
                    run.listAfter = page.after();
                    batch.listAfter = page.after();
                    if (page.after() == null) {
                        batch.endsFullLoad = true;
                        batch.checkpoint = new Checkpoint(run.fullLoadStartedAt, "");
                        run.phase = ObjectRun.Phase.DONE;
                    }
                }
                case SEARCH -> {
                    batch.records.addAll(run.window.accept(
                            loadable(run.object, objects.search(run.object, run.window.nextRequest()), batch),
                            r -> HubSpotRecords.modifiedAt(r, run.object)));
                    if (run.window.done()) {
                        run.phase = run.scanArchived ? ObjectRun.Phase.ARCHIVED : ObjectRun.Phase.DONE;
                        batch.endsSearch = true;
                    }
                }
                case ARCHIVED -> {
                    HubSpotObjects.Page page = loadable(run.object,
                            objects.list(run.object, List.of(), pageSize, run.archivedAfter, true), batch);
                    batch.records.addAll(page.results());
                    run.archivedAfter = page.after();
                    if (page.after() == null) {
                        batch.endsArchived = true;
                        run.phase = ObjectRun.Phase.DONE;
                    }
                }
                default -> throw new IllegalStateException("nothing to read in phase " + phase);
            }
        }
        if (phase == ObjectRun.Phase.SEARCH && !batch.records.isEmpty()) {
            ObjectNode last = batch.records.stream().max(Comparator
                    .comparing((ObjectNode r) -> HubSpotRecords.modifiedAt(r, run.object))
                    .thenComparing(r -> Long.parseLong(r.path("id").asText()))).orElseThrow();
            batch.checkpoint = new Checkpoint(HubSpotRecords.modifiedAt(last, run.object), last.path("id").asText());
        }
        run.read += batch.records.size() + batch.errors.size();
        return batch;
    }

    /**
     * The page without the records whose id or modification time is unusable: those go to sync_error with the batch
     * and never reach a checkpoint or the search window's bookkeeping.
     */
    private static HubSpotObjects.Page loadable(String object, HubSpotObjects.Page page, ObjectRun.Batch batch) {
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
    public void attachAssociations(ObjectRun run) {
        List<ObjectNode> records = run.current.records;
        if (records.isEmpty() || run.associatedObjects.isEmpty() || run.current.phase == ObjectRun.Phase.ARCHIVED) {
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

    public void map(ObjectRun run) {
        List<SourceRecord> records = run.current.records.stream().map(r -> HubSpotRecords.toSourceRecord(run.object, r)).toList();
        MappingResult mapped = records.isEmpty() ? new MappingResult(List.of(), List.of(), List.of()) : mapper.apply(records);
        if (!run.current.errors.isEmpty()) {
            List<RecordError> errors = new ArrayList<>(run.current.errors);
            errors.addAll(mapped.errors());
            mapped = new MappingResult(mapped.rows(), mapped.deletions(), errors);
        }
        run.current.mapped = mapped;
    }

    /** Page and checkpoint in one transaction; the full-load cursor right after. */
    public void commit(ObjectRun run) {
        ObjectRun.Batch batch = run.current;
        if (!batch.records.isEmpty() || !batch.errors.isEmpty() || batch.checkpoint != null) {
            run.counts = run.counts.plus(writer.commit(new PageCommit(run.runId, HubSpotRecords.SOURCE, run.object,
                    batch.mapped, batch.checkpoint)));
            if (batch.endsFullLoad) {
                cursors.delete(run.object);
            } else if (batch.phase == ObjectRun.Phase.FULL_LIST) {
                cursors.save(run.object, new ListCursorStore.ListCursor(batch.listAfter, run.fullLoadStartedAt));
            }
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

    /** A DAILY 429 (or the daily reserve reached): the committed checkpoint stays, the next run carries on from it. */
    public ObjectSummary pausedByLimit(ObjectRun run, ApiLimitReachedException e) {
        run.status = RunStatus.PAUSED_LIMIT;
        run.message = e.getMessage();
        log.warn("hubspot {}: paused, {}", run.object, e.getMessage());
        return summary(run);
    }

    public ObjectSummary failed(ObjectRun run, Exception e) {
        run.status = RunStatus.FAILED;
        run.message = e.getMessage();
        log.error("hubspot {}: sync failed: {}", run.object, e.getMessage(), e);
        return summary(run);
    }

    public ObjectSummary summary(ObjectRun run) {
        var c = run.counts;
        return new ObjectSummary(HubSpotRecords.SOURCE, run.object, run.status, run.read, c.inserted(), c.updated(),
                c.deleted(), c.errors(), objects.calls(run.object) - run.callsAtStart,
                (System.nanoTime() - run.startNanos) / 1e9, run.message);
    }
}
