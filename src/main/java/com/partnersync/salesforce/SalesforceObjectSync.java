package com.partnersync.salesforce;

import com.partnersync.warehouse.RunStatus;
import com.fasterxml.jackson.databind.JsonNode;
import com.partnersync.sync.ApiLimitReachedException;
import com.partnersync.sync.CrmApiException;
import com.partnersync.sync.MalformedResponseException;
import com.partnersync.mapping.MappingResult;
import com.partnersync.mapping.MappingSet;
import com.partnersync.mapping.RecordError;
import com.partnersync.mapping.SourceRecord;
import com.partnersync.warehouse.Checkpoint;
import com.partnersync.warehouse.CheckpointStore;
import com.partnersync.warehouse.ObjectSummary;
import com.partnersync.warehouse.PageCommit;
import com.partnersync.warehouse.PageCounts;
import com.partnersync.warehouse.WarehouseWriter;
import org.apache.camel.component.salesforce.api.dto.bulkv2.JobStateEnum;
import org.apache.camel.component.salesforce.api.dto.bulkv2.QueryJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * Incremental sync of one Salesforce object: records after the checkpoint in (SystemModstamp, Id) order, page by
 * page, each page mapped and committed together with its checkpoint, so a crash replays at most the page in flight.
 *
 * <p>The first REST page tells how many records are pending ({@code totalSize}). Above {@code bulk-threshold} the
 * rest is read through one Bulk API 2.0 query job instead of hundreds of REST pages; Bulk results are unordered, so
 * that part checkpoints once, after its last row is committed (a crash re-reads it; the upsert makes that harmless).
 * Both paths use queryAll so deleted records arrive with IsDeleted and soft-delete their rows.
 */
public class SalesforceObjectSync {
    private static final Logger log = LoggerFactory.getLogger(SalesforceObjectSync.class);
    private static final Comparator<Checkpoint> KEY_ORDER =
            Comparator.comparing(Checkpoint::lastModifiedAt).thenComparing(Checkpoint::lastId);
    private static final int BULK_RESULT_ROWS = 50_000;

