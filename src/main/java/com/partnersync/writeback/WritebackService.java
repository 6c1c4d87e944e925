package com.partnersync.writeback;

import com.partnersync.sync.ApiLimitReachedException;
import com.partnersync.sync.CrmApiException;
import io.github.resilience4j.core.IntervalFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Drains the write-back outbox into the CRMs: diff-only, in batches at each API's maximum, recording each batch's
 * answer in the same transaction that marks its entries sent. Entries are marked SENDING (committed) before their
 * call, so after a crash they are settled by reading the CRM back instead of being sent again.
 */
public class WritebackService {
    private static final Logger log = LoggerFactory.getLogger(WritebackService.class);
    private static final int DRY_RUN_PAGE = 1000;
    /** Advisory lock key of the drain ("wrtback" in ASCII). */
    static final long DRAIN_LOCK = 0x77727462616B63L;

    private final DataSource dataSource;
    private final WritebackOutbox outbox;
    private final TransactionTemplate tx;
    private final List<WritebackMapping> mappings;
    private final Map<String, CrmWriter> writers;
    private final WritebackProperties properties;
    private final IntervalFunction backoff;

    public WritebackService(DataSource dataSource, List<WritebackMapping> mappings, List<CrmWriter> writers,
                            WritebackProperties properties) {
        this.dataSource = dataSource;
        this.outbox = new WritebackOutbox(new JdbcTemplate(dataSource));
        this.tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.mappings = List.copyOf(mappings);
        this.writers = writers.stream().collect(Collectors.toMap(CrmWriter::sourceSystem, Function.identity()));
        this.properties = properties;
        this.backoff = IntervalFunction.ofExponentialBackoff(properties.initialBackoff(), 2.0, properties.maxBackoff());
    }

    /**
     * Sends every due change; returns what each CRM object got. Stops cleanly when an API budget is used up. One drain
     * at a time across processes (a PostgreSQL advisory lock): settling another drain's in-flight batch as if it had
     * crashed could send it twice.
     */
    public DrainReport drain() {
        try (Connection lock = dataSource.getConnection()) {
            if (!advisoryLock(lock, "pg_try_advisory_lock")) {
                log.info("write-back: another drain is running; this one is skipped");
                DrainReport report = new DrainReport();
                report.markBusy();
                return report;
            }
            try {
                return drainLocked();
            } finally {
                advisoryLock(lock, "pg_advisory_unlock");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("write-back could not take its drain lock", e);
        }
    }

    private static boolean advisoryLock(Connection connection, String function) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("select " + function + "(?)")) {
            statement.setLong(1, DRAIN_LOCK);
            try (ResultSet result = statement.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }

    private DrainReport drainLocked() {
        DrainReport report = new DrainReport();
        List<WritebackMapping> active = mappings.stream().filter(m -> writers.containsKey(m.sourceSystem())).toList();
        try {
            settleInFlight(active, report);
            tx.executeWithoutResult(s -> outbox.skipUnmapped(List.copyOf(writers.keySet()), targets(mappings)));
            List<String> activeTargets = targets(active);
            int handled = 1;
            while (handled > 0) {
                handled = 0;
                for (WritebackMapping mapping : active) {
                    handled += drain(mapping, report);
                }
                Instant next = outbox.nextRetry(activeTargets);
                Duration wait = next == null ? null : Duration.between(Instant.now(), next);
                if (wait == null || wait.compareTo(properties.maxRetryWait()) > 0) {
                    break;
                }
                sleep(wait);
            }
        } catch (ApiLimitReachedException e) {
            log.warn("write-back paused: {}", e.getMessage());
            report.pausedLimit(e.getMessage());
        }
        log.info("write-back drained:\n{}", report);
        return report;
    }

    /** One pass over the mapping's due entries; returns how many entries it took from the queue. */
    private int drain(WritebackMapping mapping, DrainReport report) {
        CrmWriter writer = writers.get(mapping.sourceSystem());
        DrainReport.ObjectReport counts = report.object(mapping);
        long afterId = 0;
        int taken = 0;
        while (true) {
            long from = afterId;
            Claim claim = tx.execute(s -> claim(mapping, writer.batchSize(), from, counts));
            if (claim.taken == 0) {
                return taken;
            }
            taken += claim.taken;
            afterId = claim.lastId;
            if (claim.changes.isEmpty()) {
                continue;
            }
            List<RecordResult> results;
            try {
                counts.calls++;
                results = writer.update(mapping, claim.changes);
            } catch (ApiLimitReachedException e) {
                // the shared sessions throw this before sending or on the CRM's own limit refusal: nothing was written
                counts.calls--;
                tx.executeWithoutResult(s -> claim.changes.forEach(c -> outbox.requeue(c.outboxId(), Duration.ZERO, null, true)));
                throw e;
            } catch (CrmApiException e) {
                boolean retryable = e.status() == 429 || e.status() >= 500;
                String message = e.body() == null || e.body().isBlank() ? e.getMessage() : e.body();
                results = claim.changes.stream().map(c -> RecordResult.error(retryable, "HTTP " + e.status(), message, List.of())).toList();
            }
            List<RecordResult> answers = results;
            tx.executeWithoutResult(s -> record(mapping, claim.changes, answers, counts));
        }
    }

    private record Claim(List<RecordChange> changes, int taken, long lastId) {
    }

    /** Takes due entries until a full batch of records that really change (the others are closed as NOOP/SKIPPED). */
    private Claim claim(WritebackMapping mapping, int batchSize, long afterId, DrainReport.ObjectReport counts) {
        List<RecordChange> changes = new ArrayList<>();
        long lastId = afterId;
        int taken = 0;
        while (changes.size() < batchSize) {
            List<WritebackOutbox.Candidate> page = outbox.pending(mapping, lastId, batchSize - changes.size(), true);
            if (page.isEmpty()) {
                break;
            }
            taken += page.size();
            lastId = page.get(page.size() - 1).outboxId();
            Decisions decisions = decide(mapping, page);
            outbox.finish(decisions.unchanged, "NOOP", null);
            decisions.skipped.forEach((id, reason) -> outbox.finish(List.of(id), "SKIPPED", reason));
            counts.noop += decisions.unchanged.size();
            counts.skipped += decisions.skipped.size();
            changes.addAll(decisions.changes);
        }
        outbox.markSending(mapping, changes);
        return new Claim(changes, taken, lastId);
    }

    private void record(WritebackMapping mapping, List<RecordChange> batch, List<RecordResult> results, DrainReport.ObjectReport counts) {
        List<RecordChange> written = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            RecordChange change = batch.get(i);
            RecordResult result = results.get(i);
            switch (result.outcome()) {
                case WRITTEN -> written.add(change);
                case FAILED -> {
                    outbox.markFailed(change.outboxId(), result);
                    counts.failed++;
                }
                case RETRY -> {
                    int attempts = outbox.attempts(change.outboxId());
                    if (attempts >= properties.maxAttempts()) {
                        outbox.markFailed(change.outboxId(), result);
                        counts.failed++;
                    } else {
                        outbox.requeue(change.outboxId(), Duration.ofMillis(backoff.apply(attempts)), result, false);
                        counts.retried++;
                    }
                }
            }
        }
        outbox.markWritten(mapping.sourceSystem(), mapping.crmObject(), written);
        counts.written += written.size();
    }

