package com.partnersync.warehouse;

import com.partnersync.mapping.RecordError;
import com.partnersync.mapping.TextSanitizer;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.Collection;
import java.util.List;

/**
 * sync_error as current state: one row per (source, object, record, field, problem). Meeting a problem again updates
 * its row (last_seen, occurrences once per run, the latest message and payload); reading the record again without
 * it resolves the row. Call both inside the transaction that commits the records, so state and data agree.
 */
public final class SyncErrors {
    private SyncErrors() {
    }

    /** Opens or refreshes a row per error. {@code runId} null or 0: not part of a recorded run (counted every time). */
    public static void report(JdbcTemplate jdbc, Long runId, List<RecordError> errors) {
        if (errors.isEmpty()) {
            return;
        }
        Long run = runId == null || runId <= 0 ? null : runId;
        jdbc.batchUpdate("""
                        insert into sync_error (run_id, source_system, object, record_id, field, problem, severity,
                                                message, raw)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)
                        on conflict (source_system, object, coalesce(record_id, ''), coalesce(field, ''), problem)
                        do update set
                            occurrences = sync_error.occurrences
                                + case when excluded.run_id = sync_error.run_id and sync_error.resolved_at is null
                                       then 0 else 1 end,
                            run_id = excluded.run_id, severity = excluded.severity, message = excluded.message,
                            raw = excluded.raw, last_seen = now(), resolved_at = null""",
                errors.stream().map(e -> new Object[]{run, e.sourceSystem(), e.object(), TextSanitizer.clean(e.recordId()),
                        TextSanitizer.clean(e.field()),
                        TextSanitizer.clean(e.problem()), e.warning() ? "warning" : "error", TextSanitizer.clean(e.message()),
                        TextSanitizer.cleanJson(e.rawJson())}).toList());
    }

    /**
     * Resolves the open rows of records read again in this transaction whose problem was not met again (rows met in
     * this transaction carry its {@code now()} as last_seen).
     */
    public static void resolveReadAgain(JdbcTemplate jdbc, String sourceSystem, String object, Collection<String> recordIds) {
        if (recordIds.isEmpty()) {
            return;
        }
        jdbc.update("""
                        update sync_error set resolved_at = now()
                        where source_system = ? and object = ? and record_id = any(?) and resolved_at is null
                          and last_seen < now()""",
                sourceSystem, object, recordIds.toArray(String[]::new));
    }

    /** Resolves every open row of an object not met in this transaction: for checks that see all records at once. */
    public static void resolveAllOthers(JdbcTemplate jdbc, String object) {
        jdbc.update("update sync_error set resolved_at = now() where object = ? and resolved_at is null and last_seen < now()",
                object);
    }
}
