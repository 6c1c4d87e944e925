package com.partnersync.salesforce;

import com.fasterxml.jackson.databind.JsonNode;
import com.partnersync.mapping.MappingSet;
import com.partnersync.mapping.RecordError;
import com.partnersync.mapping.SourceRecord;
import com.partnersync.sync.CrmApiException;
import com.partnersync.sync.PageReader;
import com.partnersync.warehouse.Checkpoint;
import com.partnersync.warehouse.CheckpointStore;
import com.partnersync.warehouse.WarehouseWriter;
import org.apache.camel.component.salesforce.api.dto.bulkv2.JobStateEnum;
import org.apache.camel.component.salesforce.api.dto.bulkv2.QueryJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads one Salesforce object after its checkpoint, in (SystemModstamp, Id) order, page by page; each page's
 * checkpoint is its last key, so a crash replays at most the page in flight.
 *
 * <p>The first REST page tells how many records are pending ({@code totalSize}). Above {@code bulk-threshold} the
 * rest is read through one Bulk API 2.0 query job instead of hundreds of REST pages; Bulk results are unordered, so
 * that part checkpoints once, with a last page committed after its last row (a crash re-reads it; the upsert makes
 * that harmless). Both paths use queryAll so deleted records arrive with IsDeleted and soft-delete their rows.
 * Salesforce objects have no related data to attach: the mappings read relationship fields in the same query.
 */
public class SalesforcePageReader implements PageReader<SalesforcePageReader.Read, SalesforcePageReader.Page> {
    private static final Logger log = LoggerFactory.getLogger(SalesforcePageReader.class);
    private static final Comparator<Checkpoint> KEY_ORDER =
            Comparator.comparing(Checkpoint::lastModifiedAt).thenComparing(Checkpoint::lastId);
    private static final int BULK_RESULT_ROWS = 50_000;

    private final SalesforceClient client;
    private final MappingSet mapping;
    private final WarehouseWriter writer;
    private final CheckpointStore checkpoints;
    private final SalesforceProperties properties;

    /** @param writer waits between Bulk job polls ({@link WarehouseWriter#pause}: a stop request ends the wait) */
    public SalesforcePageReader(SalesforceClient client, MappingSet mapping, WarehouseWriter writer,
                                CheckpointStore checkpoints, SalesforceProperties properties) {
        this.client = client;
        this.mapping = mapping;
        this.writer = writer;
        this.checkpoints = checkpoints;
        this.properties = properties;
    }

    /** One run of one object: where the read stands. */
    public static final class Read {
        final String object;
        final List<String> fields;
        /** Local time before the first query: a complete read has seen every change stamped before it. */
        final Instant started = Instant.now();
        /** Calls of this run, counted on whichever thread reads (objects run concurrently over one session). */
        final AtomicLong calls = new AtomicLong();
        /** The committed checkpoint, then the last key of the REST pages read: checkpoints only move forward. */
        Checkpoint highest;
        /** Where the first query starts: the checkpoint less the look-back. */
        Checkpoint from;
        boolean queried;
        String nextRecordsUrl;
        /** More pending than the bulk threshold: the rest is read by a Bulk API 2.0 job. */
        boolean bulk;
        BulkRead job;

        Read(String object, List<String> fields) {
            this.object = object;
            this.fields = fields;
        }
    }

    /** A Bulk API 2.0 query job's results, read chunk by chunk and handed out a REST page's size at a time. */
    private static final class BulkRead {
        final QueryJob job;
        final SalesforceFieldTypes types;
        final Checkpoint from;
        Checkpoint highest;
        List<List<String>> rows = List.of();
        int next;
        boolean chunksLeft = true;
        String locator;
        long rowsRead;

        BulkRead(QueryJob job, SalesforceFieldTypes types, Checkpoint from) {
            this.job = job;
            this.types = types;
            this.from = from;
            this.highest = from;
        }
    }

    public record Page(List<SourceRecord> records, List<RecordError> errors, Checkpoint checkpoint, boolean last)
            implements PageReader.Page {
    }

    @Override
    public String sourceSystem() {
        return SalesforceRecords.SOURCE;
    }