    /**
     * Entries marked SENDING whose answer was never recorded: read the CRM back; where it already holds every value we
     * sent the write succeeded (recorded as SENT, not sent again), otherwise the entry is queued again.
     */
    private void settleInFlight(List<WritebackMapping> active, DrainReport report) {
        Map<String, List<WritebackOutbox.InFlight>> byMapping = outbox.inFlight().stream()
                .collect(Collectors.groupingBy(f -> f.target() + "/" + f.sourceSystem() + "/" + f.crmObject(), LinkedHashMap::new, Collectors.toList()));
        for (WritebackMapping mapping : active) {
            List<WritebackOutbox.InFlight> entries = byMapping.getOrDefault(mapping.target() + "/" + mapping.sourceSystem() + "/" + mapping.crmObject(), List.of());
            CrmWriter writer = writers.get(mapping.sourceSystem());
            DrainReport.ObjectReport counts = report.object(mapping);
            for (int from = 0; from < entries.size(); from += writer.batchSize()) {
                List<WritebackOutbox.InFlight> chunk = entries.subList(from, Math.min(entries.size(), from + writer.batchSize()));
                Set<String> fields = new HashSet<>();
                chunk.forEach(f -> fields.addAll(f.payload().keySet()));
                counts.calls++;
                Map<String, Map<String, String>> current;
                try {
                    current = writer.read(mapping, chunk.stream().map(WritebackOutbox.InFlight::sourceId).toList(), fields);
                } catch (CrmApiException e) {
                    // unsettled entries stay SENDING (never resent blindly); the next drain reads them again
                    log.warn("write-back: could not read back {} records of {} sent before a crash: {}", chunk.size(),
                            mapping.describe(), e.getMessage());
                    continue;
                }
                tx.executeWithoutResult(s -> {
                    List<RecordChange> applied = new ArrayList<>();
                    for (WritebackOutbox.InFlight f : chunk) {
                        Map<String, String> crm = current.get(f.sourceId());
                        if (crm != null && f.payload().entrySet().stream().allMatch(e -> CrmValues.same(e.getValue(), crm.get(e.getKey())))) {
                            applied.add(new RecordChange(f.outboxId(), f.sourceId(), f.sourceId(), f.payload(), Map.of()));
                        } else {
                            outbox.requeue(f.outboxId(), Duration.ZERO, null, false);
                        }
                    }
                    outbox.markWritten(mapping.sourceSystem(), mapping.crmObject(), applied);
                    counts.reconciled += applied.size();
                });
            }
        }
    }

