package com.partnersync.sync;

import com.partnersync.mapping.MappedRow;
import com.partnersync.mapping.MappingResult;
import com.partnersync.mapping.RecordError;
import com.partnersync.mapping.SourceRecord;
import com.partnersync.warehouse.ObjectSummary;
import com.partnersync.warehouse.PageCommit;
import com.partnersync.warehouse.PageCounts;
import com.partnersync.warehouse.RunStatus;
import com.partnersync.warehouse.WarehouseWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * The steps of syncing one object that are the same for every CRM, in plain Java; the {@code crm-object} route
 * ({@link CrmObjectRoutes}) calls them in this order: {@link #start}, {@link #plan}, then page after page
 * {@link #nextPage} (fetch, attach related data, map), {@link #readAhead} and {@link #commit}, and {@link #summary} —
 * or, when an exception ends the route, {@link #paused}, {@link #interrupted} or {@link #failed}.
 *
 * <p>Each page is committed together with its checkpoint, so a crash replays at most the page in flight. The next page
 * is fetched, attached and mapped while the current one commits: the CRM's latency and the mapping overlap
 * PostgreSQL's work, and the checkpoint still only moves with a committed page. A failure reading ahead (a malformed
 * answer, the API limit) surfaces when that page is taken, after the current one is committed.
 */
public class ObjectSync<C, P extends PageReader.Page> {
    private static final Logger log = LoggerFactory.getLogger(ObjectSync.class);
    private static final MappingResult NOTHING = new MappingResult(List.of(), List.of(), List.of());
    /** Objects of every CRM sync at the same time, each reading its own next page ahead; threads end when idle. */
    private static final ExecutorService READ_AHEAD = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "read-ahead");
        thread.setDaemon(true);
        return thread;
    });

    private final PageReader<C, P> reader;
    private final Function<List<SourceRecord>, MappingResult> mapper;
    private final WarehouseWriter writer;

    /** @param mapper the mapping files' rules ({@code MappingSet::map}) */
    public ObjectSync(PageReader<C, P> reader, Function<List<SourceRecord>, MappingResult> mapper, WarehouseWriter writer) {
        this.reader = reader;
        this.mapper = mapper;
        this.writer = writer;
    }

    public String sourceSystem() {
        return reader.sourceSystem();
    }

    /** A page read and mapped, ready to commit; {@code read} counts its records and unreadable records. */
    record MappedPage<P>(P page, int read, MappingResult mapped) {
    }

    /** One object being synced in one run: the body travelling through its route. */
    public static final class Run<C, P extends PageReader.Page> {
        final long runId;
        final String object;
        final long startNanos = System.nanoTime();
        C cursor;
        MappedPage<P> current;
        CompletableFuture<MappedPage<P>> next;
        long read;
        PageCounts counts = PageCounts.NONE;

        Run(long runId, String object) {
            this.runId = runId;
            this.object = object;
        }

        /** Before the first page, or while the last page taken is not the last one. */
        public boolean more() {
            return current == null || !current.page().last();
        }
    }

    public Run<C, P> start(long runId, String object) {
        return new Run<>(runId, object);
    }

    public void plan(Run<C, P> run) {
        run.cursor = reader.plan(run.object);
    }

    /** Takes the next page: the one read ahead, or read now. */
    public void nextPage(Run<C, P> run) {
        MappedPage<P> page;
        if (run.next == null) {
            page = read(run.cursor);
        } else {
            try {
                page = run.next.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            } finally {
                run.next = null;
            }
        }
        run.current = page;
        run.read += page.read();
    }

    private MappedPage<P> read(C cursor) {
        P page = reader.fetch(cursor);
        reader.attach(cursor, page);
        List<SourceRecord> records = page.records();
        return new MappedPage<>(page, records.size() + page.errors().size(), map(records, page.errors()));
    }

    /** The records mapped; records the reader could not read come first among the errors. */
    private MappingResult map(List<SourceRecord> records, List<RecordError> unreadable) {
        MappingResult mapped = records.isEmpty() ? NOTHING : mapper.apply(records);
        if (unreadable.isEmpty()) {
            return mapped;
        }
        List<RecordError> errors = new ArrayList<>(unreadable);
        errors.addAll(mapped.errors());
        return new MappingResult(mapped.rows(), mapped.deletions(), errors);
    }

    /**
     * Starts reading the page after the current one. Called once the current page's own calls are done, so an API
     * limit the read-ahead meets still lets the current page commit.
     */
    public void readAhead(Run<C, P> run) {
        if (run.more()) {
            C cursor = run.cursor;
            run.next = CompletableFuture.supplyAsync(() -> read(cursor), READ_AHEAD);
        }
    }

    /** The page and its checkpoint in one transaction, then the reader's bookkeeping. */
    public void commit(Run<C, P> run) {
        P page = run.current.page();
        if (run.current.read() > 0 || page.checkpoint() != null) {
            run.counts = run.counts.plus(writer.commit(new PageCommit(run.runId, reader.sourceSystem(), run.object,
                    run.current.mapped(), page.checkpoint())));
        }
        reader.committed(run.cursor, page);
    }

    /**
     * Loads records read outside the incremental walk (reconcile's missing records): mapped and committed without a
     * checkpoint (they are not in modification order).
     *
     * @return the records loaded (the others are in sync_error)
     */
    public long load(long runId, String object, P page) {
        MappingResult mapped = map(page.records(), page.errors());
        writer.commit(new PageCommit(runId, reader.sourceSystem(), object, mapped, null));
        return mapped.rows().stream().map(MappedRow::sourceId).distinct().count();
    }

    public ObjectSummary summary(Run<C, P> run) {
        ObjectSummary summary = summary(run, RunStatus.SUCCEEDED, null);
        log.info("{} {}: {} read, {} inserted, {} updated, {} deleted, {} errors, {} API calls", summary.sourceSystem(),
                summary.object(), summary.read(), summary.inserted(), summary.updated(), summary.deleted(),
                summary.errors(), summary.apiCalls());
        return summary;
    }

    /** The API budget is used up (a DAILY limit, or the configured share): the committed checkpoint stays. */
    public ObjectSummary paused(Run<C, P> run, ApiLimitReachedException e) {
        log.warn("{} {}: paused, {}", reader.sourceSystem(), run.object, e.getMessage());
        return summary(run, RunStatus.PAUSED_LIMIT, e.getMessage());
    }

    /** A stop request (SIGTERM, lost leadership) before a page commit: the next run carries on from the last one. */
    public ObjectSummary interrupted(Run<C, P> run, RunInterruptedException e) {
        log.warn("{} {}: {}", reader.sourceSystem(), run.object, e.getMessage());
        return summary(run, RunStatus.INTERRUPTED, e.getMessage());
    }

    /** A CRM error (after the client's retries) or a bug: the message says which, the checkpoint stays. */
    public ObjectSummary failed(Run<C, P> run, Exception e) {
        if (e instanceof CrmApiException) {
            log.error("{} {}: sync failed: {}", reader.sourceSystem(), run.object, e.getMessage());
        } else {
            log.error("{} {}: sync failed", reader.sourceSystem(), run.object, e);
        }
        return summary(run, RunStatus.FAILED, e.getMessage());
    }

    private ObjectSummary summary(Run<C, P> run, RunStatus status, String message) {
        PageCounts c = run.counts;
        long calls = run.cursor == null ? 0 : reader.apiCalls(run.cursor);
        return new ObjectSummary(reader.sourceSystem(), run.object, status, run.read, c.inserted(), c.updated(),
                c.deleted(), c.errors(), calls, (System.nanoTime() - run.startNanos) / 1e9, message);
    }
}