    @Override
    public Read plan(String object) {
        Read read = new Read(object, mapping.sourceFields(SalesforceRecords.SOURCE, object));
        read.highest = checkpoints.load(SalesforceRecords.SOURCE, object).orElse(null);
        read.from = checkpoints.resumeFrom(SalesforceRecords.SOURCE, object, properties.lookBack()).orElse(null);
        log.info("salesforce {}: reading changes after the checkpoint", object);
        return read;
    }

    @Override
    public Page fetch(Read read) {
        return client.countingCalls(read.calls, () -> {
            if (!read.queried) {
                JsonNode first = client.query(Soql.incremental(read.object, read.fields, read.from, true), true);
                read.queried = true;
                read.bulk = !first.path("done").asBoolean(true)
                        && first.path("totalSize").asLong() > properties.bulkThreshold();
                return restPage(read, first);
            }
            // the REST cursor of a read that went on by Bulk is simply abandoned; Salesforce expires it
            return read.bulk ? bulkPage(read) : restPage(read, client.queryMore(read.nextRecordsUrl));
        });
    }

    private Page restPage(Read read, JsonNode json) {
        SalesforceRecords.Page page = SalesforceRecords.fromJson(read.object, json.path("records"));
        read.nextRecordsUrl = json.path("nextRecordsUrl").asText();
        Checkpoint checkpoint = null;
        if (!page.records().isEmpty()) {
            read.highest = max(read.highest, lastKey(page.records()));
            checkpoint = read.highest;
        }
        boolean done = json.path("done").asBoolean(true);
        return new Page(page.records(), page.errors(), checkpoint, done && !read.bulk);
    }

    /** The next rows of the Bulk job (started on the first call); after its last row, the checkpoint alone. */
    private Page bulkPage(Read read) {
        if (read.job == null) {
            read.job = startBulk(read);
        }
        BulkRead bulk = read.job;
        while (bulk.next >= bulk.rows.size() && bulk.chunksLeft) {
            SalesforceClient.BulkChunk results = client.bulkResults(bulk.job.getId(), bulk.locator, BULK_RESULT_ROWS);
            bulk.rows = results.rows();
            bulk.next = 1; // after the header
            bulk.rowsRead += bulk.rows.size() - 1;
            bulk.locator = results.locator();
            bulk.chunksLeft = bulk.locator != null;
        }
        if (bulk.next < bulk.rows.size()) {
            int from = bulk.next;
            bulk.next = Math.min(bulk.rows.size(), from + properties.batchSize());
            SalesforceRecords.Page page = SalesforceRecords.fromCsv(read.object, bulk.rows.get(0),
                    bulk.rows.subList(from, bulk.next), bulk.types);
            bulk.highest = max(bulk.highest, lastKey(page.records()));
            return new Page(page.records(), page.errors(), null, false);
        }
        // fewer rows than the job processed: a chunk went missing, so the checkpoint must not move past them
        SalesforceResponseCheck.bulkTotal(bulk.job.getId(), bulk.job.getNumberRecordsProcessed(), bulk.rowsRead);
        return new Page(List.of(), List.of(), bulk.highest == bulk.from ? null : bulk.highest, true);
    }

    private BulkRead startBulk(Read read) {
        QueryJob job = client.createQueryJob(Soql.incremental(read.object, read.fields, read.highest, false), true);
        String jobId = job.getId();
        log.info("salesforce {}: more than {} records pending, reading them with Bulk API 2.0 job {}", read.object,
                properties.bulkThreshold(), jobId);
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
        return new BulkRead(job, types, read.highest);
    }

    @Override
    public void attach(Read read, Page page) {
        // relationship fields come with the query
    }

    /**
     * A complete read that started at local time {@code started} has seen every change the org stamped before then
     * (by the org's clock, less the look-back for transactions committed late): the next read may start there, so an
     * idle run does not re-read the look-back window before the newest record again and again.
     */
    @Override
    public void committed(Read read, Page page) {
        if (page.last()) {
            client.clock().readThrough(read.started, properties.lookBack())
                    .ifPresent(through -> checkpoints.markReadThrough(SalesforceRecords.SOURCE, read.object, through));
        }
    }

    @Override
    public long apiCalls(Read read) {
        return read.calls.get();
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
}