    private final SalesforceClient client;
    private final MappingSet mapping;
    private final WarehouseWriter writer;
    private final CheckpointStore checkpoints;
    private final SalesforceProperties properties;
    /** Objects sync at the same time, each fetching its own next page ahead. */
    private final ExecutorService prefetch = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "salesforce-prefetch");
        thread.setDaemon(true);
        return thread;
    });

    public SalesforceObjectSync(SalesforceClient client, MappingSet mapping, WarehouseWriter writer,
                                CheckpointStore checkpoints, SalesforceProperties properties) {
        this.client = client;
        this.mapping = mapping;
        this.writer = writer;
        this.checkpoints = checkpoints;
        this.properties = properties;
    }

    /** Counts of one object's run so far, and the highest key committed. */
    private static final class Progress {
        long read;
        PageCounts counts = PageCounts.NONE;
        Checkpoint checkpoint;
    }

    public ObjectSummary sync(String object, long runId) {
        long started = System.nanoTime();
        long callsBefore = client.apiCalls();
        Progress progress = new Progress();
        RunStatus status = RunStatus.SUCCEEDED;
        String message = null;
        try {
            progress.checkpoint = checkpoints.load(SalesforceRecords.SOURCE, object).orElse(null);
            read(object, runId, progress);
        } catch (ApiLimitReachedException e) {
            status = RunStatus.PAUSED_LIMIT;
            message = e.getMessage();
            log.warn("salesforce {}: paused, {}", object, message);
        } catch (CrmApiException e) {
            status = RunStatus.FAILED;
            // a malformed answer's message already says what was wrong and quotes the start of the body
            message = e instanceof MalformedResponseException ? e.getMessage() : e.getMessage() + ": " + e.cause();
            log.error("salesforce {}: {}", object, message);
        } catch (RuntimeException e) {
            status = RunStatus.FAILED;
            message = e.getMessage();
            log.error("salesforce {}: sync failed", object, e);
        }
        PageCounts c = progress.counts;
        return new ObjectSummary(SalesforceRecords.SOURCE, object, status, progress.read, c.inserted(), c.updated(),
                c.deleted(), c.errors(), client.apiCalls() - callsBefore, (System.nanoTime() - started) / 1e9, message);
    }

    private void read(String object, long runId, Progress progress) {
        List<String> fields = mapping.sourceFields(SalesforceRecords.SOURCE, object);
        Checkpoint from = checkpoints.resumeFrom(SalesforceRecords.SOURCE, object, properties.lookBack()).orElse(null);
        String soql = Soql.incremental(object, fields, from, true);
        Instant started = Instant.now();
        MappedPage page = map(object, client.query(soql, true));
        boolean bulk = !page.json().path("done").asBoolean(true)
                && page.json().path("totalSize").asLong() > properties.bulkThreshold();
        while (true) {
            boolean done = page.json().path("done").asBoolean(true);
            // Fetch and map the next page while this one is committed: PostgreSQL works on the commit meanwhile,
            // and the checkpoint still only moves with a committed page.
            CompletableFuture<MappedPage> next = done || bulk ? null
                    : CompletableFuture.supplyAsync(fetch(object, page.json().path("nextRecordsUrl").asText()), prefetch);
            commit(object, runId, page.records(), page.mapped(), progress, true);
            if (done) {
                markReadThrough(object, started);
                return;
            }
            if (bulk) {
                // The REST cursor is simply abandoned; Salesforce expires it.
                bulkRead(object, runId, fields, progress);
                markReadThrough(object, started);
                return;
            }
            page = await(next);
        }
    }

    /**
     * A complete read that started at local time {@code started} has seen every change the org stamped before then
     * (by the org's clock, less the look-back for transactions committed late): the next read may start there, so an
     * idle run does not re-read the look-back window before the newest record again and again.
     */
    private void markReadThrough(String object, Instant started) {
        client.clock().readThrough(started, properties.lookBack())
                .ifPresent(through -> checkpoints.markReadThrough(SalesforceRecords.SOURCE, object, through));
    }

    /** A REST query page with its records read and mapped. */
    private record MappedPage(JsonNode json, SalesforceRecords.Page records, MappingResult mapped) {
    }

    private MappedPage map(String object, JsonNode json) {
        SalesforceRecords.Page records = SalesforceRecords.fromJson(object, json.path("records"));
        return new MappedPage(json, records, mapping.map(records.records()));
    }

    private Supplier<MappedPage> fetch(String object, String nextRecordsUrl) {
        return () -> map(object, client.queryMore(nextRecordsUrl));
    }

    private static MappedPage await(CompletableFuture<MappedPage> next) {
        try {
            return next.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private void bulkRead(String object, long runId, List<String> fields, Progress progress) {
        String soql = Soql.incremental(object, fields, progress.checkpoint, false);
        QueryJob job = client.createQueryJob(soql, true);
        String jobId = job.getId();
        log.info("salesforce {}: {} records pending, reading them with Bulk API 2.0 job {}", object,
                "more than " + properties.bulkThreshold(), jobId);
        while (job.getState() != JobStateEnum.JOB_COMPLETE) {
            if (job.getState() == JobStateEnum.FAILED || job.getState() == JobStateEnum.ABORTED) {
                throw new CrmApiException("Bulk API 2.0 query job " + jobId + " " + job.getState(), 200,
                        "{\"id\":\"" + jobId + "\",\"state\":\"" + job.getState() + "\"}");
            }
            writer.pause(properties.bulkPollInterval()); // a stop request (SIGTERM) ends the wait at once
            job = client.queryJob(jobId);
        }
        // Describe once per object for this read, so the CSV cells are typed as REST types them (one canonical raw)
        SalesforceFieldTypes types = new SalesforceFieldTypes(
                o -> client.call("GET", "/sobjects/" + Soql.objectName(o) + "/describe", null));
        Checkpoint highest = progress.checkpoint;
        String locator = null;
        long rowsRead = 0;
        do {
            SalesforceClient.BulkChunk results = client.bulkResults(jobId, locator, BULK_RESULT_ROWS);
            List<List<String>> rows = results.rows();
            List<String> header = rows.get(0);
            for (int from = 1; from < rows.size(); from += properties.batchSize()) {
                List<List<String>> chunk = rows.subList(from, Math.min(rows.size(), from + properties.batchSize()));
                SalesforceRecords.Page records = SalesforceRecords.fromCsv(object, header, chunk, types);
                highest = max(highest, lastKey(records.records()));
                commit(object, runId, records, mapping.map(records.records()), progress, false);
            }
            rowsRead += rows.size() - 1;
            locator = results.locator();
        } while (locator != null);
        // fewer rows than the job processed: a chunk went missing, so the checkpoint must not move past them
        SalesforceResponseCheck.bulkTotal(jobId, job.getNumberRecordsProcessed(), rowsRead);
        if (highest != null && highest != progress.checkpoint) {
            writer.commit(new PageCommit(runId, SalesforceRecords.SOURCE, object,
                    new MappingResult(List.of(), List.of(), List.of()), highest));
            progress.checkpoint = highest;
        }
    }

    private void commit(String object, long runId, SalesforceRecords.Page page, MappingResult mapped, Progress progress,
                        boolean checkpoint) {
        if (page.records().isEmpty() && page.errors().isEmpty()) {
            return;
        }
        List<RecordError> errors = page.errors().isEmpty() ? mapped.errors() : concat(page.errors(), mapped.errors());
        Checkpoint next = checkpoint ? max(progress.checkpoint, lastKey(page.records())) : null;
        PageCounts counts = writer.commit(new PageCommit(runId, SalesforceRecords.SOURCE, object,
                new MappingResult(mapped.rows(), mapped.deletions(), errors), next));
        progress.read += page.records().size() + page.errors().size();
        progress.counts = progress.counts.plus(counts);
        if (next != null) {
            progress.checkpoint = next;
        }
    }

    private static Checkpoint lastKey(List<SourceRecord> records) {
        Checkpoint last = null;
        for (SourceRecord record : records) {
            last = max(last, new Checkpoint(record.modifiedAt(), record.id()));
        }
        return last;
    }

    /** Checkpoints only move forward: a look-back overlap must not move them back. */
    private static Checkpoint max(Checkpoint a, Checkpoint b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return KEY_ORDER.compare(a, b) >= 0 ? a : b;
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
