package com.partnersync.salesforce.cdc;

import com.partnersync.mapping.MappingResult;
import com.partnersync.mapping.MappingSet;
import com.partnersync.mapping.RecordError;
import com.partnersync.mapping.SourceRecord;
import com.partnersync.salesforce.SalesforceRecordFetch;
import com.partnersync.warehouse.PageCommit;
import com.partnersync.warehouse.PageCounts;
import com.partnersync.warehouse.StreamPosition;
import com.partnersync.warehouse.WarehouseWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies a batch of change events to the warehouse: per object, the records named by the events are read in full
 * ({@code WHERE Id IN (...)}) and committed through the same mapping and page commit as polling; a record whose last
 * event is a DELETE is soft-deleted without a read; gap and overflow events, and objects with more changed records
 * than {@code pollAbove}, are read by an incremental poll instead. The batch's replay id is committed in the same
 * transaction as its last page, so a restart resumes after exactly the committed events.
 *
 * <p>Change events never move the polling checkpoints: the scheduled cycle still reads every change after its
 * checkpoint, so a change the stream could not apply is picked up there. Rows only move to a newer source version
 * ({@link WarehouseWriter}), so the two paths may deliver one record in any order.
 */
public class ChangeEventApplier {
    private static final Logger log = LoggerFactory.getLogger(ChangeEventApplier.class);
    static final String SOURCE = "salesforce";

    /** Reads an object's changes after its checkpoint, as the scheduled cycle does. */
    @FunctionalInterface
    public interface IncrementalPoll {
        void poll(String object, String reason);
    }

    /** What a batch did: records upserted or deleted, objects polled instead. */
    public record Applied(int events, PageCounts counts, Set<String> polled, Map<String, Set<String>> recordIds) {
        /** Rows inserted, updated or soft-deleted (unchanged re-reads do not count). */
        public boolean changedRows() {
            return counts.inserted() + counts.updated() + counts.deleted() > 0;
        }
    }

    private final MappingSet mappings;
    private final SalesforceRecordFetch fetch;
    private final WarehouseWriter writer;
    private final IncrementalPoll poll;
    private final String channel;
    private final int pollAbove;

    public ChangeEventApplier(MappingSet mappings, SalesforceRecordFetch fetch, WarehouseWriter writer,
                              IncrementalPoll poll, String channel, int pollAbove) {
        this.mappings = mappings;
        this.fetch = fetch;
        this.writer = writer;
        this.poll = poll;
        this.channel = channel;
        this.pollAbove = pollAbove;
    }

    public Applied apply(List<ChangeEvent> batch) {
        if (batch.isEmpty()) {
            throw new IllegalArgumentException("empty batch");
        }
        List<String> mapped = mappings.objects(SOURCE);
        Map<String, Map<String, ChangeEvent>> lastEvent = new LinkedHashMap<>();
        Map<String, String> polls = new LinkedHashMap<>();
        for (ChangeEvent event : batch) {
            if (!mapped.contains(event.entityName())) {
                log.debug("salesforce change event {} for {} ignored: no mapping reads that object",
                        event.changeType(), event.entityName());
            } else if (event.gap()) {
                polls.putIfAbsent(event.entityName(), event.changeType() + " event");
            } else {
                Map<String, ChangeEvent> records = lastEvent.computeIfAbsent(event.entityName(), k -> new LinkedHashMap<>());
                for (String id : event.recordIds()) {
                    records.remove(id);
                    records.put(id, event);
                }
            }
        }
        List<PageCommit> commits = new ArrayList<>();
        Map<String, Set<String>> changed = new LinkedHashMap<>();
        for (Map.Entry<String, Map<String, ChangeEvent>> object : lastEvent.entrySet()) {
            if (polls.containsKey(object.getKey())) {
                continue;
            }
            if (object.getValue().size() > pollAbove) {
                polls.put(object.getKey(), object.getValue().size() + " records changed in one batch");
                continue;
            }
            commits.add(page(object.getKey(), object.getValue()));
            changed.put(object.getKey(), new LinkedHashSet<>(object.getValue().keySet()));
        }
        polls.forEach(poll::poll);
        ChangeEvent last = batch.get(batch.size() - 1);
        StreamPosition position = new StreamPosition(SOURCE, channel, last.replayId(),
                last.commitTimestamp() == null ? Instant.now() : last.commitTimestamp());
        if (commits.isEmpty()) {
            commits.add(new PageCommit(0, SOURCE, channel, new MappingResult(List.of(), List.of(), List.of()), null));
        }
        PageCommit lastPage = commits.remove(commits.size() - 1);
        commits.add(new PageCommit(lastPage.runId(), lastPage.sourceSystem(), lastPage.object(), lastPage.mapped(),
                null, position));
        PageCounts counts = PageCounts.NONE;
        for (PageCommit commit : commits) {
            counts = counts.plus(writer.commit(commit));
        }
        return new Applied(batch.size(), counts, polls.keySet(), changed);
    }

    /** The object's changed records: deleted ones as deletions, the rest read in full by id. */
    private PageCommit page(String object, Map<String, ChangeEvent> lastEvent) {
        List<SourceRecord> records = new ArrayList<>();
        List<String> read = new ArrayList<>();
        lastEvent.forEach((id, event) -> {
            if (event.changeType().equals("DELETE")) {
                records.add(new SourceRecord(SOURCE, object, id, event.commitTimestamp(), true, Map.of("Id", id),
                        "{\"Id\":\"" + id + "\",\"IsDeleted\":true}"));
            } else {
                read.add(id);
            }
        });
        List<RecordError> errors = new ArrayList<>();
        if (!read.isEmpty()) {
            SalesforceRecordFetch.Fetched fetched = fetch.fetch(object, mappings.sourceFields(SOURCE, object), read);
            records.addAll(fetched.records());
            errors.addAll(fetched.errors());
        }
        MappingResult result = mappings.map(records);
        errors.addAll(result.errors());
        return new PageCommit(0, SOURCE, object, new MappingResult(result.rows(), result.deletions(), errors), null);
    }
}