    /** What the next drain would send, per CRM object, without sending or changing anything. */
    public DryRunReport dryRun() {
        List<DryRunReport.ObjectDiff> objects = new ArrayList<>();
        for (WritebackMapping mapping : mappings) {
            DryRunReport.ObjectDiff diff = new DryRunReport.ObjectDiff(mapping, batchSize(mapping), properties.sampleSize());
            long afterId = 0;
            List<WritebackOutbox.Candidate> page;
            while (!(page = outbox.pending(mapping, afterId, DRY_RUN_PAGE, false)).isEmpty()) {
                afterId = page.get(page.size() - 1).outboxId();
                decide(mapping, page).changes.forEach(diff::add);
            }
            objects.add(diff);
        }
        return new DryRunReport(objects);
    }

    private int batchSize(WritebackMapping mapping) {
        CrmWriter writer = writers.get(mapping.sourceSystem());
        if (writer != null) {
            return writer.batchSize();
        }
        return mapping.sourceSystem().equals("salesforce") ? properties.salesforceBatchSize() : properties.hubspotBatchSize();
    }

    private record Decisions(List<RecordChange> changes, List<Long> unchanged, Map<Long, String> skipped) {
    }

    /**
     * Diff-only: a field is sent when our value differs from what the CRM holds as far as we know: what we last wrote
     * when the record has not been read back since (or the read does not carry the field), else the value last read.
     * Our own write read back therefore compares equal and sends nothing (no echo loop).
     */
    private Decisions decide(WritebackMapping mapping, List<WritebackOutbox.Candidate> page) {
        Map<String, Map<String, WritebackOutbox.Written>> written =
                outbox.written(mapping, page.stream().map(WritebackOutbox.Candidate::sourceId).toList());
        Decisions decisions = new Decisions(new ArrayList<>(), new ArrayList<>(), new LinkedHashMap<>());
        for (WritebackOutbox.Candidate c : page) {
            if (!c.present() || c.deleted()) {
                decisions.skipped.put(c.outboxId(), c.present() ? "record deleted in the CRM" : "record not in the warehouse");
                continue;
            }
            String key = c.sourceId();
            if (mapping.externalIdField() != null) {
                key = c.raw() == null ? null : CrmValues.text(c.raw(), mapping.externalIdField());
                if (key == null) {
                    decisions.skipped.put(c.outboxId(), "no value in external id field " + mapping.externalIdField());
                    continue;
                }
            }
            Map<String, WritebackOutbox.Written> ours = written.getOrDefault(c.sourceId(), Map.of());
            Map<String, String> values = new LinkedHashMap<>();
            Map<String, String> previous = new LinkedHashMap<>();
            mapping.fields().forEach((column, crmField) -> {
                String value = c.values().get(column);
                WritebackOutbox.Written last = ours.get(crmField);
                boolean readSinceWrite = last == null
                        || (c.syncedAt() != null && c.syncedAt().isAfter(last.writtenAt()) && CrmValues.has(c.raw(), crmField));
                String believed = readSinceWrite ? (c.raw() == null ? null : CrmValues.text(c.raw(), crmField)) : last.value();
                if (!CrmValues.same(value, believed)) {
                    values.put(crmField, value);
                    previous.put(crmField, believed);
                }
            });
            if (values.isEmpty()) {
                decisions.unchanged.add(c.outboxId());
            } else {
                decisions.changes.add(new RecordChange(c.outboxId(), c.sourceId(), key, values, previous));
            }
        }
        return decisions;
    }

    private static List<String> targets(List<WritebackMapping> mappings) {
        return mappings.stream().map(m -> m.target() + "/" + m.sourceSystem()).distinct().toList();
    }

    private static void sleep(Duration wait) {
        try {
            Thread.sleep(Math.max(0, wait.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("write-back interrupted while waiting for a retry", e);
        }
    }
}
