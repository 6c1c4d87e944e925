package com.partnersync.warehouse;

import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.util.List;

/**
 * Run history: one sync_run row per cycle or command, one sync_run_object row per CRM object it touched, recorded as
 * each object finishes (so a later failure in the run does not erase them). Listeners hear of each record.
 */
public class SyncRuns {
    private final JdbcTemplate jdbc;
    private final List<RunListener> listeners;

    public SyncRuns(DataSource dataSource) {
        this(dataSource, List.of());
    }

    public SyncRuns(DataSource dataSource, List<RunListener> listeners) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.listeners = List.copyOf(listeners);
    }

    public long start(String command) {
        long runId = jdbc.queryForObject("insert into sync_run (command) values (?) returning id", Long.class, command);
        listeners.forEach(l -> l.started(runId, command));
        return runId;
    }

    public void recordObject(long runId, ObjectSummary s) {
        jdbc.update("""
                        insert into sync_run_object (run_id, source_system, object, status, read_count, inserted, updated,
                                                     deleted, errors, api_calls, seconds, message)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                runId, s.sourceSystem(), s.object(), s.status(), s.read(), s.inserted(), s.updated(), s.deleted(),
                s.errors(), s.apiCalls(), s.seconds(), s.message());
        listeners.forEach(l -> l.objectFinished(runId, s));
    }

    /** Marks every run still RUNNING as ABANDONED now: called by the instance that just became active (see Leadership). */
    public int abandonRunning() {
        return jdbc.update("update sync_run set status = 'ABANDONED', ended_at = now() where status = 'RUNNING'");
    }

    /** The reconcile table of one object, on the row {@link #recordObject} wrote. */
    public void recordReconciliation(long runId, String sourceSystem, String object, Reconciliation.Counts c) {
        jdbc.update("""
                        update sync_run_object set crm_live = ?, warehouse_live = ?, missing = ?, extra = ?, fixed = ?
                        where run_id = ? and source_system = ? and object = ?""",
                c.crmLive(), c.warehouseLive(), c.missing(), c.extra(), c.fixed(), runId, sourceSystem, object);
    }

    public void finish(long runId, String status) {
        jdbc.update("update sync_run set status = ?, ended_at = now() where id = ?", status, runId);
        listeners.forEach(l -> l.finished(runId, status));
    }
}
